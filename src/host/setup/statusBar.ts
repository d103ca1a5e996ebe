/**
 * The status bar item: the active model, and the answer's tokens while it streams.
 */
import * as vscode from 'vscode';
import { type ChatSession, ThroughputMeter } from '../../core/chat';
import { activeSetup } from './target';

/** How often the streaming figures are redrawn: often enough to look live, rarely enough to cost nothing. */
const REDRAW_MS = 250;

/**
 * The status bar item: the active model; while an answer streams, its token count and tokens per
 * second. A click switches models (or sets up a provider when there is none).
 */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('rill.status', vscode.StatusBarAlignment.Right, 100);
  private meter: ThroughputMeter | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly unsubscribes: (() => void)[] = [];
  /** The followed conversations answering now: the figures show while any of them streams. */
  private readonly streaming = new Set<ChatSession>();

  constructor(
    session: ChatSession,
    private readonly now: () => number = Date.now,
  ) {
    this.item.name = 'Rill';
    this.follow(session);
    this.refresh();
    this.item.show();
  }

  /**
   * Shows the figures of `session`'s answers too (a chat editor's); with several streaming at
   * once, their tokens add up. Returns the function that stops following it.
   */
  follow(session: ChatSession): () => void {
    const unsubscribe = session.onEvent((e) => {
      if (e.type === 'busy') {
        if (e.busy) {
          if (this.streaming.size === 0) this.start();
          this.streaming.add(session);
        } else if (this.streaming.delete(session) && this.streaming.size === 0) this.stop();
      } else if (e.type === 'delta') this.meter?.delta(this.now());
      // One answer's reported count stands for the meter only while no other answer adds to it.
      else if (e.type === 'turnUpdated' && e.turn.usage && this.streaming.size <= 1)
        this.meter?.usage(e.turn.usage.completionTokens);
    });
    this.unsubscribes.push(unsubscribe);
    return () => {
      unsubscribe();
      this.unsubscribes.splice(this.unsubscribes.indexOf(unsubscribe), 1);
      if (this.streaming.delete(session) && this.streaming.size === 0) this.stop();
    };
  }

  /** What the item shows now (for tests). */
  get text(): string {
    return this.item.text;
  }

  private start(): void {
    this.meter = new ThroughputMeter();
    this.timer ??= setInterval(() => this.refresh(), REDRAW_MS);
    this.refresh();
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.refresh();
    this.meter = undefined;
  }

  /** Redraws from the current settings and stream. */
  refresh(): void {
    const t = vscode.l10n.t;
    const { profile, model } = activeSetup();
    if (!profile) {
      this.item.text = `$(comment-discussion) ${t('Rill: set up')}`;
      this.item.tooltip = t('Rill has no provider yet. Click to choose one.');
      this.item.command = 'rill.selectProvider';
      return;
    }
    const label = model || t('no model');
    this.item.command = 'rill.selectModel';
    this.item.tooltip = t('Rill: {0}, model {1}. Click to switch models.', profile.name, label);
    if (this.timer && this.meter) {
      const rate = this.meter.rate(this.now());
      const figures =
        rate === undefined
          ? t('{0} tokens', this.meter.tokens)
          : t('{0} tokens, {1} tokens/s', this.meter.tokens, rate.toFixed(1));
      this.item.text = `$(loading~spin) ${label} · ${figures}`;
    } else {
      this.item.text = `$(comment-discussion) ${label}`;
    }
  }

  dispose(): void {
    this.stop();
    for (const u of this.unsubscribes) u();
    this.item.dispose();
  }
}
