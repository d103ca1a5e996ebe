import * as vscode from 'vscode';
import type { ProviderProfile } from '../../core/providers';
import { SetupError } from '../../core/chat';
import type { Services } from '../services';
import { requireProfile } from '../target';

/** Shows why nothing can be sent; a setup problem comes with the command that fixes it. */
export async function reportSetupError(s: Services, e: unknown): Promise<void> {
  const message = e instanceof Error ? e.message : String(e);
  if (!(e instanceof SetupError)) {
    void s.ui.error(message);
    return;
  }
  const selectProvider = vscode.l10n.t('Select Provider');
  if ((await s.ui.error(message, selectProvider)) === selectProvider)
    await vscode.commands.executeCommand('rill.selectProvider');
}

/** The active profile, or undefined after telling the user how to set one up. */
export async function activeProfileOrReport(s: Services): Promise<ProviderProfile | undefined> {
  try {
    return requireProfile();
  } catch (e) {
    await reportSetupError(s, e);
    return undefined;
  }
}
