/**
 * Error messages with buttons that run the commands fixing them.
 */
import * as vscode from 'vscode';
import type { ErrorKind } from '../../core/types';
import { fixesFor } from '../../shared/errorFixes';
import { fixLabels } from '../chat/strings';
import type { Ui } from '../ui';

/**
 * Shows `message` as an error with a button for each command that fixes errors of `kind` (none
 * for kinds no command fixes), and runs the command the user picks.
 */
export async function showErrorWithFixes(ui: Ui, message: string, kind: ErrorKind | undefined): Promise<void> {
  const fixes = fixesFor(kind);
  const labels = fixLabels();
  const chosen = await ui.error(message, ...fixes.map((f) => labels[f]));
  const fix = fixes.find((f) => labels[f] === chosen);
  if (fix) await vscode.commands.executeCommand(`rill.${fix}`);
}
