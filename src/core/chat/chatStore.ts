/**
 * Chats on disk: one JSON file per chat in a folder (the extension's storage folder).
 * Writes are atomic (temporary file, then rename), so a crash leaves the old or the new file,
 * never half of one. A file that does not parse is moved aside and reported, never dropped.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Chat, type ChatSummary, dropMalformedRequests, markUnfinishedInterrupted, summarize } from './transcript';

/** Storage format version, written into every file. */
export const STORE_VERSION = 1;

/** What a chat id (and so its file name) may look like. */
const ID = /^[A-Za-z0-9_-]{1,64}$/;

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

export class ChatStore {
  /** Files found unreadable since this store was created; the host reports them once. */
  readonly corrupt: CorruptChat[] = [];

  constructor(readonly dir: string) {}

  private file(id: string): string {
    if (!ID.test(id)) throw new Error(`invalid chat id`);
    return path.join(this.dir, `${id}.json`);
  }

  /** Writes a chat atomically. */
  async save(chat: Chat): Promise<void> {
    await fs.promises.mkdir(this.dir, { recursive: true });
    const target = this.file(chat.id);
    const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
    const data: StoredChat = { version: STORE_VERSION, chat };
    await fs.promises.writeFile(tmp, JSON.stringify(data));
    await fs.promises.rename(tmp, target);
  }

  /**
   * Reads one chat, or `undefined` if there is none. A reply left streaming by a closed window
   * comes back marked interrupted; malformed request settings are dropped (see `dropMalformedRequests`). An unreadable file is moved aside and recorded in {@link corrupt}.
   */
  async load(id: string): Promise<Chat | undefined> {
    const file = this.file(id);
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
      markUnfinishedInterrupted(parsed.chat);
      dropMalformedRequests(parsed.chat);
      return parsed.chat;
    } catch (e) {
      await this.keepAside(file, e instanceof Error ? e.message : String(e));
      return undefined;
    }
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
    const ids = names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5));
    // A file named unlike a chat (copied in by hand) is not one of ours: skip it rather than fail the list.
    const chats = await Promise.all(ids.filter((id) => ID.test(id)).map((id) => this.load(id)));
    return chats.filter((c): c is Chat => c !== undefined);
  }

  /** Deletes a chat's file; no error if it is already gone. */
  async delete(id: string): Promise<void> {
    await fs.promises.rm(this.file(id), { force: true });
  }

  private async keepAside(file: string, reason: string): Promise<void> {
    const keptAs = `${file}.corrupt-${Date.now()}`;
    await fs.promises.rename(file, keptAs);
    this.corrupt.push({ file: path.basename(file), keptAs: path.basename(keptAs), reason });
  }
}
