/** Picks the model names a user probably meant, for "model not found" messages. */

/** Lower case, and `-`, `_`, `.`, `:`, `/` and spaces dropped: `GPT_4o` and `gpt-4o` compare equal. */
function canonical(name: string): string {
  return name.toLowerCase().replace(/[-_.:/\s]/g, '');
}

/** Levenshtein distance, stopping early once it exceeds `limit` (then returns `limit + 1`). */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (row[j] < best) best = row[j];
    }
    if (best > limit) return limit + 1;
    prev = row;
  }
  return prev[b.length];
}

/**
 * Up to `max` names from `available` close to `wanted`, closest first: an exact match ignoring case
 * and punctuation; then names that contain the wanted one (`llama3` → `llama3:8b`: the tag was left
 * out); then names within a small edit distance (a third of the length, at least 2), nearest first;
 * last, names the wanted one contains (`gpt-4o-latest` → `gpt-4o`). Pure; ties keep the order of
 * `available`.
 */
export function closeNames(wanted: string, available: readonly string[], max = 3): string[] {
  const w = canonical(wanted);
  if (!w) return [];
  const limit = Math.max(2, Math.floor(w.length / 3));
  const scored: { name: string; score: number; order: number }[] = [];
  available.forEach((name, order) => {
    const c = canonical(name);
    if (!c || name === wanted) return;
    let score: number;
    if (c === w) score = 0;
    else if (w.length >= 3 && c.includes(w)) score = 1 + (c.length - w.length) / 1000;
    else {
      const d = editDistance(w, c, limit);
      if (d <= limit) score = 1 + d;
      else if (c.length >= 3 && w.includes(c)) score = 2 + limit;
      else return;
    }
    scored.push({ name, score, order });
  });
  scored.sort((a, b) => a.score - b.score || a.order - b.order);
  return scored.slice(0, max).map((s) => s.name);
}
