/**
 * Full-text search over saved chats, and the date groups the history list shows them in.
 * Pure data in, pure data out: the host keeps one {@link HistoryIndex} up to date as chats are
 * saved, renamed and deleted, and asks it on every keystroke of the history search box.
 */
import { type Chat, type ChatSummary, summarize } from './transcript';

/** What the index keeps of one chat: its summary and its messages' text, once as typed and once lower-cased. */
interface Entry {
  summary: ChatSummary;
  text: string;
  lower: string;
  lowerTitle: string;
  /** The id of each message, in the order of the text's parts. */
  turnIds: string[];
}

/** One chat that matches a query. */
export interface HistoryHit {
  summary: ChatSummary;
  /** A short piece of message text around the first match, when a word matched in a message (not only the title). */
  snippet?: string;
  /** The message that holds that first match (absent when only the title matched): the chat opens scrolled to it. */
  turnId?: string;
}

/** The history list's date groups, newest first. */
export type DateGroup = 'today' | 'yesterday' | 'week' | 'older';

/** Characters of context on each side of a match in a snippet. */
const SNIPPET_CONTEXT = 40;
/** Separates messages in the indexed text, so a query never matches across two of them. */
const SEP = '\u0000';

/** The words of a query, lower-cased; empty for a blank query. */
function queryWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/**
 * An in-memory index of every saved chat's title and message text. Searching it is a substring
 * scan per word (every word must occur, in the title or any message), which for 1,000 chats of
 * ordinary length takes a few milliseconds: no inverted index is needed at this size.
 */
export class HistoryIndex {
  private readonly entries = new Map<string, Entry>();

  /** Adds a chat or replaces what was indexed for it. Empty chats are not history and are left out. */
  upsert(chat: Chat): void {
    if (chat.turns.length === 0) {
      this.entries.delete(chat.id);
      return;
    }
    const summary = summarize(chat);
    const text = chat.turns.map((t) => t.text).join(SEP);
    this.entries.set(chat.id, {
      summary,
      text,
      lower: text.toLowerCase(),
      lowerTitle: summary.title.toLowerCase(),
      turnIds: chat.turns.map((t) => t.id),
    });
  }

  /** Forgets a chat (deleted). */
  remove(id: string): void {
    this.entries.delete(id);
  }

  /** How many chats are indexed. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * Chats whose title or messages contain every word of `query` (case-insensitive), newest first.
   * A blank query returns every chat. At most `limit` hits.
   */
  search(query: string, limit = Number.POSITIVE_INFINITY): HistoryHit[] {
    const words = queryWords(query);
    const hits: HistoryHit[] = [];
    for (const e of this.sorted()) {
      if (hits.length >= limit) break;
      if (!words.length) {
        hits.push({ summary: e.summary });
        continue;
      }
      let firstInText = -1;
      let firstWord = '';
      let all = true;
      for (const w of words) {
        const inText = e.lower.indexOf(w);
        if (inText < 0 && !e.lowerTitle.includes(w)) {
          all = false;
          break;
        }
        if (inText >= 0 && (firstInText < 0 || inText < firstInText)) {
          firstInText = inText;
          firstWord = w;
        }
      }
      if (!all) continue;
      const inTitleOnly = words.every((w) => e.lowerTitle.includes(w));
      hits.push(
        inTitleOnly || firstInText < 0
          ? { summary: e.summary }
          : {
              summary: e.summary,
              snippet: snippet(e, firstInText, firstWord.length),
              turnId: e.turnIds[e.lower.slice(0, firstInText).split(SEP).length - 1],
            },
      );
    }
    return hits;
  }

  private sorted(): Entry[] {
    return [...this.entries.values()].sort((a, b) => b.summary.updatedAt - a.summary.updatedAt);
  }
}

/** The message text around a match at `at` (an offset in the lower-cased text), on one line. */
function snippet(e: Entry, at: number, length: number): string {
  // Lower-casing keeps the length of almost all text; where it did not, find the match in the original.
  let start = at;
  if (e.lower.length !== e.text.length) {
    const re = new RegExp(e.lower.slice(at, at + length).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
    start = Math.max(0, e.text.search(re));
  }
  const msgStart = e.text.lastIndexOf(SEP, start) + 1;
  const sepAfter = e.text.indexOf(SEP, start);
  const msgEnd = sepAfter < 0 ? e.text.length : sepAfter;
  const from = Math.max(msgStart, start - SNIPPET_CONTEXT);
  const to = Math.min(msgEnd, start + length + SNIPPET_CONTEXT);
  const piece = e.text.slice(from, to).replace(/\s+/g, ' ').trim();
  return `${from > msgStart ? '…' : ''}${piece}${to < msgEnd ? '…' : ''}`;
}

/**
 * The date group of a chat last changed at `updatedAt`, seen at `now`, in local time: today,
 * yesterday, the 7 days before today, or older. Dates in the future count as today.
 */
export function dateGroup(updatedAt: number, now: number): DateGroup {
  const midnight = new Date(now);
  midnight.setHours(0, 0, 0, 0);
  const today = midnight.getTime();
  if (updatedAt >= today) return 'today';
  const yesterday = new Date(midnight);
  yesterday.setDate(yesterday.getDate() - 1);
  if (updatedAt >= yesterday.getTime()) return 'yesterday';
  const week = new Date(midnight);
  week.setDate(week.getDate() - 7);
  return updatedAt >= week.getTime() ? 'week' : 'older';
}
