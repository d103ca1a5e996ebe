/**
 * Marks the words of a history search in a message: each occurrence (case-insensitive) is wrapped
 * in a `<mark>` built with DOM calls on the existing text nodes, so no text is ever parsed as HTML.
 */

/** The marks a previous search left, removed before the next one marks. */
const CLASS = 'search-hit';

/** Removes the marks under `root`, joining their text back into the text around them. */
export function clearMarks(root: ParentNode = document): void {
  for (const m of root.querySelectorAll(`mark.${CLASS}`)) {
    const parent = m.parentNode;
    if (!parent) continue;
    m.replaceWith(...m.childNodes);
    parent.normalize();
  }
}

/**
 * Wraps every occurrence of each word of `query` in the text under `root` in a `<mark>`;
 * returns the marks in document order (the first is the one to show).
 */
export function markWords(root: HTMLElement, query: string): HTMLElement[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [];
  const pattern = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
  const texts: Text[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
  const marks: HTMLElement[] = [];
  for (const text of texts) {
    const found = [...text.data.matchAll(pattern)];
    // From the end, so the offsets of the earlier matches stay valid as the node is split.
    const made: HTMLElement[] = [];
    for (const m of found.reverse()) {
      const start = m.index ?? 0;
      const hit = text.splitText(start);
      hit.splitText(m[0].length);
      const mark = document.createElement('mark');
      mark.className = CLASS;
      hit.replaceWith(mark);
      mark.append(hit);
      made.unshift(mark);
    }
    marks.push(...made);
  }
  return marks;
}
