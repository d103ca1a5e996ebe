/** Building tool results: refusals that say why, notes on cut lists, counts in step lines. */
import { type StepKey, stepLine } from './stepLines';
import type { Refusal, ToolResult } from './types';

/** What each refusal tells the model (and the step line, shortened). */
const WHY: Record<Refusal['reason'], string> = {
  secret: 'secret file',
  outside: 'outside the workspace',
  excluded: 'excluded file',
  tooLarge: 'file too large',
  binary: 'binary file',
  unreadable: 'cannot be read',
  notFound: 'not found',
  notAFile: 'a folder, not a file',
  notAFolder: 'not a folder',
  invalid: 'invalid request',
  unavailable: 'not available here',
  cancelled: 'cancelled',
};

/** The step line of each refusal. */
const REFUSED_LINE: Record<Refusal['reason'], StepKey> = {
  secret: 'refusedSecret',
  outside: 'refusedOutside',
  excluded: 'refusedExcluded',
  tooLarge: 'refusedTooLarge',
  binary: 'refusedBinary',
  unreadable: 'refusedUnreadable',
  notFound: 'refusedNotFound',
  notAFile: 'refusedNotAFile',
  notAFolder: 'refusedNotAFolder',
  invalid: 'refusedInvalid',
  unavailable: 'refusedUnavailable',
  cancelled: 'refusedCancelled',
};

/** What the model may do next, per reason: so it does not ask again in vain. */
const NEXT: Partial<Record<Refusal['reason'], string>> = {
  secret: 'Secret files are never sent to the model; do not ask for it again.',
  outside: 'Only files inside the workspace can be read; use a workspace-relative path.',
  excluded: 'The workspace excludes it (files.exclude, search.exclude or .gitignore).',
  notFound: 'Check the path with list_dir or find_files.',
  notAFile: 'Use list_dir for folders.',
  cancelled: 'The user stopped it.',
};

/** The result for a refused request about `subject` (a path, a pattern): `ok: false`, saying why. */
export function refused(subject: string, refusal: Refusal): ToolResult {
  const why = WHY[refusal.reason];
  const detail = refusal.detail ? ` (${refusal.detail})` : '';
  const next = NEXT[refusal.reason] ? ` ${NEXT[refusal.reason]}` : '';
  return {
    ok: false,
    content: `Refused ${subject}: ${why}${detail}.${next}`,
    summary: stepLine(REFUSED_LINE[refusal.reason], subject),
    refusal: refusal.reason,
  };
}

/** The result for arguments the tool could not use. */
export function invalid(tool: string, error: string): ToolResult {
  return {
    ok: false,
    content: `${tool}: ${error} Check the arguments against the tool's parameters and call it again.`,
    summary: stepLine('invalidArguments', tool),
    refusal: 'invalid',
  };
}

/** The note under a list that was cut at `shown` items. */
export function cutNote(shown: number, what: string, narrow: string): string {
  return `[Only the first ${shown} ${what} are shown; there are more. ${narrow}]`;
}
