/**
 * Model output and server text are hostile input. On a terminal, control characters are commands:
 * `ESC ] 52` writes the clipboard, other sequences move the cursor, rewrite the title or hide what
 * was printed. Text for a terminal keeps only line feeds and tabs of the control characters.
 */

/** Whether a UTF-16 code unit is a control character a terminal may act on (all but tab and line feed). */
function isControl(c: number): boolean {
  // C0 controls, DEL, and the C1 controls (which some terminals obey too).
  return (c < 0x20 && c !== 0x09 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f);
}

/** `text` without control characters other than `\n` and `\t`. */
export function stripControls(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (!isControl(text.charCodeAt(i))) continue;
    out += text.slice(from, i);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}
