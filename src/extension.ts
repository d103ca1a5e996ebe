import * as vscode from 'vscode';

/** Entry point: wires the features together and nothing else. */
export function activate(context: vscode.ExtensionContext): void {
  void context;
}

export function deactivate(): void {}
