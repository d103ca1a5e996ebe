/**
 * Under an answer: its proposed changes across files. Before anything is proposed, the code
 * blocks that name their file offer "Apply to path" (and "Apply All" when there are several);
 * once a change set exists, its summary ("3 files changed, +12 −4") with Review, Accept All and
 * Reject All, and each file with its counts, a button that opens its diff, and Accept / Reject.
 * All text is set as text: paths come from the model.
 */
import { fileBlocks } from '../core/editor';
import type { ChangeSetView, WebviewStrings } from '../shared/protocol';
import { button, format, h, iconButton } from './dom';

/** What the change buttons ask the host for. */
export interface ChangeActions {
  applyBlocks(turnId: string, indexes: number[]): void;
  changeSet(turnId: string, action: 'review' | 'acceptAll' | 'rejectAll'): void;
  file(turnId: string, action: 'open' | 'accept' | 'reject', path: string): void;
}

/** Longest path shown in a button before it is shortened from the left (the file name stays). */
const PATH_CHARS = 60;

function shortPath(p: string): string {
  return p.length <= PATH_CHARS ? p : `…${p.slice(-(PATH_CHARS - 1))}`;
}

/**
 * Fills `el` with the answer's change set, or (without one) with Apply buttons for the code
 * blocks of `text` that name their file. Empty when there is neither.
 */
export function renderChanges(
  el: HTMLElement,
  s: WebviewStrings,
  turnId: string,
  text: string,
  view: ChangeSetView | undefined,
  act: ChangeActions,
): void {
  el.textContent = '';
  if (view?.files.length) {
    renderSet(el, s, view, act);
    return;
  }
  // Blocks eliding code are not whole files to write; unfinished blocks are not offered either.
  const blocks = fileBlocks(text).filter((b) => b.closed && !b.partial);
  if (blocks.length === 0) {
    el.hidden = true;
    return;
  }
  el.hidden = false;
  const bar = h('div', { class: 'change-apply', role: 'group', 'aria-label': s.changes });
  for (const b of blocks)
    bar.append(
      button(format(s.applyToPath, shortPath(b.path)), () => act.applyBlocks(turnId, [b.index]), {
        class: 'secondary',
        title: format(s.applyToPath, b.path),
      }),
    );
  if (blocks.length > 1)
    bar.append(
      button(
        s.applyAll,
        () =>
          act.applyBlocks(
            turnId,
            blocks.map((b) => b.index),
          ),
        { class: 'primary' },
      ),
    );
  el.append(bar);
}

/**
 * The summary line with its counts coloured as the workbench colours added and removed lines: the
 * host's translated line, its `+N` and `−N` (the last ones in it) in spans of their own; the plain
 * line when they are not found in that order.
 */
function summaryParts(view: ChangeSetView): (string | HTMLElement)[] {
  const line = view.summary;
  const added = `+${view.counts.added}`;
  const removed = `\u2212${view.counts.removed}`;
  const a = line.lastIndexOf(added);
  const r = line.lastIndexOf(removed);
  if (a < 0 || r < a + added.length) return [line];
  return [
    line.slice(0, a),
    h('span', { class: 'change-added' }, added),
    line.slice(a + added.length, r),
    h('span', { class: 'change-removed' }, removed),
    line.slice(r + removed.length),
  ];
}

function renderSet(el: HTMLElement, s: WebviewStrings, view: ChangeSetView, act: ChangeActions): void {
  el.hidden = false;
  const pending = view.files.some((f) => f.status === 'pending');
  const head = h(
    'div',
    { class: 'change-summary' },
    h('span', { class: 'change-count', role: 'status' }, ...summaryParts(view)),
  );
  // The buttons stay together: in a narrow panel they wrap as one row under the count.
  if (pending)
    head.append(
      h(
        'div',
        { class: 'change-buttons' },
        button(s.reviewChanges, () => act.changeSet(view.turnId, 'review'), { class: 'primary' }),
        button(s.acceptAll, () => act.changeSet(view.turnId, 'acceptAll'), { class: 'secondary' }),
        button(s.rejectAll, () => act.changeSet(view.turnId, 'rejectAll'), { class: 'secondary' }),
      ),
    );
  const list = h('ul', { class: 'change-files', 'aria-label': s.changes });
  for (const f of view.files) {
    // As the workbench lists files (its chat's changed files, Source Control): the name, then its folder, muted.
    const slash = f.path.lastIndexOf('/');
    const name = h(
      'button',
      { type: 'button', class: 'change-path', title: format(s.openChange, f.path) },
      h('span', { class: 'change-name' }, f.path.slice(slash + 1)),
      slash > 0 ? ' ' : undefined,
      slash > 0 ? h('span', { class: 'change-dir muted' }, f.path.slice(0, slash)) : undefined,
    );
    name.addEventListener('click', () => act.file(view.turnId, 'open', f.path));
    const item = h(
      'li',
      { class: `change-file ${f.status}` },
      name,
      f.isNew ? h('span', { class: 'change-new muted' }, s.newFileMark) : undefined,
      h('span', { class: 'change-added' }, `+${f.added}`),
      h('span', { class: 'change-removed' }, `\u2212${f.removed}`),
    );
    if (f.status === 'pending')
      item.append(
        iconButton('check', format(s.acceptFile, f.path), () => act.file(view.turnId, 'accept', f.path)),
        iconButton('close', format(s.rejectFile, f.path), () => act.file(view.turnId, 'reject', f.path)),
      );
    else
      item.append(
        h('span', { class: 'change-state muted' }, f.status === 'accepted' ? s.changeAccepted : s.changeRejected),
      );
    list.append(item);
  }
  el.append(head, list);
}
