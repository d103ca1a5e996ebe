/**
 * Keeps secrets out of every message the core produces. Servers echo keys back in error bodies,
 * proxies put them in HTML pages, users paste them into URLs: all text that leaves the core for a
 * user or a log goes through a {@link Redactor} first.
 */

/** Replaces secrets in text with `***`. */
export type Redactor = (text: string) => string;

/** What secrets are replaced with. */
export const REDACTED = '***';

/**
 * Secrets shorter than this are not redacted: one- to three-character "keys" are placeholders that
 * local servers accept (`x`, `no`), and replacing every `x` in a message would garble it.
 */
const MIN_SECRET_LENGTH = 4;

/**
 * Builds a redactor for the given secrets (API key, values of extra headers). Each secret is also
 * matched in its URL-encoded form, since keys travel in query strings too.
 * The returned function never throws and returns the text unchanged when it holds no secret.
 */
export function makeRedactor(secrets: Iterable<string | undefined>): Redactor {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    // A bearer value's token alone is as secret as the whole header value.
    const bearer = /^bearer\s+(.+)$/i.exec(secret);
    if (bearer && bearer[1].length >= MIN_SECRET_LENGTH) forms.add(bearer[1]);
  }
  // Longest first, so a key that contains another secret is replaced whole.
  const list = [...forms].sort((a, b) => b.length - a.length);
  if (list.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const s of list) if (out.includes(s)) out = out.split(s).join(REDACTED);
    return out;
  };
}
