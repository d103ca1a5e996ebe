/**
 * The optional front matter of a Markdown prompt file: `---` lines around `key: value` pairs at
 * the very start of the file. Only flat string values are read (no YAML library: a prompt file
 * needs one or two fields, and a full YAML parser would be the largest thing in the bundle).
 */

/** A prompt file split into its front matter fields and its body (the template). */
export interface FrontMatter {
  /** The fields, keys lower-cased; values trimmed and unquoted. Empty without front matter. */
  fields: Record<string, string>;
  /** The text after the front matter (the whole text when there is none). */
  body: string;
}

const OPEN = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSE = /^---[ \t]*$/m;

/**
 * Splits `text` into front matter and body. A file that does not open with `---` on its first line,
 * or whose front matter is never closed, has no front matter: all of it is the body, so no text
 * is lost to a typo. Lines that are not `key: value` are ignored.
 */
export function parseFrontMatter(text: string): FrontMatter {
  const open = OPEN.exec(text);
  if (!open) return { fields: {}, body: text.replace(/^\uFEFF/, '') };
  const rest = text.slice(open[0].length);
  const close = CLOSE.exec(rest);
  if (!close) return { fields: {}, body: text.replace(/^\uFEFF/, '') };
  const fields: Record<string, string> = Object.create(null);
  for (const line of rest.slice(0, close.index).split(/\r?\n/)) {
    const m = /^([A-Za-z][\w-]*)[ \t]*:[ \t]*(.*)$/.exec(line);
    if (m) fields[m[1].toLowerCase()] = unquote(m[2].trim());
  }
  const body = rest.slice(close.index + close[0].length).replace(/^\r?\n/, '');
  return { fields, body };
}

/** A value without the quotes around it, as YAML writes strings with a colon in them. */
function unquote(v: string): string {
  if (v.length >= 2 && ((v[0] === '"' && v.endsWith('"')) || (v[0] === "'" && v.endsWith("'")))) {
    return v.slice(1, -1);
  }
  return v;
}
