/**
 * The tool steps inside an answer: each call the model made shows as one compact line (an icon and
 * what was done, "Read src/retry.ts, lines 1-120") in order with the answer's text, expandable to
 * the result. A result is the workspace's text, as hostile as model output: it is only ever set
 * with `textContent`, never parsed as markup. The answer's text is split at each step into
 * segments, each rendered by a Markdown renderer of its own, so a step stands where it was called.
 * A command waiting for the user shows the exact command and folder with Run and Skip buttons.
 */
import type { ToolStep } from '../core/chat';
import type { WebviewStrings } from '../shared/protocol';
import { format, h } from './dom';
import { type IconName, icon } from './render/icons';
import type { AnswerRenderer } from './turnView';

/** The icon of each tool; a tool this webview does not know shows the generic one. */
const TOOL_ICONS: Record<string, IconName> = {
  read_file: 'file',
  list_dir: 'folder',
  find_files: 'files',
  search_text: 'search',
  get_problems: 'warning',
  find_definition: 'go-to-file',
  find_references: 'references',
  run_command: 'terminal',
  edit_file: 'edit',
  create_file: 'new-file',
};

/** The icon a step shows: its state when that is what matters, else its tool's. */
export function stepIcon(name: string, status: ToolStep['status']): IconName {
  if (status === 'running') return 'loading';
  if (status === 'refused') return 'circle-slash';
  return TOOL_ICONS[name] ?? 'tools';
}

/** What a step asks of the page: open the file its `index`-th link names; run or skip its command. */
export interface StepActions {
  openStepLink(stepId: string, index: number): void;
  decideCommand(stepId: string, run: boolean): void;
}

let nextStepElementId = 0;

/** One step: a button (the line; Enter or Space expands it) and the result below it, collapsed. */
export class StepView {
  readonly el: HTMLElement;
  private readonly head: HTMLButtonElement;
  private readonly glyph: HTMLElement;
  private readonly label: HTMLElement;
  private readonly detail: HTMLElement;
  /** The command, its folder and Run / Skip, while the step waits for the user. */
  private approval: HTMLElement | undefined;
  private step: ToolStep;
  /** The result is put into the page on first expanding: most are never opened. */
  private filled = false;

  constructor(
    step: ToolStep,
    private readonly s: WebviewStrings,
    private readonly act: StepActions,
  ) {
    this.step = step;
    const detailId = `tool-step-${nextStepElementId++}`;
    this.glyph = h('span', { class: 'tool-step-icon' });
    this.label = h('span', { class: 'tool-step-label' });
    this.head = h(
      'button',
      { type: 'button', class: 'tool-step-head', 'aria-expanded': 'false', 'aria-controls': detailId },
      this.glyph,
      this.label,
    );
    this.detail = h('div', { class: 'tool-step-detail', id: detailId, hidden: true });
    this.el = h('div', { class: 'tool-step', 'data-step-id': step.id, 'data-tool': step.name }, this.head, this.detail);
    this.head.addEventListener('click', () => this.toggle());
    this.show();
  }

  /** Takes the host's newer state of the step (it finished, was refused, …). */
  update(step: ToolStep): void {
    const changed =
      step.status !== this.step.status ||
      step.title !== this.step.title ||
      step.result !== this.step.result ||
      step.command?.line !== this.step.command?.line;
    this.step = step;
    if (!changed) return;
    this.filled = false;
    if (!this.detail.hidden) this.fill();
    this.show();
  }

  private show(): void {
    const st = this.step;
    this.el.dataset.status = st.status;
    this.el.setAttribute('aria-busy', String(st.status === 'running'));
    this.glyph.replaceChildren(icon(stepIcon(st.name, st.status)));
    this.label.textContent = st.title;
    // A narrow side bar cuts the line with an ellipsis: the whole line shows on hover.
    this.label.title = st.title;
    // Nothing to expand until there is a result.
    this.head.disabled = st.result === undefined && !st.locations?.length;
    this.head.title = st.status === 'running' ? this.s.toolStepRunning : this.s.toolStepShow;
    this.showApproval();
  }

  /** While the step waits: the exact command (as text), where it runs, and the Run and Skip buttons. */
  private showApproval(): void {
    const st = this.step;
    if (st.status !== 'waiting' || !st.command) {
      this.approval?.remove();
      this.approval = undefined;
      return;
    }
    if (this.approval) return;
    const decide = (run: boolean) => {
      for (const b of buttons) b.disabled = true;
      this.act.decideCommand(st.id, run);
    };
    const run = h('button', { type: 'button', class: 'tool-step-run primary' }, this.s.commandRun);
    const skip = h('button', { type: 'button', class: 'tool-step-skip' }, this.s.commandSkip);
    const buttons = [run, skip];
    run.addEventListener('click', () => decide(true));
    skip.addEventListener('click', () => decide(false));
    const folder = st.command.cwd === '.' ? this.s.commandInRoot : format(this.s.commandInFolder, st.command.cwd);
    this.approval = h(
      'div',
      { class: 'tool-step-approval', role: 'group', 'aria-label': this.s.commandAsk },
      h('pre', { class: 'tool-step-command' }, st.command.line),
      h('div', { class: 'tool-step-folder' }, folder),
      h('div', { class: 'tool-step-buttons' }, run, skip),
    );
    this.el.insertBefore(this.approval, this.detail);
  }

  private toggle(): void {
    const open = this.detail.hidden;
    if (open && !this.filled) this.fill();
    this.detail.hidden = !open;
    this.head.setAttribute('aria-expanded', String(open));
  }

  /** The links (each opens its file at its line) and the result as plain text. */
  private fill(): void {
    this.filled = true;
    this.detail.textContent = '';
    const links = this.step.locations ?? [];
    if (links.length) {
      const list = h('div', { class: 'tool-step-links', role: 'list' });
      links.forEach((l, i) => {
        const where = l.line ? `${l.path}:${l.line}` : l.path;
        const b = h('button', { type: 'button', class: 'link tool-step-link' }, where);
        b.title = format(this.s.openAttachment, where);
        b.addEventListener('click', () => this.act.openStepLink(this.step.id, i));
        list.append(h('span', { role: 'listitem' }, b));
      });
      this.detail.append(list);
    }
    if (this.step.result !== undefined) this.detail.append(h('pre', { class: 'tool-step-result' }, this.step.result));
  }
}

/** One stretch of the answer's text between steps. */
interface Segment {
  el: HTMLElement;
  renderer: AnswerRenderer;
}

/**
 * An answer's text with its steps between: acts as the answer's one renderer (text appended goes
 * to the last stretch), and places each step where its `at` says.
 */
export class SegmentedAnswer implements AnswerRenderer {
  private segments: Segment[] = [];
  private readonly views = new Map<string, StepView>();
  private steps: ToolStep[] = [];
  private finished = false;

  constructor(
    private readonly body: HTMLElement,
    private readonly make: (container: HTMLElement) => AnswerRenderer,
    private readonly s: WebviewStrings,
    private readonly act: StepActions,
  ) {
    this.addSegment();
  }

  get text(): string {
    return this.segments.length === 1 ? this.last.renderer.text : this.segments.map((g) => g.renderer.text).join('');
  }

  private get last(): Segment {
    return this.segments[this.segments.length - 1];
  }

  private addSegment(): Segment {
    const el = h('div', { class: 'segment' });
    this.body.append(el);
    const seg = { el, renderer: this.make(el) };
    this.segments.push(seg);
    return seg;
  }

  append(text: string): void {
    this.finished = false;
    this.last.renderer.append(text);
  }

  flush(): void {
    this.last.renderer.flush();
  }

  finish(): void {
    this.finished = true;
    this.last.renderer.finish();
  }

  setText(text: string): void {
    this.rebuild(text);
  }

  /** Takes the whole answer at once: its text and its steps (a snapshot, a changed turn). */
  load(text: string, steps: readonly ToolStep[]): void {
    this.steps = [...steps];
    this.rebuild(text);
  }

  /**
   * Takes the turn's steps: a known one is updated in place; a new one at the end of the text so
   * far closes the current stretch and opens the next after it; anything else lays the answer out again.
   */
  setSteps(steps: readonly ToolStep[]): void {
    let relayout = steps.length < this.steps.length;
    const length = this.text.length;
    for (const [i, st] of steps.entries()) {
      const view = this.views.get(st.id);
      if (view) {
        view.update(st);
        if (this.steps[i]?.id !== st.id || this.steps[i].at !== st.at) relayout = true;
      } else if (!relayout && st.at === length && i === this.steps.length) {
        this.last.renderer.flush();
        this.last.renderer.finish();
        const v = new StepView(st, this.s, this.act);
        this.views.set(st.id, v);
        this.body.append(v.el);
        this.steps = [...this.steps, st];
        this.addSegment();
      } else relayout = true;
    }
    this.steps = [...steps];
    if (relayout) this.rebuild(this.text);
  }

  /** Lays the answer out from scratch: the text cut at each step's place. */
  private rebuild(text: string): void {
    this.body.textContent = '';
    this.segments = [];
    const keep = new Map<string, StepView>();
    let pos = 0;
    for (const st of this.steps) {
      const at = Math.min(Math.max(st.at, pos), text.length);
      const seg = this.addSegment();
      seg.renderer.setText(text.slice(pos, at));
      seg.renderer.finish();
      pos = at;
      const view = this.views.get(st.id) ?? new StepView(st, this.s, this.act);
      view.update(st);
      keep.set(st.id, view);
      this.body.append(view.el);
    }
    this.views.clear();
    for (const [k, v] of keep) this.views.set(k, v);
    const tail = this.addSegment();
    tail.renderer.setText(text.slice(pos));
    if (this.finished) tail.renderer.finish();
  }
}
