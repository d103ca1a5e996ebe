/**
 * The one file policy: whether a file may go to the model, decided from facts the caller gathered
 * (its real path inside a workspace folder or not, excluded or not, its text). Every path that sends
 * a file asks here: the context chip, the welcome's examples, `#` mentions, `/` prompt files, tools.
 */
import { findSecretInText, looksBinary } from './secretContent';
import { secretNameRule } from './secretNames';

/** Why a file is not sent without the user's explicit say-so. */
export type HoldReason = 'secret' | 'outside' | 'excluded' | 'tooLarge' | 'binary' | 'unreadable';

/**
 * Who asks: 'auto' (context chip, welcome examples), 'pick' (the user picked it: # mention,
 * explicit add), 'tool' (the model asked through a tool).
 */
export type FilePurpose = 'auto' | 'pick' | 'tool';

/** What the caller knows about one file. */
export interface FileFacts {
  /** Workspace-relative (or display) path, used for the name rules. */
  path: string;
  /** Real path resolved inside a workspace folder (symlinks followed). */
  insideWorkspace: boolean;
  /** Matched by files.exclude / search.exclude / .gitignore. */
  excluded?: boolean;
  /** Is the active editor's document (may be excluded, still never secret for 'auto'). */
  activeEditor?: boolean;
  /** The text, when already read (content rules run on it). */
  text?: string;
  /** Reading failed (missing, no permission, a folder). */
  unreadable?: boolean;
  /** The file's size in bytes, when known: over {@link MAX_FILE_BYTES} it is not read at all. */
  bytes?: number;
  /**
   * The real path's own name, when a link's name differs from its target's (`notes.md` pointing at
   * `id_ed25519`): the name rules run on both.
   */
  realName?: string;
}

export type FileDecision =
  | { ok: true }
  | { ok: false; reason: HoldReason; rule?: string }
  /** 'pick' of a secret-looking file: send after the user confirms. */
  | { ok: 'confirm'; reason: 'secret'; rule: string };

/** Files larger than this are not read for the model at all (the read cap is far below it). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * The decision for one file and one purpose.
 * - 'auto' and 'tool' never send a secret-looking file (by name or content) nor one whose real path
 *   is outside the workspace folders; 'tool' also refuses excluded files; 'auto' allows an excluded
 *   file only when it is the active editor.
 * - 'pick' sends outside and excluded files the user picked on purpose; a secret-looking one is
 *   `confirm`: sent only after the user says so.
 * - Unreadable, binary and oversized files are held for every purpose.
 * The checks that need no text run first, so a caller may ask without `text`, read only when the
 * answer is `ok`, then ask again with the text for the content rules.
 */
export function decideFile(facts: FileFacts, purpose: FilePurpose): FileDecision {
  if (facts.unreadable) return { ok: false, reason: 'unreadable' };
  if (facts.bytes !== undefined && facts.bytes > MAX_FILE_BYTES) return { ok: false, reason: 'tooLarge' };
  const picked = purpose === 'pick';
  if (!facts.insideWorkspace && !picked) return { ok: false, reason: 'outside' };
  if (facts.excluded && (purpose === 'tool' || (purpose === 'auto' && !facts.activeEditor)))
    return { ok: false, reason: 'excluded' };
  const nameRule = secretNameRule(facts.path) ?? (facts.realName ? secretNameRule(facts.realName) : undefined);
  if (nameRule) return picked ? { ok: 'confirm', reason: 'secret', rule: nameRule } : held(nameRule);
  if (facts.text === undefined) return { ok: true };
  if (looksBinary(facts.text)) return { ok: false, reason: 'binary' };
  const contentRule = findSecretInText(facts.text);
  if (contentRule) return picked ? { ok: 'confirm', reason: 'secret', rule: contentRule } : held(contentRule);
  return { ok: true };
}

function held(rule: string): FileDecision {
  return { ok: false, reason: 'secret', rule };
}
