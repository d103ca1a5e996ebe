/**
 * Two windows writing one chat: merging turns by id, and the serialised form of settled turns kept
 * between saves so a long chat is not re-serialised whole every time its last answer grows.
 */
import type { Chat, ChatTurn } from './transcript';

/** How far a copy of a turn got: more text wins; at equal text, a finished copy beats a streaming one. */
function progress(t: ChatTurn): number {
  return (t.text.length + (t.reasoning?.length ?? 0)) * 2 + (t.status === 'streaming' ? 0 : 1);
}

/**
 * Merges `theirs` (the file another window wrote) into `ours`, in place. Turns only they have are
 * inserted after the turn that precedes them in their copy (or at the start), unless their id is in
 * `removed` (this window deleted them, for example by editing an earlier question). A turn both
 * have takes the copy that got further. Their turns still streaming become `interrupted` here: this
 * window will not see them grow. Returns whether anything changed.
 */
export function mergeTurns(ours: Chat, theirs: Chat, removed: ReadonlySet<string>): boolean {
  const index = new Map(ours.turns.map((t, i) => [t.id, i]));
  let changed = false;
  // Replace copies that got further elsewhere.
  for (const t of theirs.turns) {
    const i = index.get(t.id);
    if (i === undefined) continue;
    if (progress(t) > progress(ours.turns[i])) {
      ours.turns[i] = t.status === 'streaming' ? { ...t, status: 'interrupted' } : t;
      changed = true;
    }
  }
  // Insert what only they have, after its predecessor in their order.
  let after: string | undefined;
  for (const t of theirs.turns) {
    if (index.has(t.id) || removed.has(t.id)) {
      if (index.has(t.id)) after = t.id;
      continue;
    }
    const copy = t.status === 'streaming' ? { ...t, status: 'interrupted' as const } : t;
    const at = after === undefined ? 0 : ours.turns.findIndex((x) => x.id === after) + 1;
    ours.turns.splice(at, 0, copy);
    index.clear();
    for (const [i, x] of ours.turns.entries()) index.set(x.id, i);
    after = t.id;
    changed = true;
  }
  if (changed) ours.updatedAt = Math.max(ours.updatedAt, theirs.updatedAt);
  if (!ours.title && theirs.title) ours.title = theirs.title;
  return changed;
}

/** The fields of a turn that change while it is settled; a different fingerprint means serialise again. */
function fingerprint(t: ChatTurn): string {
  return `${t.status}|${t.text.length}|${t.reasoning?.length ?? -1}|${t.finishReason ?? ''}|${t.endedAt ?? ''}|${t.error?.message.length ?? -1}|${t.usage?.totalTokens ?? -1}|${t.model ?? ''}`;
}

/**
 * The JSON of each turn, kept while the turn is settled (not streaming and unchanged), so saving a
 * chat of a thousand turns while its last answer streams serialises one turn, not a thousand.
 */
export class TurnJsonCache {
  private readonly cache = new WeakMap<ChatTurn, { key: string; json: string }>();

  /** `JSON.stringify(turn)`, from the cache when the turn has not changed since. */
  json(turn: ChatTurn): string {
    if (turn.status === 'streaming') return JSON.stringify(turn);
    const key = fingerprint(turn);
    const hit = this.cache.get(turn);
    if (hit && hit.key === key) return hit.json;
    const json = JSON.stringify(turn);
    this.cache.set(turn, { key, json });
    return json;
  }
}
