/**
 * Links whose text names a different place than they lead to (`[docs.example.com](https://evil.example)`,
 * or a look-alike Unicode host) are shown with the host they really open, so the reader is not
 * misled by model-written text. Hosts are compared in their ASCII (punycode) form, the form the
 * browser and VS Code resolve.
 */

/** A URL or bare host name, as link text: `https://a.example/x`, `a.example`, `www.a.example/docs`. */
const URL_LIKE = /^(?:[a-z][a-z\d+.-]*:\/\/)?([^\s/?#:@]+\.[^\s/?#:@.]{2,}|\[[\da-f:.]+\])(?::\d+)?(?:[/?#]\S*)?$/iu;

/** The host `text` names in ASCII form, or `undefined` when the text does not look like a URL or host. */
export function claimedHost(text: string): string | undefined {
  const m = URL_LIKE.exec(text.trim());
  if (!m?.[1]) return undefined;
  try {
    return new URL(`http://${m[1]}`).hostname;
  } catch {
    return undefined;
  }
}

/**
 * The host to show beside a link, or `undefined` when its text names no host or names the one it
 * opens (or a parent domain of it: `example.com` for `docs.example.com`). `href` is an absolute
 * http(s) URL that passed the link policy.
 */
export function misleadingLinkHost(text: string, href: string): string | undefined {
  const claimed = claimedHost(text);
  if (!claimed) return undefined;
  const real = new URL(href).hostname;
  const bare = (h: string) => h.replace(/^www\./, '');
  if (bare(real) === bare(claimed) || real.endsWith(`.${bare(claimed)}`)) return undefined;
  return real;
}
