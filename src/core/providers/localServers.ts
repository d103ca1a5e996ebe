/**
 * Finding local OpenAI-compatible servers: the presets whose base URL is on this machine
 * (Ollama, LM Studio, llama.cpp server, vLLM) are asked for their model list on their default
 * ports, with a short time limit, and the ones that answer are offered as one-click profiles.
 * Nothing here runs by itself: the host probes only when the chat opens with nothing set up, or
 * when the user asks.
 */
import type { EndpointConfig } from '../types';
import { PRESETS, type PresetId } from './presets';

/** A local server Rill knows how to talk to, and where it listens by default. */
export interface LocalServerCandidate {
  preset: PresetId;
  /** The preset's label, e.g. `Ollama`. */
  label: string;
  /** Base URL with `/v1`, always on `localhost`. */
  baseUrl: string;
  port: number;
}

/** A local server that answered with at least one model. */
export interface FoundServer extends LocalServerCandidate {
  models: string[];
}

/** Lists an endpoint's models (the core's `listModels`, injected so tests and the host choose the transport). */
export type ListModels = (endpoint: EndpointConfig, options: { signal: AbortSignal }) => Promise<string[]>;

/** How long each server may take to answer: a local server that is up answers its model list at once. */
export const PROBE_TIMEOUT_MS = 1500;

function isLocalHost(host: string): boolean {
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

/**
 * The local-server presets on their default ports, in preset order. `ports` moves a preset to
 * another port (tests, or a machine where a default port is taken); the host stays `localhost`.
 */
export function localServerCandidates(ports: Partial<Record<PresetId, number>> = {}): LocalServerCandidate[] {
  const out: LocalServerCandidate[] = [];
  for (const p of PRESETS) {
    // Presets the user completes (a custom server) hold a placeholder, not a URL.
    if (!URL.canParse(p.baseUrl)) continue;
    const url = new URL(p.baseUrl);
    if (url.protocol !== 'http:' || !isLocalHost(url.hostname)) continue;
    const port = ports[p.id] ?? Number(url.port);
    url.port = String(port);
    out.push({ preset: p.id, label: p.label, baseUrl: url.toString().replace(/\/$/, ''), port });
  }
  return out;
}

/**
 * Parses `RILL_LOCAL_SERVER_PORTS`-style overrides, `ollama=11500,lmstudio=1300`: unknown presets
 * and ports out of range are ignored.
 */
export function parsePortOverrides(raw: string | undefined): Partial<Record<PresetId, number>> {
  const out: Partial<Record<PresetId, number>> = {};
  const known = new Set(localServerCandidates().map((c) => c.preset));
  for (const part of (raw ?? '').split(',')) {
    const [id, value] = part.split('=').map((s) => s.trim());
    const port = Number(value);
    if (known.has(id as PresetId) && Number.isInteger(port) && port > 0 && port < 65536) out[id as PresetId] = port;
  }
  return out;
}

/**
 * Asks every candidate for its models at once and resolves with those that answered, in
 * candidate order. A server that refuses, times out, answers something that is not a model list,
 * or lists no model (another program on that port, or a server with nothing loaded to chat with)
 * is left out; this never rejects. `signal` cancels the whole probe.
 */
export async function probeLocalServers(
  listModels: ListModels,
  candidates: readonly LocalServerCandidate[] = localServerCandidates(),
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<FoundServer[]> {
  const timeoutMs = options.timeoutMs ?? PROBE_TIMEOUT_MS;
  const results = await Promise.all(
    candidates.map(async (c): Promise<FoundServer | undefined> => {
      const signals = [AbortSignal.timeout(timeoutMs), ...(options.signal ? [options.signal] : [])];
      try {
        const models = await listModels({ baseUrl: c.baseUrl, auth: 'none' }, { signal: AbortSignal.any(signals) });
        return models.length ? { ...c, models } : undefined;
      } catch {
        return undefined;
      }
    }),
  );
  return results.filter((r): r is FoundServer => r !== undefined);
}
