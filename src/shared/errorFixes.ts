/**
 * The one map from an error's kind to the setup steps that fix it, in the order their buttons show:
 * the host's error messages and the chat webview's failed answers offer the same buttons.
 */
import type { ErrorKind } from '../core/types';

/** A setup step a button can start: the Rill command of that name. */
export type FixCommand = 'selectProvider' | 'setApiKey' | 'selectModel';

const FIXES: Partial<Record<ErrorKind, readonly FixCommand[]>> = {
  config: ['selectProvider'],
  auth: ['setApiKey'],
  notFound: ['selectModel', 'selectProvider'],
};

/** The steps that fix errors of `kind` (none for kinds no command fixes). */
export function fixesFor(kind: ErrorKind | undefined): readonly FixCommand[] {
  return (kind && FIXES[kind]) || [];
}
