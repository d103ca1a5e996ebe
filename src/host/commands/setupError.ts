/**
 * How the commands report a missing or broken setup: the message with the command that fixes it.
 */

import { SetupError } from '../../core/chat';
import type { ProviderProfile } from '../../core/providers';
import type { Services } from '../services';
import { showErrorWithFixes } from '../setup/errorFixes';
import { requireProfile } from '../setup/target';

/** Shows why nothing can be sent; a setup problem comes with the command that fixes it. */
export async function reportSetupError(s: Services, e: unknown): Promise<void> {
  const message = e instanceof Error ? e.message : String(e);
  await showErrorWithFixes(s.ui, message, e instanceof SetupError ? e.kind : undefined);
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
