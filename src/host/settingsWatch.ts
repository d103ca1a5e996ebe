import * as vscode from 'vscode';
import type { Services } from './services';
import { affectsRequests, describeProblem, readProfiles } from './settings';

/**
 * Applies setting changes at once (status bar, chat footer, cached model lists) and reports
 * problems in the profile settings, each set of problems once.
 */
export function watchSettings(s: Services): vscode.Disposable {
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
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (!affectsRequests(e)) return;
    s.models.invalidate();
    s.status.refresh();
    s.controller.refreshStatus();
    check();
  });
}
