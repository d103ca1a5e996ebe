/**
 * Where the next request goes: the active profile, its model, its key, and what was learned of its
 * model (window, prices).
 */
import * as vscode from 'vscode';
import { type RequestTarget, SetupError } from '../../core/chat';
import { fetchModelList, type ModelPrices, pricesFromModelList } from '../../core/client';
import { windowFromModelList } from '../../core/context';
import { type ProviderProfile, profileEndpoint, profileModel, servedByOllama } from '../../core/providers';
import type { EndpointConfig } from '../../core/types';
import { readProfiles, readRequestSettings } from '../settings';
import type { ApiKeys } from './apiKeys';

/** The active profile and its model, for the status bar and the chat footer. */
export function activeSetup(): { profile: ProviderProfile | undefined; model: string } {
  const { active } = readProfiles();
  return { profile: active, model: active ? profileModel(active) : '' };
}

/** The model the next request will use. */
export function activeModel(): string {
  return activeSetup().model;
}

/** The active profile, or a {@link SetupError} that says how to set one up. */
export function requireProfile(): ProviderProfile {
  const { active } = readProfiles();
  if (!active) {
    throw new SetupError(
      vscode.l10n.t('No provider is set up. Run "Rill: Select Provider" (or set "rill.baseUrl").'),
      'config',
    );
  }
  return active;
}

/**
 * Presets whose model list may state prices (OpenRouter's `pricing`; gateways, which are often
 * OpenRouter-like or LiteLLM proxies). Local servers and OpenAI list none, so their lists are not read for it.
 */
const PRICE_LISTING_PRESETS = new Set(['openrouter', 'lemondata', 'custom']);
/** Model lists read, per endpoint and model, once per session (a failed read is remembered as nothing). */
const listed = new Map<string, Promise<unknown>>();

/** The server's `/models` list, read once per endpoint and model; undefined when it could not be read. */
function modelList(endpoint: EndpointConfig, model: string): Promise<unknown> {
  const key = `${endpoint.baseUrl}\u0000${model}`;
  let known = listed.get(key);
  if (!known) {
    known = fetchModelList(endpoint, { timeoutMs: 5000 }).catch(() => undefined);
    listed.set(key, known);
  }
  return known;
}

/**
 * The window the server's `/models` list states for `model`, whatever the profile's preset: a
 * Default or custom profile often points at vLLM, llama.cpp, OpenRouter or a LiteLLM proxy, whose
 * lists state it, and a list that states none costs one read per session.
 */
function listedWindow(endpoint: EndpointConfig, model: string): Promise<number | undefined> {
  return modelList(endpoint, model).then((payload) => windowFromModelList(payload, model));
}

/** The prices the server's `/models` list states for `model`, for the presets whose lists may state them. */
function listedPrices(
  profile: ProviderProfile,
  endpoint: EndpointConfig,
  model: string,
): Promise<ModelPrices | undefined> | undefined {
  if (!profile.preset || !PRICE_LISTING_PRESETS.has(profile.preset)) return undefined;
  return modelList(endpoint, model).then((payload) => pricesFromModelList(payload, model));
}

/**
 * Resolves where the next request goes, reading settings fresh each time so changes apply
 * without a reload. The key comes from secret storage (or `OPENAI_API_KEY`), bound to its origin.
 */
export async function resolveTarget(keys: ApiKeys): Promise<RequestTarget> {
  const profile = requireProfile();
  const model = profileModel(profile);
  if (!model)
    throw new SetupError(vscode.l10n.t('No model is set for "{0}". Run "Rill: Select Model".', profile.name), 'config');
  const apiKey = await keys.keyFor(profile);
  const s = readRequestSettings();
  const endpoint = profileEndpoint(profile, apiKey);
  return {
    endpoint,
    endpointKey: profile.baseUrl,
    ollama: servedByOllama(profile.preset, profile.baseUrl),
    contextTokens: profile.contextTokens,
    serverWindowTokens: profile.contextTokens ? undefined : await listedWindow(endpoint, model),
    // Not awaited: the list is read while the answer streams, and only its usage needs it.
    prices: listedPrices(profile, endpoint, model),
    model,
    systemPrompt: s.systemPrompt || undefined,
    temperature: s.temperature,
    maxTokens: s.maxTokens,
    extraBody: profile.extraBody,
  };
}
