/**
 * The DOM shape of a code block: a header with the language label and the Copy / Insert / Apply / New file buttons,
 * then `pre > code` holding exactly the code text (highlighting later only wraps it in spans).
 */
import { type IconName, iconVNode } from './icons';
import { grammarFor } from './languages';
import { h, type VElement } from './vdom';

/** The `data-action` values of the code block buttons, read by the click handler. */
export type CodeAction = 'copy' | 'insert' | 'apply' | 'new-file';

/** Class names the renderer and `media/markdown.css` share. */
export const CODE_BLOCK_CLASS = 'md-code';

/**
 * The label of a fence's info string: its first word, as the model wrote it, capped in length so a
 * hostile info string cannot flood the header. Empty when there is none.
 */
export function fenceLabel(info: string | undefined): string {
  const word = (info ?? '').trim().split(/\s/, 1)[0] ?? '';
  return word.slice(0, 40);
}

/** The buttons' accessible names (also their tooltips); the chat UI replaces them with translated ones. */
export interface CodeBlockLabels {
  copyName: string;
  insertName: string;
  newFileName: string;
  apply: string;
  applyName: string;
}

let labels: CodeBlockLabels = {
  copyName: 'Copy code',
  insertName: 'Insert code at cursor',
  newFileName: 'Insert code in new file',
  apply: 'Apply',
  applyName: 'Apply code in place of the selection, after a review',
};

/** Sets the texts of code block buttons rendered from now on (one language per page); missing ones stay. */
export function setCodeBlockLabels(next: Partial<CodeBlockLabels>): void {
  const given = Object.entries(next).filter(([, v]) => typeof v === 'string' && v.length > 0);
  labels = { ...labels, ...Object.fromEntries(given) };
}

/** An icon button: the codicon shows, the accessible name is also the tooltip. */
function button(action: CodeAction, icon: IconName, name: string): VElement {
  return h(
    'button',
    { type: 'button', class: 'md-code-button', 'data-action': action, 'aria-label': name, title: name },
    [iconVNode(icon)],
  );
}

/**
 * Describes a code block. `label` is the fence label ({@link fenceLabel}); when it names a shipped
 * grammar the `code` element gets `language-<grammar>`, which the highlighter reads.
 */
export function codeBlockVNode(code: string, label: string): VElement {
  const grammar = label ? grammarFor(label) : undefined;
  return h('div', label ? { class: CODE_BLOCK_CLASS, 'data-lang': label } : { class: CODE_BLOCK_CLASS }, [
    h('div', { class: 'md-code-header' }, [
      h('span', { class: 'md-code-lang' }, [label || 'text']),
      button('copy', 'copy', labels.copyName),
      button('insert', 'insert', labels.insertName),
      button('apply', 'git-compare', labels.applyName),
      button('new-file', 'new-file', labels.newFileName),
    ]),
    h('pre', null, [h('code', grammar ? { class: `language-${grammar}` } : null, code ? [code] : [])]),
  ]);
}
