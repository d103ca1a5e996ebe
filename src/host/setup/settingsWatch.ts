/**
 * Applies setting changes at once and reports problems in the profile settings.
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { affectsRequests, describeProblem, readProfiles } from '../settings';

/**
 * Applies setting changes at once (status bar, chat footer) and reports problems in the profile
 * settings, each set of problems once. Cached model lists stay: they are keyed by endpoint.
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
