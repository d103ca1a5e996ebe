/** An in-memory {@link ToolHost} for the tools' unit tests: files by path, a secret and an excluded file. */
import type { Bounded, DirEntry, HostAnswer, TextMatch, TextQuery, ToolHost } from '../../../../src/core/tools';

export class FakeHost implements ToolHost {
  /** Every call the tools made, as `method path-or-query`. */
  readonly calls: string[] = [];
  constructor(
    readonly files: Record<string, string>,
    readonly opts: { secret?: string[]; excluded?: string[]; delayMs?: number } = {},
  ) {}

  workspaceRelative(abs: string): string | undefined {
    return abs.startsWith('/ws/') ? abs.slice(4) : abs === '/ws' ? '.' : undefined;
  }

  private async wait(signal: AbortSignal): Promise<void> {
    if (!this.opts.delayMs) return;
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, this.opts.delayMs);
      signal.addEventListener('abort', () => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  async readText(path: string, signal: AbortSignal): Promise<HostAnswer<string>> {
    this.calls.push(`readText ${path}`);
    await this.wait(signal);
    if (signal.aborted) return { ok: false, refusal: { reason: 'cancelled' } };
    if (this.opts.secret?.includes(path)) return { ok: false, refusal: { reason: 'secret', detail: '.env*' } };
    if (this.opts.excluded?.includes(path)) return { ok: false, refusal: { reason: 'excluded' } };
    const text = this.files[path];
    return text === undefined ? { ok: false, refusal: { reason: 'notFound' } } : { ok: true, value: text };
  }

  async listDir(path: string): Promise<HostAnswer<DirEntry[]>> {
    this.calls.push(`listDir ${path}`);
    const prefix = path === '.' ? '' : `${path}/`;
    const names = new Map<string, boolean>();
    for (const f of Object.keys(this.files)) {
      if (!f.startsWith(prefix)) continue;
      const rest = f.slice(prefix.length).split('/');
      names.set(rest[0], rest.length > 1 || names.get(rest[0]) === true);
    }
    if (names.size === 0) return { ok: false, refusal: { reason: 'notFound' } };
    return { ok: true, value: [...names].map(([name, folder]) => ({ name, folder })) };
  }

  async findFiles(glob: string, max: number): Promise<HostAnswer<Bounded<string>>> {
    this.calls.push(`findFiles ${glob}`);
    const all = Object.keys(this.files).sort();
    return { ok: true, value: { items: all.slice(0, max), more: all.length > max } };
  }

  async searchText(q: TextQuery, max: number): Promise<HostAnswer<Bounded<TextMatch>>> {
    this.calls.push(`searchText ${q.query}`);
    const out: TextMatch[] = [];
    for (const [path, text] of Object.entries(this.files))
      text.split('\n').forEach((line, i) => {
        if (line.includes(q.query)) out.push({ path, line: i + 1, text: line });
      });
    return { ok: true, value: { items: out.slice(0, max), more: out.length > max } };
  }
}
