/**
 * Decoding of HTML character references (`&amp;`, `&#106;`, `&copy;`) in Markdown text.
 *
 * The Markdown lexer leaves references in text, link destinations and titles for an HTML renderer,
 * where the browser would decode them. This renderer builds DOM nodes directly and never parses
 * HTML, so it decodes them itself; the result is only ever used as text or as an attribute value.
 */

const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g;

const named = new Map<string, string>();
let inert: DOMParser | null = null;

/** Replaces every character reference in `s` with the character(s) it stands for. */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(REFERENCE, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) return namedReference(name, whole);
    const code = dec !== undefined ? parseInt(dec, 10) : parseInt(hex as string, 16);
    // CommonMark: invalid code points and NUL become U+FFFD.
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
    return String.fromCodePoint(code);
  });
}

/**
 * Looks a named reference up in the browser's own table (over 2,000 names; shipping it would cost
 * more than the Markdown parser). The input is `&name;` with `name` alphanumeric only, parsed in an
 * inert document, so no markup can be formed and nothing runs or loads.
 */
function namedReference(name: string, whole: string): string {
  let value = named.get(name);
  if (value === undefined) {
    inert ??= new DOMParser();
    value = inert.parseFromString(`<!doctype html><p>${whole}`, 'text/html').body.textContent ?? whole;
    named.set(name, value);
  }
  return value;
}
