/**
 * Chats on disk: one JSON file per chat in a folder (the extension's storage folder), shared by
 * every window. Writes are atomic and durable (temporary file, flushed to disk, then renamed), so a
 * crash leaves the old or the new file, never half of one; a failed write removes its temporary
 * file. Two windows may write the same chat: each save merges in turns another window added since
 * this one last read or wrote the file, so neither window's turns vanish. A file that does not
 * parse is moved aside and reported, never dropped.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Chat, type ChatSummary, dropMalformedRequests, markUnfinishedInterrupted, summarize } from './transcript';
import { mergeTurns, TurnJsonCache } from './turnMerge';

/** Storage format version, written into every file. */
export const STORE_VERSION = 1;

/** What a chat id (and so its file name) may look like. */
const ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Temporary files older than this are left over from a crash or a failed write, not a write under way. */
export const STALE_TEMP_MS = 60_000;

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

function isChat(v: unknown): v is Chat {
  const c = v as Chat;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.id === 'string' &&
    typeof c.title === 'string' &&
    typeof c.createdAt === 'number' &&
    typeof c.updatedAt === 'number' &&
    Array.isArray(c.turns) &&
    c.turns.every(
      (t) =>
        typeof t === 'object' &&
        t !== null &&
        typeof t.id === 'string' &&
        typeof t.text === 'string' &&
        (t.role === 'user' || t.role === 'assistant'),
    )
  );
}

const TEMP_SUFFIX = '.tmp';

/** Reads and writes chat files; one per window, all on the same folder. */
export class ChatStore {
  /** Files found unreadable since this store was created; the host reports them once. */
  readonly corrupt: CorruptChat[] = [];
  private readonly known = new Map<string, FileState>();
  private readonly turnJson = new TurnJsonCache();
  private tempCounter = 0;

  constructor(readonly dir: string) {}

  private file(id: string): string {
    if (!ID.test(id)) throw new Error(`invalid chat id`);
    return path.join(this.dir, `${id}.json`);
  }

  /**
   * Writes a chat atomically and durably. When another window changed the file since this store
   * last read or wrote it, the turns it added are merged into `chat` first (in place, so this
   * window shows them too); turns this window removed since stay removed. Returns whether turns
   * were merged in. On failure the temporary file is removed and the error rethrown.
   */
  async save(chat: Chat): Promise<boolean> {
    await fs.promises.mkdir(this.dir, { recursive: true });
    const target = this.file(chat.id);
    const merged = await this.mergeFromDisk(chat, target);
    const tmp = `${target}.${process.pid}.${Date.now()}.${this.tempCounter++}${TEMP_SUFFIX}`;
    let written: fs.Stats;
    try {
      const handle = await fs.promises.open(tmp, 'w');
      try {
        await handle.writeFile(this.fileText(chat));
        // Flushed before the rename: after a power cut the new name must not point at empty blocks.
        await handle.sync();
        // The file's identity as this store wrote it (a rename keeps it): a later change is another window's.
        written = await handle.stat();
      } finally {
        await handle.close();
      }
      await fs.promises.rename(tmp, target);
    } catch (e) {
      await fs.promises.rm(tmp, { force: true }).catch(() => {});
      throw e;
    }
    this.remember(chat, written);
    return merged;
  }

  /**
   * Reads one chat, or `undefined` if there is none. A reply left streaming by a closed window
   * comes back marked interrupted; malformed request settings are dropped (see `dropMalformedRequests`). An unreadable file is moved aside and recorded in {@link corrupt}.
   */
  async load(id: string): Promise<Chat | undefined> {
    const file = this.file(id);
    // Identity first: a write that lands between the two is then merged again later, not missed.
    const st = await fs.promises.stat(file).catch(() => undefined);
    const chat = await this.read(file);
    if (!chat) return undefined;
    if (st) this.remember(chat, st);
    markUnfinishedInterrupted(chat);
    dropMalformedRequests(chat);
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
      names = await fs.promises.readdir(this.dir);
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
    await fs.promises.rm(this.file(id), { force: true });
    this.known.delete(id);
  }

  /**
   * Removes temporary files left by crashed or failed writes (older than {@link STALE_TEMP_MS}, so
   * another window's write under way is left alone). Returns how many were removed.
   */
  async sweepTemporaryFiles(now = Date.now()): Promise<number> {
    let names: string[];
    try {
      names = await fs.promises.readdir(this.dir);
    } catch {
      return 0;
    }
    let removed = 0;
    for (const n of names) {
      if (!n.endsWith(TEMP_SUFFIX)) continue;
      const p = path.join(this.dir, n);
      try {
        const st = await fs.promises.stat(p);
        if (now - st.mtimeMs < STALE_TEMP_MS) continue;
        await fs.promises.rm(p, { force: true });
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
      st = await fs.promises.stat(file);
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
      text = await fs.promises.readFile(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    try {
      const parsed = JSON.parse(text) as StoredChat;
      if (!isChat(parsed?.chat)) throw new Error('not a chat');
      return parsed.chat;
    } catch (e) {
      await this.keepAside(file, e instanceof Error ? e.message : String(e));
      return undefined;
    }
  }

  private async keepAside(file: string, reason: string): Promise<void> {
    const keptAs = `${file}.corrupt-${Date.now()}`;
    await fs.promises.rename(file, keptAs);
    this.corrupt.push({ file: path.basename(file), keptAs: path.basename(keptAs), reason });
  }
}
