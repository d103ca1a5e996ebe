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

/** Per-model correction factors for token estimates. Plain data in, plain data out: no I/O. */
export class Calibration {
  private readonly factors = new Map<string, number>();

  /** The factor for `model` (1 until the server has reported a count). */
  factor(model: string): number {
    return this.factors.get(model) ?? 1;
  }

  /** `raw` estimated tokens scaled for `model`, rounded up. */
  scale(model: string, raw: number): number {
    return Math.ceil(raw * this.factor(model));
  }

  /**
   * Learns from the server's count `serverTokens` of a request Rill estimated at `rawTokens` (raw,
   * uncalibrated). The newest sample weighs most, so a changed model behind the same name is
   * picked up within a request or two.
   */
  observe(model: string, rawTokens: number, serverTokens: number): Observation {
    if (!(rawTokens >= MIN_SAMPLE_TOKENS) || !(serverTokens > 0) || !Number.isFinite(serverTokens))
      return { type: 'ignored' };
    const expected = this.scale(model, rawTokens);
    // No vocabulary counts under half of the estimate: far fewer means a cut prompt, not a calibration.
    if (serverTokens < expected * TRUNCATION_RATIO)
      return { type: 'silentTruncation', sentTokens: expected, serverTokens };
    const ratio = Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, serverTokens / rawTokens));
    const previous = this.factors.get(model);
    const factor = previous === undefined ? ratio : previous * 0.3 + ratio * 0.7;
    this.factors.set(model, factor);
    return { type: 'calibrated', factor };
  }

  /** Sets the factor from a count that must be believed, such as an overflow error's prompt size. */
  learnExact(model: string, rawTokens: number, serverTokens: number): void {
    if (!(rawTokens > 0) || !(serverTokens > 0)) return;
    this.factors.set(model, Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, serverTokens / rawTokens)));
  }
}
