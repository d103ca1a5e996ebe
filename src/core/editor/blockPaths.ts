/**
 * Which file a code block of a plain answer (no tools) is meant for, from the conventions models
 * write, so the panel can offer "Apply to path":
 * - a path in the fence's info string: ```` ```python src/main.py ```` (what Continue asks for),
 *   ```` ```src/a.ts ````, ```` ```ts:src/a.ts ```` (Cursor), ```` ```12:30:src/a.ts ```` (a
 *   line range and path), ```` ```ts title="src/a.ts" ```` / `path=…` / `file=…` / `filename=…`
 *   (documentation sites), ```` ```ts [src/a.ts] ```` (VitePress);
 * - a first-line comment naming the file: `// filepath: src/a.ts` (Copilot), `// src/a.ts`,
 *   `# file: x.py`, `/* a.css *\/`, `<!-- index.html -->`, `-- q.sql`;
 * - the line right before the fence holding only a path: `src/a.ts`, `` `src/a.ts`: ``,
 *   `**src/a.ts**`, `### src/a.ts` (aider's whole-file format, Markdown headings).
 */
import { type CodeBlockDetail, extractCodeBlocksDetailed } from './codeBlocks';

/** Where a block's path came from. */
export type BlockPathSource = 'info' | 'comment' | 'lineBefore';

/** A code block with the file it names. */
export interface PathBlock {
  /** The path as written, with `\` turned into `/` and a leading `./` dropped (may still be absolute or climb out: the caller checks). */
  path: string;
  source: BlockPathSource;
  /** The block's code; for a `comment` path, without that first line (see `headerLine`). */
  code: string;
  /** The comment line that named the file, when the path came from one (the file itself may start with it). */
  headerLine?: string;
  lang: string;
  closed: boolean;
  /** The block elides parts of the file (`// ... existing code ...`): not a whole file to write. */
  partial: boolean;
  /** Index among all the answer's code blocks. */
  index: number;
}

/** Names without an extension that are files, not languages. */
const BARE_FILE_NAMES = new Set([
  'makefile',
  'dockerfile',
  'containerfile',
  'gemfile',
  'rakefile',
  'procfile',
  'jenkinsfile',
  'vagrantfile',
  'brewfile',
  'justfile',
  'license',
  'codeowners',
]);

/** Key=value attributes in an info string that name the file. */
const ATTRIBUTE = /(?:^|\s)(?:file ?path|file ?name|file|path|title)\s*=\s*("([^"]*)"|'([^']*)'|(\S+))/i;
/** Cursor's line citation: start:end:path. */
const LINE_CITATION = /^\d+:\d+:(.+)$/;
/** A language label before a colon and a path: `ts:src/a.ts`. */
const LANG_COLON = /^[\w+#.-]+:(.+)$/;
/** A first-line comment, its optional label and its text. */
const COMMENT_LINE =
  /^\s*(?:\/\/+|#(?=\s)|--|;+|%|\/\*+|<!--|\{\/\*|')\s*((?:file ?path|file ?name|file|path)\s*:\s*)?(.*?)\s*(?:\*+\/\}?|-->)?\s*$/i;
/** A comment saying code was left out. */
const ELISION =
  /^\s*(?:\/\/|#|--|\/\*|<!--|;|%)?\s*(?:\.\.\.|…)\s*(?:existing|rest of|remaining|unchanged|other|previous)\b/im;
/** A label before a path on the line before a fence: `File: src/a.ts`. */
const LABEL_BEFORE = /^(?:file ?path|file ?name|file|path)\s*:\s*/i;

/** `p` cleaned of wrapping quotes, brackets, emphasis and a trailing colon; `\` as `/`; no leading `./`. */
function clean(p: string): string {
  let s = p.trim();
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(/^[`'"[(*_]+|[`'"\])*_]+$/g, '').replace(/[:,]$/, '');
  }
  return s.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
}

/**
 * Whether `t` is a file path: one token, no URL, with a folder separator or a file extension (or
 * a dotfile); when `loose` (a label said it is a file), any plain file name.
 */
export function looksLikePath(t: string, loose = false): boolean {
  if (t === '' || /\s/.test(t) || t.includes('://') || /^[\d.]+$/.test(t)) return false;
  if (!/^(?:[A-Za-z]:)?[\w@~.$+\-/\\[\]()]+$/.test(t)) return false;
  const name = t.split(/[\\/]/).pop() ?? '';
  if (name === '' || name === '.' || name === '..') return false;
  if (loose || BARE_FILE_NAMES.has(name.toLowerCase())) return /[A-Za-z]/.test(name);
  return (
    /[\\/]/.test(t) ||
    /^\.?[\w@~$+-][\w@~.$+-]*\.[A-Za-z][A-Za-z0-9]{0,11}$/.test(name) ||
    /^\.[A-Za-z][\w.-]*$/.test(name)
  );
}

/** The path an info string names, if any. */
export function pathFromInfo(info: string): string | undefined {
  const attr = ATTRIBUTE.exec(info);
  if (attr) {
    const p = clean(attr[2] ?? attr[3] ?? attr[4] ?? '');
    return looksLikePath(p, true) ? p : undefined;
  }
  const tokens = info.split(/\s+/).filter((t) => t !== '' && !t.startsWith('{'));
  const [first = '', second] = tokens;
  const citation = LINE_CITATION.exec(first);
  if (citation) return checked(citation[1]!, false);
  const bracket = tokens.find((t) => /^\[[^\]]+\]$/.test(t));
  if (bracket) return checked(bracket, true);
  const colon = LANG_COLON.exec(first);
  if (colon && !/^[A-Za-z]:[\\/]/.test(first)) return checked(colon[1]!, true);
  if (second !== undefined) return checked(second, false);
  return checked(first, false);
}

function checked(raw: string, loose: boolean): string | undefined {
  const p = clean(raw);
  return looksLikePath(p, loose) ? p : undefined;
}

/** The path a first-line comment names (`// filepath: src/a.ts`, `# x.py`), if any. */
export function pathFromComment(line: string): string | undefined {
  if (/^\s*#!/.test(line)) return undefined;
  const m = COMMENT_LINE.exec(line);
  if (!m) return undefined;
  return checked(m[2]!, m[1] !== undefined);
}

/** The path a line before a fence holds (`**src/a.ts**`, `### a.py`, `File: b.go`), if it holds only that. */
export function pathFromLineBefore(line: string): string | undefined {
  const s = line
    .replace(/^(?:[-*+]|\d{1,9}[.)])\s+/, '')
    .replace(/^#{1,6}\s+/, '')
    .replace(LABEL_BEFORE, '')
    .trim();
  const inner = s.replace(/^[*_`]+|[*_`:]+$/g, '').replace(LABEL_BEFORE, '');
  return checked(inner, false);
}

/** The file `block` names, by the first convention that matches, or undefined. */
export function pathOfBlock(block: CodeBlockDetail, index = 0): PathBlock | undefined {
  const base = { lang: block.lang, closed: block.closed, partial: ELISION.test(block.code), index };
  const fromInfo = pathFromInfo(block.info);
  if (fromInfo) return { ...base, path: fromInfo, source: 'info', code: block.code };
  const nl = block.code.indexOf('\n');
  const first = nl === -1 ? block.code : block.code.slice(0, nl);
  const fromComment = pathFromComment(first);
  if (fromComment) {
    const code = nl === -1 ? '' : block.code.slice(nl + 1);
    return { ...base, path: fromComment, source: 'comment', code, headerLine: first };
  }
  const fromBefore = pathFromLineBefore(block.lineBefore);
  if (fromBefore) return { ...base, path: fromBefore, source: 'lineBefore', code: block.code };
  return undefined;
}

/** Every code block of `markdown` that names its file, in order. */
export function fileBlocks(markdown: string): PathBlock[] {
  const out: PathBlock[] = [];
  extractCodeBlocksDetailed(markdown).forEach((b, i) => {
    const p = pathOfBlock(b, i);
    if (p) out.push(p);
  });
  return out;
}
