/**
 * Counts the tokens of request messages with the estimate of {@link estimateTokens}, cached per
 * message text so that preparing the next request of a long chat costs only its new text, and
 * scaled per model by a {@link Calibration} learned from the server's own counts.
 */
import type { ChatMessage } from '../types';
import { estimateTokens, MESSAGE_OVERHEAD_TOKENS, REQUEST_OVERHEAD_TOKENS } from './tokenEstimate';

/** Most texts remembered; a chat of thousands of turns with attachments fits many times over. */
const CACHE_LIMIT = 20_000;

/**
 * A cache of raw (uncalibrated) estimates keyed by the text itself. V8 hashes a string once and keeps
 * the hash on the string, so looking up the same transcript text again does not rescan it.
 */
export class TokenCounter {
  private readonly cache = new Map<string, number>();

  /** Raw estimate of `text`, from the cache when it was counted before. */
  count(text: string): number {
    const hit = this.cache.get(text);
    if (hit !== undefined) return hit;
    const n = estimateTokens(text);
    if (this.cache.size >= CACHE_LIMIT) {
      // Forget the oldest entry; Map iterates in insertion order.
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(text, n);
    return n;
  }

  /** Raw estimate of one message with its template overhead. */
  countMessage(message: ChatMessage): number {
    let n = this.count(message.content) + MESSAGE_OVERHEAD_TOKENS;
    // Tool calls are sent as JSON beside the content: their names and arguments count too.
    if (message.toolCalls)
      for (const c of message.toolCalls) n += this.count(c.arguments) + this.count(c.name) + MESSAGE_OVERHEAD_TOKENS;
    return n;
  }

  /** Raw estimate of a whole request's messages, with the request overhead. */
  countMessages(messages: readonly ChatMessage[]): number {
    let n = REQUEST_OVERHEAD_TOKENS;
    for (const m of messages) n += this.countMessage(m);
    return n;
  }
}
