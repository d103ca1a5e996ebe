/**
 * Model names come from the server (its model list, a probed local server) and are hostile text:
 * they end up in a quick pick, the status bar, the settings file and the log. A name is kept only
 * when it is plain: at most {@link MAX_MODEL_NAME_CHARS} characters, with no control character and
 * no character that reorders or hides text (bidi overrides, isolates and marks, line separators).
 * Anything else is dropped whole, never shown, written or logged, not cleaned up into something
 * that looks like another model.
 */

/** The longest model name kept; real ones (`org/model-name:variant`) are far shorter. */
export const MAX_MODEL_NAME_CHARS = 200;

/**
 * C0 and C1 controls and DEL; bidi embeddings, overrides and isolates (U+202A-U+202E,
 * U+2066-U+2069) and marks (U+200E, U+200F, U+061C); line and paragraph separators (U+2028, U+2029).
 */
function isUnsafe(c: number): boolean {
  return (
    c < 0x20 ||
    (c >= 0x7f && c <= 0x9f) ||
    c === 0x061c ||
    c === 0x200e ||
    c === 0x200f ||
    (c >= 0x2028 && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069)
  );
}

/** Whether a model name from a server may be shown, written to settings and logged. */
export function isPlainModelName(name: string): boolean {
  if (name.length === 0 || name.length > MAX_MODEL_NAME_CHARS) return false;
  for (let i = 0; i < name.length; i++) if (isUnsafe(name.charCodeAt(i))) return false;
  return true;
}
