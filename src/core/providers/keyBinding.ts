/**
 * Binding API keys to the origin they were entered for. A stored key goes only to the origins the
 * user approved; a request to any other origin (a changed base URL, or settings someone else
 * wrote) must be confirmed first. This is the decision only; asking and storing are the host's.
 */
import { resolveEndpoint } from '../client';

/** What secret storage holds per profile. */
export interface StoredKey {
  key: string;
  /** Origins (`https://api.openai.com`) the key may be sent to; the first is where it was entered. */
  origins: string[];
}

/** Where `OPENAI_API_KEY` goes without asking when `OPENAI_BASE_URL` is unset. */
export const OPENAI_ORIGIN = 'https://api.openai.com';

/**
 * The origin (`scheme://host[:port]`, lower case) requests for a base URL go to, as the request
 * client resolves it (a missing scheme means `http` for local hosts, `https` elsewhere), or
 * undefined when the base URL cannot be used.
 */
export function endpointOrigin(baseUrl: string): string | undefined {
  try {
    return new URL(resolveEndpoint({ baseUrl }).baseUrl).origin.toLowerCase();
  } catch {
    return undefined;
  }
}

/** Reads a stored key; anything unreadable counts as no key (it is then entered again). */
export function parseStoredKey(raw: string | undefined): StoredKey | undefined {
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as Partial<StoredKey>;
    if (typeof v.key !== 'string' || !v.key || !Array.isArray(v.origins)) return undefined;
    return { key: v.key, origins: v.origins.filter((o): o is string => typeof o === 'string') };
  } catch {
    return undefined;
  }
}

/** The stored form of a key. */
export function serializeStoredKey(k: StoredKey): string {
  return JSON.stringify({ key: k.key, origins: k.origins });
}

/** What to do with the key for one request. */
export type KeyDecision =
  | { action: 'send'; key: string; source: 'profile' | 'env' }
  /** The key exists but was not approved for `origin`: ask, and send only if the user agrees. */
  | { action: 'confirm'; key: string; source: 'profile' | 'env'; approved: string[]; origin: string }
  | { action: 'none' };

/** Inputs of {@link decideKey}. */
export interface KeyInputs {
  /** Where this request goes (from {@link endpointOrigin}). */
  origin: string;
  /** The profile's stored key. */
  stored?: StoredKey;
  /** `OPENAI_API_KEY`, the fallback when the profile has no stored key. */
  envKey?: string;
  /** Origins the environment key may go to without asking. */
  envOrigins: readonly string[];
}

/**
 * Decides whether the key may be sent to `origin`. The profile's own key wins over the
 * environment's; either is sent without asking only to an origin it is bound to.
 */
export function decideKey(i: KeyInputs): KeyDecision {
  const origin = i.origin.toLowerCase();
  if (i.stored) {
    const approved = i.stored.origins.map((o) => o.toLowerCase());
    return approved.includes(origin)
      ? { action: 'send', key: i.stored.key, source: 'profile' }
      : { action: 'confirm', key: i.stored.key, source: 'profile', approved, origin };
  }
  if (i.envKey) {
    const approved = i.envOrigins.map((o) => o.toLowerCase());
    return approved.includes(origin)
      ? { action: 'send', key: i.envKey, source: 'env' }
      : { action: 'confirm', key: i.envKey, source: 'env', approved, origin };
  }
  return { action: 'none' };
}

/** What follows the user's answer to a key confirmation. */
export type KeyAnswerOutcome =
  /** Not sent: the request fails and nothing is remembered. */
  | { send: false }
  /** Sent; from now on the key goes to `origin` without asking: `stored` replaces the profile's key, or the environment key's approved origins gain `origin`. */
  | { send: true; key: string; remember: { kind: 'profile'; stored: StoredKey } | { kind: 'env'; origin: string } };

/**
 * The decision after asking: the key goes only on an explicit yes, and a yes binds the key to that
 * origin too (so the question is asked once per origin), a no sends nothing and binds nothing.
 */
export function keyAfterAnswer(
  decision: Extract<KeyDecision, { action: 'confirm' }>,
  userSaidSend: boolean,
): KeyAnswerOutcome {
  if (!userSaidSend) return { send: false };
  const remember =
    decision.source === 'profile'
      ? {
          kind: 'profile' as const,
          stored: { key: decision.key, origins: [...new Set([...decision.approved, decision.origin])] },
        }
      : { kind: 'env' as const, origin: decision.origin };
  return { send: true, key: decision.key, remember };
}

/**
 * The origins `OPENAI_API_KEY` goes to without asking: `OPENAI_BASE_URL`'s (the environment set
 * both together), else OpenAI's, plus the ones the user approved.
 */
export function envKeyOrigins(envBaseUrl: string | undefined, approvedByUser: readonly string[]): string[] {
  const own = (envBaseUrl && endpointOrigin(envBaseUrl)) || OPENAI_ORIGIN;
  return [own, ...approvedByUser];
}
