/**
 * The pure decisions behind reviewing an answer before it changes code: whether a change is shown
 * as a diff first, what the document would read after it, and where a code block from the chat
 * panel is applied. No editor here; the host feeds offsets and text.
 */
import type { Span } from './insertion';

/** `rill.insert.review`: which changes open a diff before they are applied. */
export type ReviewSetting = 'replacements' | 'always' | 'never';

/** Reads the setting's raw value; anything unknown falls back to the default, `replacements`. */
export function parseReviewSetting(v: unknown): ReviewSetting {
  return v === 'always' || v === 'never' ? v : 'replacements';
}

/**
 * Whether a change is reviewed first: `always` reviews every change, `never` none, and
 * `replacements` only those that remove existing text (an empty `replaced` span inserts only).
 */
export function needsReview(setting: ReviewSetting, replacesText: boolean): boolean {
  return setting === 'always' || (setting === 'replacements' && replacesText);
}

/** Where one change to a document goes: shown as a diff first, or written straight in as one edit. */
export type ChangeRoute = 'review' | 'write';

/**
 * The review-or-write decision of every insertion (Insert, Insert Last Answer, Ask About Selection
 * and its presets), from `rill.insert.review` and the span the planned edit overwrites: with
 * `replacements` a change is reviewed exactly when that span is not empty (it removes code).
 */
export function routeChange(setting: ReviewSetting, replaced: Span): ChangeRoute {
  const replacesText = replaced.start.line !== replaced.end.line || replaced.start.character !== replaced.end.character;
  return needsReview(setting, replacesText) ? 'review' : 'write';
}

/** The document's text with `[start, end)` (character offsets) replaced by `replacement`. */
export function proposedText(docText: string, start: number, end: number, replacement: string): string {
  return docText.slice(0, start) + replacement + docText.slice(end);
}

/** Lines that say something: trimmed, without blank lines and lone brackets. */
function meaningfulLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^[{}()[\];,]+$/.test(l));
}

/** Share of a whole file's meaningful lines a code block must keep to count as that file rewritten. */
const WHOLE_FILE_SHARE = 0.6;

/**
 * Whether `code` is clearly a complete version of the file `fileText`, so applying it means
 * replacing the whole file: the file is empty (any block is then the whole file), or the block
 * keeps at least 60% of the file's meaningful lines, is at least 60% of its length, and keeps the
 * file's both ends: the file's first meaningful line within the block's first five, and the file's
 * last one anywhere in it (a function added at the end still counts). A snippet, a function out of
 * a longer file, or a block about another file is not.
 */
export function looksLikeWholeFile(code: string, fileText: string): boolean {
  const file = meaningfulLines(fileText);
  const block = meaningfulLines(code);
  if (block.length === 0) return false;
  if (file.length === 0) return true;
  if (block.length < file.length * WHOLE_FILE_SHARE) return false;
  const inBlock = new Set(block);
  const kept = file.filter((l) => inBlock.has(l)).length;
  return kept >= file.length * WHOLE_FILE_SHARE && block.slice(0, 5).includes(file[0]) && inBlock.has(file.at(-1)!);
}

/** Where a code block's Apply goes. */
export type ApplyTarget =
  /** The range the answer was asked about (Ask About Selection and its presets), followed through edits. */
  | 'askedRange'
  /** The active editor's selection. */
  | 'selection'
  /** The whole active document. */
  | 'wholeFile';

/** What is known when Apply is pressed. */
export interface ApplySituation {
  /** The answer came from a selection command whose range is still tracked in an open document. */
  askedRangeKnown: boolean;
  /** An editor is active and has a non-empty selection. */
  hasSelection: boolean;
  /** The block is clearly the whole active document ({@link looksLikeWholeFile}). */
  blockIsWholeFile: boolean;
}

/**
 * Chooses Apply's target in order: the asked-about range, else the active selection, else the
 * whole file when the block clearly is one; undefined when there is nothing sensible to replace.
 */
export function chooseApplyTarget(s: ApplySituation): ApplyTarget | undefined {
  if (s.askedRangeKnown) return 'askedRange';
  if (s.hasSelection) return 'selection';
  if (s.blockIsWholeFile) return 'wholeFile';
  return undefined;
}
