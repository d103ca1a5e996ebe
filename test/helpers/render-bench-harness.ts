/**
 * In-page drivers for the renderer benchmarks (bundled into the test page with the renderer).
 * Each streams a text into a fresh container, either through the real renderer or through a plain
 * text floor, and reports what it measured; main-thread time is taken from outside (CDP).
 */
import { StreamingMarkdown } from '../../src/webview/render';

const noHooks = { onCopy() {}, onInsert() {}, onLink() {} };
/** Keeps the end of the page in view, as the chat view does while it follows an answer. */
function follow(): void {
  const scroller = document.scrollingElement as HTMLElement;
  scroller.scrollTop = scroller.scrollHeight;
}

function freshContainer(): HTMLElement {
  const root = document.getElementById('root') ?? document.body;
  root.replaceChildren();
  const el = document.createElement('div');
  root.appendChild(el);
  return el;
}

/** A sink for streamed text: the renderer, or the plain text floor. */
interface Sink {
  /** Takes `text[from, to)`. */
  add(from: number, to: number): void;
  /** Resolves when the work left from what was added (highlighting) is done. */
  settled(): Promise<void>;
  end(): Promise<void>;
}

function rendererSink(el: HTMLElement, text: string): Sink {
  const md = new StreamingMarkdown(el, noHooks);
  return {
    add(from, to) {
      md.append(text.slice(from, to));
      md.flush();
    },
    settled: () => md.whenHighlighted(),
    async end() {
      md.finish();
      await md.whenHighlighted();
      md.dispose();
    },
  };
}

/**
 * The floor: the same text as plain text, one `<p>` (one text node) per paragraph, a paragraph
 * ending at each blank line. The least any renderer must do to show the text in blocks.
 */
function floorSink(el: HTMLElement, text: string, grouped: boolean): Sink {
  const breaks: number[] = [];
  for (const m of text.matchAll(/\n{2,}/g)) breaks.push((m.index ?? 0) + m[0].length);
  let next = 0;
  // Grouped: paragraphs in the renderer's groups (32 per .md-group, skipped off screen by the
  // stylesheet), to tell the renderer's own cost from what grouping saves.
  let parent: HTMLElement = el;
  let count = 0;
  if (grouped) el.classList.add('md');
  const paragraph = () => {
    if (grouped && count++ % 32 === 0) {
      parent = el.appendChild(document.createElement('div'));
      parent.className = 'md-group';
    }
    return parent.appendChild(document.createElement('p')).appendChild(document.createTextNode(''));
  };
  let node = paragraph();
  return {
    add(from, to) {
      while (next < breaks.length && breaks[next] <= to) {
        const b = breaks[next++];
        if (b > from) node.appendData(text.slice(from, b));
        from = Math.max(from, b);
        node = paragraph();
      }
      if (to > from) node.appendData(text.slice(from, to));
    },
    async settled() {},
    async end() {},
  };
}

/** What streams the text: the renderer, the floor, or the floor in the renderer's groups. */
export type SinkKind = 'renderer' | 'floor' | 'grouped-floor';

function sink(kind: SinkKind, el: HTMLElement, text: string): Sink {
  return kind === 'renderer' ? rendererSink(el, text) : floorSink(el, text, kind === 'grouped-floor');
}

let stream: { el: HTMLElement; sink: Sink; at: number } | null = null;

/** G3: starts streaming `text` into a fresh container, through the renderer or the floor. */
function startStream(kind: SinkKind, text: string): void {
  const el = freshContainer();
  stream = { el, sink: sink(kind, el, text), at: 0 };
}

/**
 * G3: delivers the batches ending at `ends` (character offsets), one per animation frame, so each
 * batch gets a real frame (style, layout, paint) as in the chat view, which keeps the end of the
 * answer in view. The caller measures
 * main-thread time around this; with the frame rate unlimited the frames follow each other at once.
 */
function streamFrames(ends: number[]): Promise<void> {
  const s = stream;
  if (!s) throw new Error('no stream started');
  let i = 0;
  return new Promise((resolve) => {
    const frame = () => {
      if (i === ends.length) {
        resolve();
        return;
      }
      s.sink.add(s.at, ends[i]);
      s.at = ends[i++];
      follow();
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

/** G3: ends the stream (the renderer's final render and highlighting) after one more frame. */
async function endStream(): Promise<void> {
  const s = stream;
  stream = null;
  if (!s) return;
  await s.sink.end();
  await new Promise((resolve) => requestAnimationFrame(resolve));
  s.el.remove();
}

/** What one animation-frame replay measured. */
export interface ReplayResult {
  /** Intervals between consecutive animation frames, in ms. */
  intervals: number[];
  /** Time spent in each frame's callback (appending, rendering, following the end), in ms. */
  work: number[];
  /** Durations of long tasks (≥ 50 ms) seen during the replay. */
  longTasks: number[];
  /** Tokens delivered. */
  tokens: number;
}

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/** Tokens per frame when an answer's beginning is streamed in before a replay. */
const PREFILL_TOKENS_PER_FRAME = 2_000;

let prepared: { kind: 'renderer' | 'idle'; sink: Sink | null; done: number } | null = null;

/**
 * G4, late in a long answer: streams the answer's first `fromToken` tokens into a fresh container
 * (in large batches, one per frame, unmeasured) for the next {@link replay} of `kind` to go on from.
 * An idle page gets the same frames with nothing in them.
 */
async function prepareReplay(
  kind: 'renderer' | 'idle',
  text: string,
  tokenEnds: number[],
  fromToken: number,
): Promise<void> {
  const el = freshContainer();
  const s = kind === 'renderer' ? rendererSink(el, text) : null;
  let done = 0;
  while (done < fromToken) {
    const to = Math.min(fromToken, done + PREFILL_TOKENS_PER_FRAME);
    s?.add(done === 0 ? 0 : tokenEnds[done - 1], tokenEnds[to - 1]);
    done = to;
    follow();
    await nextFrame();
  }
  await s?.settled();
  // A few quiet frames so the last of this work is not counted in the replay.
  for (let i = 0; i < 5; i++) await nextFrame();
  prepared = { kind, sink: s, done };
}

/**
 * G4: replays tokens at `rate` tokens/s for `durationMs`, appending what is due and flushing once
 * per animation frame, like the chat view. `kind: 'idle'` runs the same frame loop doing nothing.
 * `tokenEnds[i]` is the character offset where token i ends. Goes on from a
 * {@link prepareReplay} of the same kind made just before, else starts a fresh answer.
 */
function replay(
  kind: 'renderer' | 'idle',
  text: string,
  tokenEnds: number[],
  rate: number,
  durationMs: number,
): Promise<ReplayResult> {
  const from =
    prepared?.kind === kind
      ? prepared
      : { sink: kind === 'renderer' ? rendererSink(freshContainer(), text) : null, done: 0 };
  prepared = null;
  const s = from.sink;
  let done = from.done;
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push(e.duration);
  });
  observer.observe({ type: 'longtask' });
  const intervals: number[] = [];
  const work: number[] = [];
  let start = -1;
  let last = 0;
  const first = done;
  return new Promise((resolve) => {
    const frame = (ts: number) => {
      if (start < 0) start = ts;
      else intervals.push(ts - last);
      last = ts;
      const due = Math.min(tokenEnds.length, first + Math.floor(((ts - start) / 1000) * rate));
      const t0 = performance.now();
      if (s && due > done) {
        s.add(done === 0 ? 0 : tokenEnds[done - 1], tokenEnds[due - 1]);
        done = due;
        follow();
      }
      work.push(performance.now() - t0);
      if (ts - start < durationMs) {
        requestAnimationFrame(frame);
        return;
      }
      // Let queued long-task entries arrive before reporting.
      setTimeout(() => {
        observer.disconnect();
        resolve({ intervals, work, longTasks, tokens: done - first });
      }, 100);
    };
    requestAnimationFrame(frame);
  });
}

/** The benchmark drivers, exposed as `window.rill.bench`. */
export const benchHarness = { startStream, streamFrames, endStream, prepareReplay, replay };
