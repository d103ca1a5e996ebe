/**
 * The footer: the model button (Select Model, or Select Provider before any setup), the answer's
 * tools switch, the answer's tokens per second and the chat's usage, and the notice of a system prompt set by the workspace.
 * This module owns those elements.
 */
import type { HostStatus, WebviewStrings } from '../shared/protocol';
import { format, h } from './dom';
import { post } from './host';
import { icon } from './render/icons';
import type { TurnInfo } from './turnView';
import { chatUsage, tokensPerSecond, usageText } from './usage';

/** Longest part of a workspace system prompt shown inline; the whole text is in the tooltip. */
const PROMPT_PREVIEW_CHARS = 160;

/** The active profile and model, next to the input: opens Select Model (or Select Provider before any setup). */
const modelBtn = h('button', { type: 'button', class: 'model-picker' });
/** The tools switch: on or off for this chat, like the workbench chat's mode picker. */
const toolsBtn = h('button', { type: 'button', class: 'tools-switch', hidden: true, 'aria-pressed': 'false' });
const footerText = h('span', { class: 'footer-text' });
export const footer = h('div', { class: 'footer', 'aria-live': 'off' }, modelBtn, toolsBtn, footerText);
/** Whether tools are on for this chat (the switch turns them the other way). */
let toolsOn = false;
toolsBtn.addEventListener('click', () => post({ type: 'setTools', on: !toolsOn }));
/** Says when the workspace's settings set the system prompt: a repository's instructions stay visible. */
export const workspacePrompt = h('div', { class: 'workspace-prompt', role: 'note', hidden: true });
/** Whether a provider is set up (the model button then opens Select Model). */
let configured = false;

modelBtn.addEventListener('click', () =>
  post({ type: 'setupAction', action: configured ? 'selectModel' : 'selectProvider' }),
);

/** Sets the labels of the strings' language. */
export function labelFooter(s: WebviewStrings): void {
  modelBtn.title = s.pickModel;
  modelBtn.setAttribute('aria-label', s.pickModel);
}

/** Shows the status, the last answer's speed and the chat's usage. */
export function renderFooter(
  strings: WebviewStrings,
  status: HostStatus,
  turns: readonly TurnInfo[],
  busy: boolean,
): void {
  renderWorkspacePrompt(strings, status.workspaceSystemPrompt);
  const w = status.welcome;
  configured = !!w?.configured;
  const picker = w?.configured
    ? `${w.provider} · ${w.model || strings.noModel}`
    : status.model || strings.selectProvider;
  if (modelBtn.textContent !== picker) {
    modelBtn.textContent = picker;
    // The button never wraps: a long name ends in an ellipsis, and the tooltip shows all of it.
    modelBtn.title = picker;
  }
  renderToolsSwitch(strings, status.tools);
  const last = [...turns].reverse().find((t) => t.role === 'assistant');
  const parts: string[] = [];
  if (busy) parts.push(strings.busy);
  const rate = last && tokensPerSecond(last);
  if (rate !== undefined) parts.push(format(strings.tokensPerSecond, rate.toFixed(1)));
  const chat = chatUsage(turns);
  if (chat.totalTokens) parts.push(format(strings.chatUsage, usageText(strings, chat)));
  footerText.textContent = parts.join(' · ');
}

/** The tools switch by the message box, shown unless `rill.tools` is `off`. */
function renderToolsSwitch(strings: WebviewStrings, tools: HostStatus['tools']): void {
  toolsBtn.hidden = !tools;
  if (!tools) return;
  toolsOn = tools.on;
  const on = String(tools.on);
  if (toolsBtn.getAttribute('aria-pressed') === on && toolsBtn.childElementCount) return;
  toolsBtn.replaceChildren(icon('tools'), h('span', {}, strings.toolsSwitch));
  toolsBtn.setAttribute('aria-pressed', on);
  toolsBtn.title = tools.on ? strings.toolsOnTitle : strings.toolsOffTitle;
}

function renderWorkspacePrompt(strings: WebviewStrings, prompt: string | undefined): void {
  workspacePrompt.hidden = !prompt;
  if (!prompt) return;
  const oneLine = prompt.replace(/\s+/g, ' ').trim();
  const preview = oneLine.length > PROMPT_PREVIEW_CHARS ? `${oneLine.slice(0, PROMPT_PREVIEW_CHARS - 1)}…` : oneLine;
  workspacePrompt.textContent = `${strings.workspacePrompt} ${preview}`;
  workspacePrompt.title = prompt;
}
