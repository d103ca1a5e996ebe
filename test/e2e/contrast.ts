import type { Locator } from 'playwright-core';

/** The contrast of an element's text against what is painted behind it. */
export interface Contrast {
  /** The element, for messages. */
  what: string;
  fg: string;
  bg: string;
  /** WCAG 2 contrast ratio, 1 to 21. */
  ratio: number;
}

/**
 * Measures `el`'s text colour against its effective background: the element's and its ancestors'
 * background colours composited (translucent ones over what is below) down to the first opaque
 * one, with white below everything as the page's canvas.
 */
export function contrastOf(el: Locator): Promise<Contrast> {
  return el.evaluate((node) => {
    const parse = (c: string): number[] => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m) throw new Error(`cannot read the colour ${c}`);
      const [r, g, b, a = 1] = m[1]
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      return [r, g, b, a];
    };
    const over = (top: number[], below: number[]) =>
      [0, 1, 2].map((i) => top[i] * top[3] + below[i] * (1 - top[3])).concat(1);
    const layers: number[][] = [];
    for (let e: Element | null = node; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let bg = [255, 255, 255, 1];
    for (const layer of layers.reverse()) bg = over(layer, bg);
    const fg = over(parse(getComputedStyle(node).color), bg);
    const lum = (c: number[]) => {
      const [r, g, b] = c.slice(0, 3).map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    const css = (c: number[]) =>
      `rgb(${c
        .slice(0, 3)
        .map((v) => Math.round(v))
        .join(', ')})`;
    const what = `${node.tagName.toLowerCase()}${node.className ? `.${String(node.className).split(/\s+/).join('.')}` : ''}`;
    return { what, fg: css(fg), bg: css(bg), ratio: (hi + 0.05) / (lo + 0.05) };
  });
}
