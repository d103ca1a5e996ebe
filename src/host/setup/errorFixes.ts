/**
 * Error messages with buttons that run the commands fixing them.
 */
import * as vscode from 'vscode';
import type { ErrorKind } from '../../core/types';
import { type FixCommand, fixesFor } from '../../shared/errorFixes';
import type { Ui } from '../ui';

/** The button label of each fix. */
const LABELS: Record<FixCommand, () => string> = {
  selectProvider: () => vscode.l10n.t('Select Provider'),
  setApiKey: () => vscode.l10n.t('Set API Key'),
  selectModel: () => vscode.l10n.t('Select Model'),
};

/**
 * Shows `message` as an error with a button for each command that fixes errors of `kind` (none
 * for kinds no command fixes), and runs the command the user picks.
 */
export async function showErrorWithFixes(ui: Ui, message: string, kind: ErrorKind | undefined): Promise<void> {
  const fixes = fixesFor(kind);
  const chosen = await ui.error(message, ...fixes.map((f) => LABELS[f]()));
  const fix = fixes.find((f) => LABELS[f]() === chosen);
  if (fix) await vscode.commands.executeCommand(`rill.${fix}`);
}
