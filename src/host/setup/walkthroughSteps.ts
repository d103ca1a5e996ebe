/**
 * The context keys that tick the Get Started walkthrough's steps however the step was done (a
 * command, the welcome's buttons, settings edited by hand): `rill.providerConfigured` once a
 * provider and model are set, `rill.answered` once an answer came back (the connection works and a
 * question was asked). The walkthrough's `completionEvents` name them with `onContext:`.
 */
import * as vscode from 'vscode';
import type { SessionEvent } from '../../core/chat';
import { activeSetup } from './target';

/** The walkthrough's context keys (its `completionEvents` may name only these with `onContext:`). */
export const WALKTHROUGH_KEYS = ['rill.providerConfigured', 'rill.answered'] as const;

/** One of {@link WALKTHROUGH_KEYS}. */
export type WalkthroughKey = (typeof WALKTHROUGH_KEYS)[number];

/** Sets the walkthrough's context keys, and remembers what it set (what the tests read back). */
export class WalkthroughSteps {
  /** The value last set for each key. */
  readonly values: Partial<Record<WalkthroughKey, boolean>> = {};

  /** Sets `key` to `value` when it changed. */
  set(key: WalkthroughKey, value: boolean): void {
    if (this.values[key] === value) return;
    this.values[key] = value;
    void vscode.commands.executeCommand('setContext', key, value);
  }
}

/**
 * Keeps `rill.providerConfigured` equal to whether a provider and model are set (now, and on every
 * settings change: Select Provider, the welcome's Use button and hand-edited settings all end there).
 */
export function watchProviderConfigured(steps: WalkthroughSteps): vscode.Disposable {
  const sync = () => {
    const { profile, model } = activeSetup();
    steps.set('rill.providerConfigured', !!profile && !!model);
  };
  sync();
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('rill')) sync();
  });
}

/** Sets `rill.answered` when an answer of any conversation completes. */
export function noteAnswered(steps: WalkthroughSteps, e: SessionEvent): void {
  if (e.type === 'turnUpdated' && e.turn.role === 'assistant' && e.turn.status === 'complete')
    steps.set('rill.answered', true);
}
