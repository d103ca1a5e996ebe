/**
 * The footer: the model button (Select Model, or Select Provider before any setup), the answer's
 * tokens per second and the chat's usage, and the notice of a system prompt set by the workspace.
 */
import type { HostStatus, WebviewStrings } from '../shared/protocol';
import { format, h } from './dom';
import { post } from './host';
import type { TurnInfo } from './turnView';
import { chatUsage, tokensPerSecond, usageText } from './usage';

/** Longest part of a workspace system prompt shown inline; the whole text is in the tooltip. */
const PROMPT_PREVIEW_CHARS = 160;

/** The line under the composer, and the workspace prompt's notice above it. */
export class Footer {
  /** The active profile and model, next to the input: opens Select Model (or Select Provider before any setup). */
  private readonly modelBtn = h('button', { type: 'button', class: 'model-picker' });
  private readonly text = h('span', { class: 'footer-text' });
  readonly el = h('div', { class: 'footer', 'aria-live': 'off' }, this.modelBtn, this.text);
  /** Says when the workspace's settings set the system prompt: a repository's instructions stay visible. */
  readonly workspacePrompt = h('div', { class: 'workspace-prompt', role: 'note', hidden: true });
  private configured = false;

  constructor() {
    this.modelBtn.addEventListener('click', () =>
      post({ type: 'setupAction', action: this.configured ? 'selectModel' : 'selectProvider' }),
    );
  }

  /** Sets the labels of the strings' language. */
  label(s: WebviewStrings): void {
    this.modelBtn.title = s.pickModel;
    this.modelBtn.setAttribute('aria-label', s.pickModel);
  }

  /** Shows the status, the last answer's speed and the chat's usage. */
  render(strings: WebviewStrings, status: HostStatus, turns: readonly TurnInfo[], busy: boolean): void {
    this.renderWorkspacePrompt(strings, status.workspaceSystemPrompt);
    const w = status.welcome;
    this.configured = !!w?.configured;
    const picker = w?.configured
      ? `${w.provider} · ${w.model || strings.noModel}`
      : status.model || strings.selectProvider;
    if (this.modelBtn.textContent !== picker) this.modelBtn.textContent = picker;
    const last = [...turns].reverse().find((t) => t.role === 'assistant');
    const parts: string[] = [];
    if (busy) parts.push(strings.busy);
    const rate = last && tokensPerSecond(last);
    if (rate !== undefined) parts.push(format(strings.tokensPerSecond, rate.toFixed(1)));
    const chat = chatUsage(turns);
    if (chat.totalTokens) parts.push(format(strings.chatUsage, usageText(strings, chat)));
    this.text.textContent = parts.join(' · ');
  }

  private renderWorkspacePrompt(strings: WebviewStrings, prompt: string | undefined): void {
    this.workspacePrompt.hidden = !prompt;
    if (!prompt) return;
    const oneLine = prompt.replace(/\s+/g, ' ').trim();
    const preview = oneLine.length > PROMPT_PREVIEW_CHARS ? `${oneLine.slice(0, PROMPT_PREVIEW_CHARS - 1)}…` : oneLine;
    this.workspacePrompt.textContent = `${strings.workspacePrompt} ${preview}`;
    this.workspacePrompt.title = prompt;
  }
}
