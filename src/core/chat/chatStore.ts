/**
 * Chats on disk: one JSON file per chat in a folder (the extension's storage folder), shared by
 * every window. Writes are atomic and durable (temporary file, flushed to disk, then renamed), so a
 * crash leaves the old or the new file, never half of one, and the live file is never the one
 * being written; a failed write removes its temporary file. Two windows may write the same chat:
 * each save takes the chat's lock file, merges in turns another window added since this one last
 * read or wrote the file, and renames its new file into place before letting go, so neither
 * window's turns vanish even when both save at the same instant. A file that does not parse, or
 * whose chat is not well-formed (see `checkChat`), is moved aside and reported, never dropped.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StepWording } from '../tools';
import { checkChat } from './chatCheck';
import { type Chat, type ChatSummary, markUnfinishedInterrupted, summarize } from './transcript';
import { mergeTurns, TurnJsonCache } from './turnMerge';

/** The file operations the store uses: `fs.promises`, or a test's stand-in that records or fails them. */
export type ChatFs = Pick<typeof fs.promises, 'mkdir' | 'stat' | 'open' | 'rename' | 'rm' | 'readFile' | 'readdir'>;

/** Storage format version, written into every file. */
export const STORE_VERSION = 1;

/** What a chat id (and so its file name) may look like. */
const ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Temporary files older than this are left over from a crash or a failed write, not a write under way. */
export const STALE_TEMP_MS = 60_000;
/**
 * A lock file older than this was left by a window that died holding it (a save holds it for the
 * few milliseconds of one read, write and rename), and is taken over.
 */
export const STALE_LOCK_MS = 10_000;
const LOCK_SUFFIX = '.lock';

interface StoredChat {
  version: number;
  chat: Chat;
}

/** A chat file that could not be read; the file was renamed to `keptAs`. */
export interface CorruptChat {
  file: string;
  keptAs: string;
  reason: string;
}

/** What this store last knew of a chat's file: its identity on disk and the turn ids it held. */
interface FileState {
  /** Every save writes a new file and renames it into place, so a new inode means a new write. */
  ino: number;
  mtimeMs: number;
  size: number;
  turnIds: Set<string>;
}

const TEMP_SUFFIX = '.tmp';

/** Reads and writes chat files; one per window, all on the same folder. */
export class ChatStore {
  /** Files found unreadable since this store was created; the host reports them once. */
  readonly corrupt: CorruptChat[] = [];
  private readonly known = new Map<string, FileState>();
  private readonly turnJson = new TurnJsonCache();
  private tempCounter = 0;

  /** `fsApi` is for tests: a stand-in for `fs.promises` that records or fails operations. */
  /**
   * @param wording words the step lines the store itself writes when it loads a chat (a command
   * left waiting by a closed window); English by default.
   */
  constructor(
    readonly dir: string,
    private readonly fsApi: ChatFs = fs.promises,
    private readonly wording?: StepWording,
  ) {}

  private file(id: string): string {
    if (!ID.test(id)) throw new Error(`invalid chat id`);
    return path.join(this.dir, `${id}.json`);
  }

  /**
   * Writes a chat atomically and durably. When another window changed the file since this store
   * last read or wrote it, the turns it added are merged into `chat` first (in place, so this
   * window shows them too); turns this window removed since stay removed. Returns whether turns
   * were merged in. On failure the temporary file is removed and the error rethrown.
   *
   * The read, the merge and the rename happen while this store holds the chat's lock file, so a
   * save of another window cannot land between this one's read and rename and be overwritten.
   */
  async save(chat: Chat): Promise<boolean> {
    await this.fsApi.mkdir(this.dir, { recursive: true });
    const target = this.file(chat.id);
    return this.locked(target, () => this.saveLocked(chat, target));
  }

  private async saveLocked(chat: Chat, target: string): Promise<boolean> {
    const merged = await this.mergeFromDisk(chat, target);
    // Unique per process, store and save: two stores of one process may save the same chat in the same millisecond.
    const tmp = `${target}.${process.pid}.${Date.now()}.${this.tempCounter++}.${Math.random().toString(36).slice(2, 8)}${TEMP_SUFFIX}`;
    let written: fs.Stats;
    try {
      const handle = await this.fsApi.open(tmp, 'w');
      try {
        await handle.writeFile(this.fileText(chat));
        // Flushed before the rename: after a power cut the new name must not point at empty blocks.
        await handle.sync();
        // The file's identity as this store wrote it (a rename keeps it): a later change is another window's.
        written = await handle.stat();
      } finally {
        await handle.close();
      }
      await this.fsApi.rename(tmp, target);
    } catch (e) {
      await this.fsApi.rm(tmp, { force: true }).catch(() => {});
      throw e;
    }
    this.remember(chat, written);
    return merged;
  }

  /**
   * Reads one chat, or `undefined` if there is none. A reply left streaming by a closed window
   * comes back marked interrupted; malformed fields are dropped (see `checkChat`). An unreadable
   * file is moved aside and recorded in {@link corrupt}.
   */
  async load(id: string): Promise<Chat | undefined> {
    const file = this.file(id);
    // Identity first: a write that lands between the two is then merged again later, not missed.
    const st = await this.fsApi.stat(file).catch(() => undefined);
    const chat = await this.read(file);
    if (!chat) return undefined;
    if (st) this.remember(chat, st);
    markUnfinishedInterrupted(chat, this.wording);
    return chat;
  }

  /** Summaries of every readable chat, newest first. Unreadable files are moved aside and recorded. */
  async list(): Promise<ChatSummary[]> {
    return (await this.loadAll()).map(summarize).sort((a, b) => b.updatedAt - a.updatedAt);
  }

  /** Every readable chat, in no particular order (for the history search). Unreadable files are moved aside and recorded. */
  async loadAll(): Promise<Chat[]> {
    let names: string[];
    try {
      names = await this.fsApi.readdir(this.dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const chats: Chat[] = [];
    for (const n of names) {
      if (!n.endsWith('.json')) continue;
      const chat = await this.read(path.join(this.dir, n));
      if (chat) chats.push(chat);
    }
    return chats;
  }

  /** Deletes a chat's file; no error if it is already gone. */
  async delete(id: string): Promise<void> {
    await this.fsApi.rm(this.file(id), { force: true });
    this.known.delete(id);
  }

  /**
   * Removes temporary and lock files left by crashed or failed writes (older than
   * {@link STALE_TEMP_MS}, so another window's write under way is left alone). Returns how many
   * were removed.
   */
  async sweepTemporaryFiles(now = Date.now()): Promise<number> {
    let names: string[];
    try {
      names = await this.fsApi.readdir(this.dir);
    } catch {
      return 0;
    }
    let removed = 0;
    for (const n of names) {
      if (!n.endsWith(TEMP_SUFFIX) && !n.endsWith(LOCK_SUFFIX)) continue;
      const p = path.join(this.dir, n);
      try {
        const st = await this.fsApi.stat(p);
        if (now - st.mtimeMs < STALE_TEMP_MS) continue;
        await this.fsApi.rm(p, { force: true });
        removed++;
      } catch {
        // Gone already (another window swept it), or not ours to remove.
      }
    }
    return removed;
  }

  /**
   * The file's text for `chat`: exactly `JSON.stringify({version, chat})`, with settled turns
   * taken from a cache, so a long chat is not re-serialised whole on every save while it streams.
   */
  fileText(chat: Chat): string {
    const head = JSON.stringify({
      id: chat.id,
      title: chat.title,
      createdAt: chat.createdAt,
      updatedAt: chat.updatedAt,
    });
    const turns = chat.turns.map((t) => this.turnJson.json(t)).join(',');
    return `{"version":${STORE_VERSION},"chat":${head.slice(0, -1)},"turns":[${turns}]}}`;
  }

  /** Merges turns another window wrote into `chat` when the file changed behind this store's back. */
  private async mergeFromDisk(chat: Chat, file: string): Promise<boolean> {
    const before = this.known.get(chat.id);
    let st: fs.Stats;
    try {
      st = await this.fsApi.stat(file);
    } catch {
      return false;
    }
    if (before && before.ino === st.ino && before.mtimeMs === st.mtimeMs && before.size === st.size) return false;
    const theirs = await this.read(file);
    if (!theirs) return false;
    // Turns this store saw on disk before and this window no longer has were removed here on purpose.
    const removed = before?.turnIds ?? new Set<string>();
    return mergeTurns(chat, theirs, removed);
  }

  private remember(chat: Chat, st: fs.Stats): void {
    this.known.set(chat.id, {
      ino: st.ino,
      mtimeMs: st.mtimeMs,
      size: st.size,
      turnIds: new Set(chat.turns.map((t) => t.id)),
    });
  }

  /** Parses a chat file; `undefined` when missing, and moved aside when unreadable. */
  private async read(file: string): Promise<Chat | undefined> {
    let text: string;
    try {
      text = await this.fsApi.readFile(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    let reason: string;
    try {
      const checked = checkChat((JSON.parse(text) as StoredChat | null)?.chat, path.basename(file, '.json'));
      if (checked.ok) return checked.chat;
      reason = checked.reason;
    } catch (e) {
      reason = e instanceof Error ? e.message : String(e);
    }
    await this.keepAside(file, reason);
    return undefined;
  }

  /**
   * Runs `work` holding the lock file of `target` (created exclusively, so one holder at a time
   * across windows). Waits for another holder; takes over a lock older than {@link STALE_LOCK_MS}.
   */
  private async locked<T>(target: string, work: () => Promise<T>): Promise<T> {
    const lock = `${target}${LOCK_SUFFIX}`;
    for (;;) {
      try {
        await (await this.fsApi.open(lock, 'wx')).close();
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const st = await this.fsApi.stat(lock).catch(() => undefined);
      if (st && Date.now() - st.mtimeMs > STALE_LOCK_MS) await this.fsApi.rm(lock, { force: true });
      // A little randomness, so two waiting windows do not retry in lockstep.
      else await new Promise((r) => setTimeout(r, 2 + Math.random() * 8));
    }
    try {
      return await work();
    } finally {
      await this.fsApi.rm(lock, { force: true }).catch(() => {});
    }
  }

  private async keepAside(file: string, reason: string): Promise<void> {
    const keptAs = `${file}.corrupt-${Date.now()}`;
    await this.fsApi.rename(file, keptAs);
    this.corrupt.push({ file: path.basename(file), keptAs: path.basename(keptAs), reason });
  }
}
