/**
 * Editor context attached to a question: a file, a selection, diagnostics, terminal output. A turn
 * keeps its attachments as data; the model receives each one in a delimited block with its path and
 * language, after the question as the user typed it.
 */

import { fenceFor } from '../base';

/** What an attachment holds. */
export type AttachmentKind = 'file' | 'selection' | 'problems' | 'terminal';

/** Lines of a file, 1-based and inclusive. */
export interface LineRange {
  start: number;
  end: number;
}

/** One piece of context, as stored with the question. */
export interface Attachment {
  kind: AttachmentKind;
  /** Shown on the chip: a file name, "Problems", "Terminal". */
  label: string;
  /** Shown to the model and in tooltips: a workspace-relative path, or a description. */
  path: string;
  /** The document's URI, so a chip can open it; absent for context that is not a file. */
  uri?: string;
  /** The editor's language id (`typescript`, `python`, …). */
  language?: string;
  range?: LineRange;
  text: string;
  /** Set when the text was cut to fit the window: how many of its lines were sent. */
  cut?: { keptLines: number; totalLines: number };
}

/** Only a plain word may stand as a fence's language: anything else could smuggle text past the fence line. */
function safeLanguage(language: string | undefined): string {
  return language && /^[A-Za-z0-9_+#.-]{1,40}$/.test(language) ? language : '';
}

/** The heading line of an attachment's block: what it is, where from, in which language. */
function heading(a: Attachment): string {
  const language = safeLanguage(a.language);
  const lines = a.range ? `, lines ${a.range.start}-${a.range.end}` : '';
  const cut = a.cut ? ` (cut to fit: first ${a.cut.keptLines} of ${a.cut.totalLines} lines)` : '';
  const what = { file: 'File', selection: 'Selection', problems: 'Problems', terminal: 'Terminal' }[a.kind];
  const where = a.path.replace(/[\r\n]+/g, ' ');
  return `${what}: ${where}${language ? ` (${language})` : ''}${lines}${cut}`;
}

/** One attachment as the model sees it: a heading with path and range, then the text in a fence. */
export function renderAttachment(a: Attachment): string {
  const fence = fenceFor(a.text);
  const body = a.text.endsWith('\n') ? a.text : `${a.text}\n`;
  return `${heading(a)}\n${fence}${safeLanguage(a.language)}\n${body}${fence}`;
}

/** A user message's content: the question, then each attachment's block. */
export function messageWithAttachments(question: string, attachments: readonly Attachment[] | undefined): string {
  if (!attachments || attachments.length === 0) return question;
  return [question, ...attachments.map(renderAttachment)].join('\n\n');
}

/** The attachment with only its first `lines` lines, marked as cut. */
export function cutAttachment(a: Attachment, lines: number): Attachment {
  const all = a.text.split('\n');
  if (lines >= all.length) return a;
  const kept = Math.max(0, lines);
  return { ...a, text: all.slice(0, kept).join('\n'), cut: { keptLines: kept, totalLines: all.length } };
}

/** Whether a value read from storage or the webview is a well-formed attachment (hostile input). */
export function isAttachment(v: unknown): v is Attachment {
  if (!v || typeof v !== 'object') return false;
  const a = v as Record<string, unknown>;
  const range = a.range as Record<string, unknown> | undefined;
  return (
    (a.kind === 'file' || a.kind === 'selection' || a.kind === 'problems' || a.kind === 'terminal') &&
    typeof a.label === 'string' &&
    typeof a.path === 'string' &&
    typeof a.text === 'string' &&
    (a.uri === undefined || typeof a.uri === 'string') &&
    (a.language === undefined || typeof a.language === 'string') &&
    (range === undefined ||
      (typeof range === 'object' &&
        Number.isInteger(range.start) &&
        Number.isInteger(range.end) &&
        (range.start as number) >= 1 &&
        (range.end as number) >= (range.start as number)))
  );
}
