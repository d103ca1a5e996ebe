/**
 * The server's tokenizer is the truth: per model, the ratio between what the server says it counted
 * (`usage.prompt_tokens`, an overflow error's prompt size) and Rill's estimate of the same request.
 * Estimates are multiplied by it, so a model whose vocabulary counts Chinese or code very
 * differently (or one token per byte) still gets requests that fit.
 */

/** What {@link Calibration.observe} concluded from one server count. */
export type Observation =
  /** The ratio was updated. */
  | { type: 'calibrated'; factor: number }
  /**
   * The server counted far fewer tokens than were sent: it most likely cut the prompt to its own
   * window without saying so (Ollama does this at its `num_ctx`). The ratio is left alone.
   */
  | { type: 'silentTruncation'; sentTokens: number; serverTokens: number }
  /** Too small a request to learn from. */
  | { type: 'ignored' };

/** Below this many estimated tokens a request says little about the ratio (template overhead dominates). */
const MIN_SAMPLE_TOKENS = 64;
/**
 * A server count under this share of the calibrated estimate means the prompt was cut. Vocabularies
 * differ from the estimate by a few tens of percent; a cut prompt is usually a small fraction.
 */
const TRUNCATION_RATIO = 0.5;
/** Bounds on the factor: byte-level models count about four times more, no vocabulary far fewer. */
const MIN_FACTOR = TRUNCATION_RATIO;
const MAX_FACTOR = 6;

/** Where a model's factor came from: an accepted request's usage, or an overflow error's count. */
type FactorSource = 'usage' | 'error';

/** What is known of a model: its factor, and the last accepted request's estimate and server count. */
interface ModelCounts {
  factor: number;
  source: FactorSource;
  lastRaw?: number;
  lastServer?: number;
}

/**
 * A request this much larger than the last (by the estimate) that the server counts no larger was
 * cut: more text never counts as fewer tokens in the same vocabulary.
 */
const GROWTH_RATIO = 1.1;

/**
 * Per-model correction factors for token estimates. Plain data in, plain data out: no I/O.
 *
 * The server's count of a request it accepted (`usage.prompt_tokens`) is the best evidence there is,
 * so the latest one sets the factor, replacing whatever an overflow error suggested before: an
 * error's count can be larger than what the server's usage later reports (a server may count its
 * template or the answer's reservation in it), and a factor that stuck there would starve every
 * later request of the window while the meter showed far more than was sent.
 */
export class Calibration {
  private readonly models = new Map<string, ModelCounts>();

  /** The factor for `model` (1 until the server has reported a count). */
  factor(model: string): number {
    return this.models.get(model)?.factor ?? 1;
  }

  /** `raw` estimated tokens scaled for `model`, rounded up. */
  scale(model: string, raw: number): number {
    return Math.ceil(raw * this.factor(model));
  }

  /**
   * Learns from the server's count `serverTokens` of a request Rill estimated at `rawTokens` (raw,
   * uncalibrated): the newest count wins, so a changed model behind the same name, or an outlier
   * learned from an error, is corrected by the next answer. A cut prompt is told by real evidence
   * only, and teaches nothing: a count under half of the estimate (scaled by what accepted requests
   * taught, never by an error's figure, which may be the outlier itself), or a count that did not
   * grow while the request did (a growing chat against a server that keeps only its window's worth).
   */
  observe(model: string, rawTokens: number, serverTokens: number): Observation {
    if (!(rawTokens >= MIN_SAMPLE_TOKENS) || !(serverTokens > 0) || !Number.isFinite(serverTokens))
      return { type: 'ignored' };
    const known = this.models.get(model);
    const usage = known?.source === 'usage' ? known : undefined;
    const expected = Math.ceil(rawTokens * (usage?.factor ?? 1));
    // No vocabulary counts under half of the estimate: far fewer means a cut prompt, not a calibration.
    const farBelow = serverTokens < expected * TRUNCATION_RATIO;
    const stalled =
      usage?.lastRaw !== undefined &&
      usage.lastServer !== undefined &&
      rawTokens > usage.lastRaw * GROWTH_RATIO &&
      serverTokens <= usage.lastServer;
    if (farBelow || stalled) return { type: 'silentTruncation', sentTokens: expected, serverTokens };
    const factor = Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, serverTokens / rawTokens));
    this.models.set(model, { factor, source: 'usage', lastRaw: rawTokens, lastServer: serverTokens });
    return { type: 'calibrated', factor };
  }

  /**
   * Sets the factor from an overflow error's prompt size, so the trimmed retry fits the server's
   * own count; the next accepted request's usage replaces it ({@link observe}).
   */
  learnExact(model: string, rawTokens: number, serverTokens: number): void {
    if (!(rawTokens > 0) || !(serverTokens > 0)) return;
    const factor = Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, serverTokens / rawTokens));
    this.models.set(model, { factor, source: 'error' });
  }
}
