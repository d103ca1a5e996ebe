/**
 * A command's output, bounded while it arrives: the first and the last characters are kept, the
 * middle is counted and dropped, so a command that prints megabytes costs neither memory nor the
 * model's window. The head says how it started (the command's own errors come first), the tail how
 * it ended (test summaries, the last error).
 */

/** Most characters of output kept and sent to the model: half from the start, half from the end. */
export const OUTPUT_MAX_CHARS = 16_000;

/** Terminal colour and cursor sequences (CSI and OSC), which mean nothing to a model. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the escape sequences to strip
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

/** `text` without terminal escape sequences, with `\r\n` as `\n`. */
export function plainOutput(text: string): string {
  return text.replace(ANSI, '').replace(/\r\n/g, '\n');
}

/** Collects output up to {@link OUTPUT_MAX_CHARS} (or `max`), keeping its head and its tail. */
export class BoundedOutput {
  private head = '';
  private tail = '';
  private total = 0;

  constructor(private readonly max = OUTPUT_MAX_CHARS) {}

  /** Adds a chunk as it arrives. */
  push(chunk: string): void {
    if (!chunk) return;
    this.total += chunk.length;
    const half = Math.floor(this.max / 2);
    if (this.head.length < half) {
      const room = half - this.head.length;
      this.head += chunk.slice(0, room);
      chunk = chunk.slice(room);
    }
    if (chunk) this.tail = (this.tail + chunk).slice(-(this.max - half));
  }

  /** How many characters arrived in all. */
  get length(): number {
    return this.total;
  }

  /** The characters dropped from the middle. */
  get cut(): number {
    return this.total - this.head.length - this.tail.length;
  }

  /** The kept output, with a note where the middle was cut. */
  text(): string {
    const cut = this.cut;
    if (cut <= 0) return this.head + this.tail;
    return `${this.head}\n[… ${cut} characters of output cut here; the first ${this.head.length} and the last ${this.tail.length} are shown …]\n${this.tail}`;
  }
}

/** `text` cut to `max` characters the same way (head and tail with a note). */
export function cutOutput(text: string, max = OUTPUT_MAX_CHARS): string {
  const b = new BoundedOutput(max);
  b.push(text);
  return b.text();
}
