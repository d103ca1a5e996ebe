/** Most-recently-used lists (recent questions): newest first, no duplicates, bounded. */

/** `list` with `item` moved (or added) to the front, at most `max` long. Blank items are ignored. */
export function rememberRecent(list: readonly string[], item: string, max = 20): string[] {
  const text = item.trim();
  if (!text) return [...list].slice(0, max);
  return [text, ...list.filter((q) => q !== text)].slice(0, max);
}
