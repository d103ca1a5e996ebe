/**
 * Tab out of the webview: the browser would move the focus from the last control onto the
 * webview's own frames, where nobody sees it; the host moves it to the next workbench part instead
 * (Shift+Tab from the first control: to the previous part), as Tab does between VS Code's own views.
 */
import { post } from './host';

const FOCUSABLE = 'a[href], button, textarea, input, select, summary, [tabindex]';

/** The controls Tab stops at, in order: enabled, not hidden, drawn, not taken out with tabindex -1. */
export function tabStops(root: ParentNode = document): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) =>
      el.tabIndex >= 0 &&
      !(el as HTMLButtonElement).disabled &&
      !el.closest('[hidden], [inert]') &&
      el.getClientRects().length > 0,
  );
}

document.addEventListener('keydown', (e) => {
  if (e.key !== 'Tab' || e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey) return;
  const stops = tabStops();
  const edge = e.shiftKey ? stops[0] : stops.at(-1);
  if (!edge || document.activeElement !== edge) return;
  e.preventDefault();
  post({ type: 'leaveWebview', back: e.shiftKey });
});
