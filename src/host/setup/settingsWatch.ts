/**
 * Applies setting changes at once and reports problems in the profile settings.
 */
import * as vscode from 'vscode';
import { affectsRequests, describeProblem, readProfiles } from '../settings';
import type { Ui } from '../ui';
import type { StatusBar } from './statusBar';

/** What the watch refreshes and where it reports (the services; `ui` is read on each use). */
export interface SettingsWatchPorts {
  readonly ui: Ui;
  readonly status: StatusBar;
  /** The side panel's chat, whose footer shows the model and the context. */
  readonly controller: { refreshStatus(): void };
}

/**
 * Applies setting changes at once (status bar, chat footer) and reports problems in the profile
 * settings, each set of problems once. Cached model lists stay: they are keyed by endpoint.
 */
export function watchSettings(s: SettingsWatchPorts): vscode.Disposable {
  let shown = '';
  const check = () => {
    const problems = readProfiles().problems.map(describeProblem);
    const key = problems.join('\n');
    if (key && key !== shown) {
      const open = vscode.l10n.t('Open Settings');
      void s.ui.warn(problems.join(' '), {}, open).then((c) => {
        if (c === open) void vscode.commands.executeCommand('workbench.action.openSettings', 'rill.');
      });
    }
    shown = key;
  };
  check();
  return vscode.Disposable.from(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!affectsRequests(e)) return;
      s.status.refresh();
      s.controller.refreshStatus();
      check();
    }),
    // Trusting the workspace brings its settings into force (a workspace system prompt, say).
    vscode.workspace.onDidGrantWorkspaceTrust(() => s.controller.refreshStatus()),
  );
}
