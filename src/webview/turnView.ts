import type { ChatTurn } from '../core/chat';
import { prettyArguments } from '../core/editor';
import { type FixCommand, fixesFor } from '../shared/errorFixes';
import type { ChangeSetView, SetupAction, TurnState, WebviewStrings } from '../shared/protocol';
import { type ChangeActions, renderChanges } from './changesView';
import { button, format, h, iconButton } from './dom';
import { SegmentedAnswer } from './toolSteps';
import { answerUsageText } from './usage';

/**
 * A streaming text renderer for one answer: buffer on `append`, render on `flush` (once per frame).
 * It owns the answer's text in the webview.
 */
export interface AnswerRenderer {
  /** Everything appended or set so far, rendered or not. */
  readonly text: string;
  append(text: string): void;
  flush(): void;
  finish(): void;
  setText(text: string): void;
}

/** The button label of a fix: the string the host sends under the fix's name (`fixLabels`). */
function fixLabel(s: WebviewStrings, fix: FixCommand): string {
  switch (fix) {
    case 'selectProvider':
      return s.selectProvider;
    case 'setApiKey':
      return s.setApiKey;
    case 'selectModel':
      return s.selectModel;
  }
}
/** A turn without its text: the view keeps the text in one place, see {@link TurnView.text}. */
export type TurnInfo = Omit<ChatTurn, 'text' | 'reasoning'>;

/** What a turn's buttons ask for. */
export interface TurnActions extends ChangeActions {
  copy(text: string): void;
  regenerate(turnId: string): void;
  continueTurn(turnId: string): void;
  retry(turnId: string): void;
  editResend(turnId: string, text: string): void;
  cancelWait(): void;
  /** Runs the setup step that fixes an error (Select Provider, Select Model, Set API Key). */
  setupAction(action: SetupAction): void;
  /** Opens a question's attachment (file at its lines). */
  openAttachment(turnId: string, index: number): void;
  /** Opens the file (at its line) that the `index`-th link of a tool step names. */
  openStepLink(turnId: string, stepId: string, index: number): void;
  /** The user's Run (`run` true) or Skip on a command step that waits for it. */
  decideCommand(turnId: string, stepId: string, run: boolean): void;
  newChat(): void;
  summarise(): void;
  makeRenderer(container: HTMLElement, turnId: string): AnswerRenderer;
}

/**
 * One message in the transcript: its text (rendered incrementally for answers), a collapsed
 * "Thinking" block for reasoning, the status line and the actions that fit its state.
 */
export class TurnView {
  readonly el: HTMLElement;
  private readonly body: HTMLElement;
  private readonly thinking: HTMLDetailsElement;
  private readonly thinkingText: HTMLElement;
  private readonly note: HTMLElement;
  private readonly tools: HTMLElement;
  private readonly changes: HTMLElement;
  private changeSet: ChangeSetView | undefined;
  private readonly actions: HTMLElement;
  private renderer: SegmentedAnswer | undefined;
  private waitTimer: ReturnType<typeof setInterval> | undefined;
  /**
   * The text while no renderer owns it (a user message, or an answer not rendered yet); once an
   * answer is rendered its renderer holds the text and this is empty.
   */
  private plain: string;
  /** Reasoning received but not shown yet; what is shown lives in the "Thinking" block's DOM. */
  private pendingReasoning = '';
  private hasReasoning: boolean;
  /** The turn's state; its text is {@link text}. */
  turn: TurnInfo;
  /** Last delta sequence number applied. */
  seq = 0;

  /**
   * @param lazy a finished answer far from view: shown as plain text until {@link materialize} is
   *   called (when it scrolls near), so a long chat opens without rendering all its Markdown.
   */
  constructor(
    turn: ChatTurn,
    private readonly s: WebviewStrings,
    private readonly act: TurnActions,
    lazy = false,
  ) {
    const { text, reasoning, ...info } = turn;
    this.turn = info;
    this.plain = text;
    this.hasReasoning = !!reasoning;
    const isUser = turn.role === 'user';
    this.body = h('div', { class: 'body' });
    this.thinkingText = h('div', { class: 'thinking-text' });
    this.thinking = h('details', { class: 'thinking', hidden: true }, h('summary', {}, s.thinking), this.thinkingText);
    this.note = h('div', { class: 'note', role: 'status' });
    this.tools = h('div', { class: 'tool-calls' });
    this.changes = h('div', { class: 'changes', hidden: true });
    this.actions = h('div', { class: 'actions' });
    this.el = h(
      'article',
      { class: `turn ${turn.role}`, 'data-turn-id': turn.id, 'aria-label': isUser ? s.you : s.assistant },
      h('div', { class: 'who' }, isUser ? s.you : turn.summary ? s.summaryTitle : s.assistant),
      this.thinking,
      this.body,
      this.tools,
      this.changes,
      this.attachmentChips(),
      this.note,
      this.actions,
    );
    if (isUser) this.body.textContent = text;
    else {
      if (reasoning) this.thinkingText.textContent = reasoning;
      if (lazy && turn.status !== 'streaming') {
        this.body.textContent = text;
        this.body.classList.add('pending-render');
      } else this.materialize();
    }
    this.refresh();
  }

  /** The turn's text as received so far, rendered or not. */
  get text(): string {
    return this.renderer ? this.renderer.text : this.plain;
  }

  /** A question's attachments as chips (name and lines); a click opens the file at those lines. */
  private attachmentChips(): HTMLElement | undefined {
    const list = this.turn.attachments;
    if (!list?.length) return undefined;
    const el = h('div', { class: 'chips sent', role: 'list' });
    list.forEach((a, i) => {
      const label = a.cut ? format(this.s.attachmentCut, a.label) : a.label;
      const title = a.range ? `${a.path}:${a.range.start}-${a.range.end}` : a.path;
      const chip = a.uri
        ? button(label, () => this.act.openAttachment(this.turn.id, i), {
            class: `chip ${a.kind}`,
            role: 'listitem',
            title: format(this.s.openAttachment, title),
          })
        : h('span', { class: `chip ${a.kind}`, role: 'listitem', title }, label);
      el.append(chip);
    });
    return el;
  }

  /** True while the answer shows as plain text, waiting for {@link materialize}. */
  get lazy(): boolean {
    return this.turn.role === 'assistant' && !this.renderer;
  }

  /** Renders the answer as Markdown (once; later calls do nothing). */
  materialize(): void {
    if (this.renderer || this.turn.role !== 'assistant') return;
    this.body.textContent = '';
    this.body.classList.remove('pending-render');
    this.renderer = new SegmentedAnswer(this.body, (el) => this.act.makeRenderer(el, this.turn.id), this.s, {
      openStepLink: (stepId, index) => this.act.openStepLink(this.turn.id, stepId, index),
      decideCommand: (stepId, run) => this.act.decideCommand(this.turn.id, stepId, run),
    });
    this.renderer.load(this.plain, this.turn.steps ?? []);
    this.plain = '';
    if (this.turn.status !== 'streaming') this.renderer.finish();
  }

  /** Applies one coalesced delta. Returns false on a sequence gap (the caller resyncs). */
  delta(seq: number, text: string, reasoning = ''): boolean {
    if (seq !== this.seq + 1) return false;
    this.materialize();
    this.seq = seq;
    if (reasoning) {
      this.pendingReasoning += reasoning;
      this.hasReasoning = true;
    }
    if (text) this.renderer?.append(text);
    return true;
  }

  /** Renders what arrived since the last frame. */
  flush(): void {
    if (this.pendingReasoning) {
      this.thinking.hidden = false;
      this.thinkingText.append(this.pendingReasoning);
      this.pendingReasoning = '';
    }
    this.renderer?.flush();
  }

  /** Takes the host's final or changed state of this turn (text only when it changed). */
  update(state: TurnState): void {
    const { text, reasoning, ...info } = state;
    this.turn = info;
    this.materialize();
    if (text !== undefined) {
      if (info.role === 'user') this.body.textContent = this.plain = text;
      else this.renderer?.load(text, info.steps ?? []);
    } else this.renderer?.setSteps(info.steps ?? []);
    if (reasoning !== undefined) {
      this.thinkingText.textContent = reasoning;
      this.pendingReasoning = '';
      this.hasReasoning = !!reasoning;
    }
    if (info.status !== 'streaming') this.renderer?.finish();
    this.refresh();
  }

  /** Shows the answer's change set (proposed or decided), in place of its Apply buttons. */
  setChangeSet(view: ChangeSetView | undefined): void {
    this.changeSet = view;
    this.renderChanges();
  }

  /** The change set, or the Apply buttons of path-headed code blocks once the answer is done. */
  private renderChanges(): void {
    if (this.turn.role !== 'assistant' || this.turn.status === 'streaming') {
      this.changes.hidden = !this.changeSet;
      if (this.changeSet) renderChanges(this.changes, this.s, this.turn.id, '', this.changeSet, this.act);
      return;
    }
    renderChanges(this.changes, this.s, this.turn.id, this.text, this.changeSet, this.act);
  }

  /** Shows a countdown before an automatic retry, with a Cancel button. */
  showRetryWait(until: number, message: string): void {
    this.clearWait();
    const tick = () => {
      const left = Math.max(0, Math.ceil((until - Date.now()) / 1000));
      this.note.textContent = format(this.s.retryWait, left, message);
      this.note.append(
        ' ',
        button(this.s.cancelRetry, () => this.act.cancelWait(), { class: 'link' }),
      );
      if (left === 0) this.clearWait();
    };
    tick();
    this.waitTimer = setInterval(tick, 1000);
  }

  private clearWait(): void {
    if (this.waitTimer) clearInterval(this.waitTimer);
    this.waitTimer = undefined;
  }

  /** Re-derives the status line, the busy flag and the buttons from the turn's state. */
  private refresh(): void {
    const t = this.turn;
    const s = this.s;
    this.clearWait();
    this.el.classList.toggle('streaming', t.status === 'streaming');
    this.el.classList.toggle('interrupted', t.status === 'interrupted');
    this.el.classList.toggle('error', t.status === 'error');
    // aria-busy defers screen-reader announcements of a streaming answer until it is complete.
    this.el.setAttribute('aria-busy', String(t.status === 'streaming'));
    this.thinking.hidden = !this.hasReasoning;
    this.note.textContent = '';
    // Each note is a line of its own: run together they read as one sentence ("…less of it.The server…").
    const line = (text: string, cls = '') => this.note.append(h('div', { class: `note-line ${cls}`.trim() }, text));
    if (t.error) line(t.error.message, 'error-text');
    // The steps that fix this kind of error (Select Provider, Set API Key, Select Model), as buttons.
    if (t.error && t.status !== 'streaming')
      for (const fix of fixesFor(t.error.kind))
        this.note.append(button(fixLabel(s, fix), () => this.act.setupAction(fix), { class: 'primary fix' }));
    if (t.status === 'interrupted') line(t.finishReason === 'abort' ? s.stopped : s.interrupted);
    if (t.status === 'complete' && t.finishReason === 'length') line(s.cutOff);
    if (t.status === 'complete' && t.finishReason === 'content_filter') line(s.filtered);
    if (t.toolStop) line(t.toolStop, 'context-note');
    this.renderToolCalls();
    this.renderChanges();
    if (t.notice) line(t.notice, 'notice');
    if (t.context?.retried) line(s.contextRetried, 'context-note');
    if (t.context?.warning) line(t.context.warning, 'context-note warning');
    if (t.context?.overflow) line(t.context.overflow === 'question' ? s.overflowQuestion : s.overflowConversation);
    this.actions.textContent = '';
    if (t.status === 'streaming') return;
    if (t.context?.overflow === 'conversation' && t.status === 'error')
      this.actions.append(
        button(s.startNewChat, () => this.act.newChat()),
        button(s.summarise, () => this.act.summarise()),
      );
    if (t.role === 'user') {
      this.actions.append(
        iconButton('copy', s.copyMessage, () => this.act.copy(this.text)),
        iconButton('edit', s.edit, () => this.startEdit()),
      );
      return;
    }
    const hasText = this.text !== '';
    if (hasText) this.actions.append(iconButton('copy', s.copyMessage, () => this.act.copy(this.text)));
    if (t.usage)
      this.actions.append(
        h(
          'span',
          {
            class: 'usage muted',
            title: format(
              s.answerTokensTitle,
              t.usage.completionTokens.toLocaleString(),
              t.usage.promptTokens.toLocaleString(),
            ),
          },
          answerUsageText(s, t.usage),
        ),
      );
    // Continue and Retry are what an unfinished answer needs next: they stay in sight, the others show on hover or focus.
    if (t.finishReason === 'length' || (t.status === 'interrupted' && hasText))
      this.actions.append(
        iconButton('debug-continue', s.continue, () => this.act.continueTurn(t.id), { class: 'icon-button next' }),
      );
    if (t.status === 'interrupted' || t.status === 'error')
      this.actions.append(iconButton('refresh', s.retry, () => this.act.retry(t.id), { class: 'icon-button next' }));
    else this.actions.append(iconButton('refresh', s.regenerate, () => this.act.regenerate(t.id)));
  }

  /** The answer's tool calls: name, then the arguments pretty-printed, collapsed like reasoning, with a Copy button. */
  private renderToolCalls(): void {
    const calls = this.turn.toolCalls ?? [];
    if (this.tools.childElementCount === calls.length) return;
    this.tools.textContent = '';
    for (const c of calls) {
      const args = prettyArguments(c.arguments);
      this.tools.append(
        h(
          'details',
          { class: 'tool-call' },
          h('summary', {}, format(this.s.toolCall, c.name)),
          h(
            'div',
            { class: 'tool-call-body' },
            iconButton('copy', this.s.copyArguments, () => this.act.copy(args)),
            h('pre', {}, h('code', {}, args)),
          ),
        ),
      );
    }
  }

  private startEdit(): void {
    const area = h('textarea', { class: 'edit', 'aria-label': this.s.messageLabel, rows: '3' });
    area.value = this.text;
    const done = () => {
      form.remove();
      this.body.hidden = false;
      this.actions.hidden = false;
    };
    const submit = () => {
      if (!area.value.trim()) return;
      done();
      this.act.editResend(this.turn.id, area.value);
    };
    area.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        submit();
      } else if (e.key === 'Escape') {
        e.stopPropagation();
        done();
      }
    });
    const form = h(
      'div',
      { class: 'edit-form' },
      area,
      h('div', { class: 'actions' }, button(this.s.save, submit), button(this.s.cancel, done)),
    );
    this.body.hidden = true;
    this.actions.hidden = true;
    this.body.after(form);
    area.focus();
  }

  dispose(): void {
    this.clearWait();
    this.el.remove();
  }
}
