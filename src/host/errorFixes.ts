import * as vscode from 'vscode';
import type { ErrorKind } from '../core/types';
import type { Ui } from './ui';

/** A command that can fix an error, with its button label. */
interface Fix {
  command: 'rill.selectProvider' | 'rill.setApiKey' | 'rill.selectModel';
  label(): string;
}

const selectProvider: Fix = { command: 'rill.selectProvider', label: () => vscode.l10n.t('Select Provider') };
const setApiKey: Fix = { command: 'rill.setApiKey', label: () => vscode.l10n.t('Set API Key') };
const selectModel: Fix = { command: 'rill.selectModel', label: () => vscode.l10n.t('Select Model') };

/** The one map from an error's kind to the commands that fix it, in the order their buttons show. */
const FIXES: Partial<Record<ErrorKind, readonly Fix[]>> = {
  config: [selectProvider],
  auth: [setApiKey],
  notFound: [selectModel, selectProvider],
};

/**
 * Shows `message` as an error with a button for each command that fixes errors of `kind` (none
 * for kinds no command fixes), and runs the command the user picks.
 */
export async function showErrorWithFixes(ui: Ui, message: string, kind: ErrorKind | undefined): Promise<void> {
  const fixes = (kind && FIXES[kind]) || [];
  const chosen = await ui.error(message, ...fixes.map((f) => f.label()));
  const fix = fixes.find((f) => f.label() === chosen);
  if (fix) await vscode.commands.executeCommand(fix.command);
}
