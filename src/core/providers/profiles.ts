/**
 * Provider profiles: named endpoint set-ups in `rill.profiles`, one of them active.
 * Settings arrive here as raw values (anything a user can type in settings.json) and leave as
 * checked profiles plus a list of problems the host shows in words. No `vscode` here.
 */
import { isCredentialHeader } from '../base';
import type { AuthStyle, EndpointConfig } from '../types';
import { endpointOrigin } from './keyBinding';
import { type PresetId, presetById } from './presets';

/** The profile made of `rill.baseUrl` / `rill.model` (or `OPENAI_BASE_URL` / `OPENAI_MODEL`). */
export const DEFAULT_PROFILE_NAME = 'Default';

/** One provider set-up. Never holds a key: keys live in the host's secret storage, per profile name. */
export interface ProviderProfile {
  name: string;
  /** The preset it was made from; its values fill what the profile leaves out. */
  preset?: PresetId;
  baseUrl: string;
  model: string;
  auth?: AuthStyle;
  /** Azure OpenAI `api-version`. */
  apiVersion?: string;
  /** Azure OpenAI deployment: requests go to `{baseUrl}/openai/deployments/{deployment}`. */
  deployment?: string;
  /** Extra request headers (not for keys: those go to secret storage). */
  headers?: Record<string, string>;
  /** The header the stored API key is sent in, for gateways that take a credential header. */
  keyHeader?: string;
  /** Extra fields merged into every request body (e.g. `{"top_p": 0.9}`). */
  extraBody?: Record<string, unknown>;
  /** The model's context window in tokens, as the user knows it (the server may not say). */
  contextTokens?: number;
  /** `default`: built from `rill.baseUrl`/`rill.model`; `profiles`: an entry of `rill.profiles`. */
  source: 'default' | 'profiles';
}

/** What is wrong with a setting, as a code the host turns into a translated sentence. */
export interface ProfileProblem {
  code: 'notObject' | 'missingName' | 'duplicateName' | 'badBaseUrl' | 'badField' | 'keyInHeader' | 'unknownActive';
  /** The profile concerned (its name, or its position `#n` when it has none). */
  profile: string;
  /** The field or header concerned. */
  field?: string;
}

/** Raw settings and environment the profiles are built from. */
export interface ProfileSettings {
  profiles: unknown;
  activeProfile: unknown;
  baseUrl: unknown;
  model: unknown;
  env: { OPENAI_BASE_URL?: string; OPENAI_MODEL?: string };
}

/** The result of reading the settings. */
export interface ResolvedProfiles {
  profiles: ProviderProfile[];
  /** The profile requests go to; undefined when nothing is set up. */
  active: ProviderProfile | undefined;
  problems: ProfileProblem[];
}

const AUTH_STYLES: readonly string[] = ['bearer', 'azure', 'none'];
/** A header name as HTTP allows it (a token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Whether `raw` can be a base URL (a scheme is optional: `localhost:11434/v1` works). */
export function isPlausibleBaseUrl(raw: string): boolean {
  return endpointOrigin(raw) !== undefined;
}

/** Reads one `rill.profiles` entry; returns undefined (with problems) when it cannot be used. */
function parseProfile(raw: unknown, label: string, problems: ProfileProblem[]): ProviderProfile | undefined {
  if (!isRecord(raw)) {
    problems.push({ code: 'notObject', profile: label });
    return undefined;
  }
  const name = str(raw.name);
  if (!name) {
    problems.push({ code: 'missingName', profile: label });
    return undefined;
  }
  const preset = presetById(str(raw.preset));
  const profile: ProviderProfile = {
    name,
    preset: preset?.id,
    baseUrl: str(raw.baseUrl) || preset?.baseUrl || '',
    model: str(raw.model) || preset?.model || '',
    source: 'profiles',
  };
  const auth = str(raw.auth) || preset?.auth;
  if (auth && AUTH_STYLES.includes(auth)) profile.auth = auth as AuthStyle;
  else if (auth) problems.push({ code: 'badField', profile: name, field: 'auth' });
  const apiVersion = str(raw.apiVersion) || preset?.apiVersion;
  if (apiVersion) profile.apiVersion = apiVersion;
  if (str(raw.deployment)) profile.deployment = str(raw.deployment);
  const headers = { ...preset?.headers };
  if (raw.headers !== undefined) {
    if (!isRecord(raw.headers)) problems.push({ code: 'badField', profile: name, field: 'headers' });
    else
      for (const [k, v] of Object.entries(raw.headers)) {
        if (typeof v !== 'string') problems.push({ code: 'badField', profile: name, field: `headers.${k}` });
        else if (isCredentialHeader(k)) problems.push({ code: 'keyInHeader', profile: name, field: k });
        else headers[k] = v;
      }
  }
  if (Object.keys(headers).length) profile.headers = headers;
  if (raw.keyHeader !== undefined) {
    const keyHeader = str(raw.keyHeader);
    if (HEADER_NAME.test(keyHeader)) profile.keyHeader = keyHeader;
    else problems.push({ code: 'badField', profile: name, field: 'keyHeader' });
  }
  if (raw.extraBody !== undefined) {
    if (isRecord(raw.extraBody)) profile.extraBody = raw.extraBody;
    else problems.push({ code: 'badField', profile: name, field: 'extraBody' });
  }
  if (raw.contextTokens !== undefined) {
    const n = raw.contextTokens;
    if (typeof n === 'number' && Number.isInteger(n) && n >= 256) profile.contextTokens = n;
    else problems.push({ code: 'badField', profile: name, field: 'contextTokens' });
  }
  if (!isPlausibleBaseUrl(profile.baseUrl)) problems.push({ code: 'badBaseUrl', profile: name, field: 'baseUrl' });
  return profile;
}

/**
 * Builds the profile list from settings: the `Default` profile first when `rill.baseUrl` (or
 * `OPENAI_BASE_URL`) is set, then each valid `rill.profiles` entry. The active one is
 * `rill.activeProfile` by name; when that is empty, the first profile. A profile with a credential
 * header keeps working but loses that header (keys belong in secret storage).
 */
export function resolveProfiles(s: ProfileSettings): ResolvedProfiles {
  const problems: ProfileProblem[] = [];
  const profiles: ProviderProfile[] = [];
  const baseUrl = str(s.baseUrl) || str(s.env.OPENAI_BASE_URL);
  if (baseUrl) {
    profiles.push({
      name: DEFAULT_PROFILE_NAME,
      baseUrl,
      model: str(s.model) || str(s.env.OPENAI_MODEL),
      source: 'default',
    });
    if (!isPlausibleBaseUrl(baseUrl))
      problems.push({ code: 'badBaseUrl', profile: DEFAULT_PROFILE_NAME, field: 'baseUrl' });
  }
  const list = Array.isArray(s.profiles) ? s.profiles : [];
  list.forEach((raw, i) => {
    const p = parseProfile(raw, `#${i + 1}`, problems);
    if (!p) return;
    if (profiles.some((q) => q.name.toLowerCase() === p.name.toLowerCase())) {
      problems.push({ code: 'duplicateName', profile: p.name });
      return;
    }
    profiles.push(p);
  });
  const wanted = str(s.activeProfile);
  let active = wanted ? profiles.find((p) => p.name === wanted) : profiles[0];
  if (wanted && !active) {
    problems.push({ code: 'unknownActive', profile: wanted });
    active = profiles[0];
  }
  return { profiles, active, problems };
}

/**
 * Whether requests to this profile certainly fail without a key (its preset says so). Other
 * profiles are tried without one, and the server's 401 says what is missing.
 */
export function profileNeedsKey(p: ProviderProfile): boolean {
  return p.auth !== 'none' && (presetById(p.preset)?.needsKey ?? false);
}

/** The base URL requests use: the Azure deployment path appended when a deployment is named. */
export function profileBaseUrl(p: ProviderProfile): string {
  if (!p.deployment) return p.baseUrl;
  const base = p.baseUrl.replace(/\/+$/, '').replace(/\/openai(\/v1)?$/i, '');
  return `${base}/openai/deployments/${encodeURIComponent(p.deployment)}`;
}

/** The endpoint configuration for a request to `p` with `apiKey` (undefined sends none). */
export function profileEndpoint(p: ProviderProfile, apiKey: string | undefined): EndpointConfig {
  const endpoint: EndpointConfig = { baseUrl: profileBaseUrl(p) };
  if (apiKey && p.auth !== 'none') endpoint.apiKey = apiKey;
  if (p.auth) endpoint.auth = p.auth;
  if (p.apiVersion) endpoint.apiVersion = p.apiVersion;
  if (p.headers) endpoint.headers = { ...p.headers };
  if (p.keyHeader) endpoint.keyHeader = p.keyHeader;
  return endpoint;
}

/** The model to send: the profile's, or its Azure deployment name (Azure routes by deployment). */
export function profileModel(p: ProviderProfile): string {
  return p.model || p.deployment || '';
}

/**
 * A `rill.profiles` entry for a new profile from a preset, as written to settings.
 * Only what differs from the preset is stored, so preset updates reach the profile.
 */
export function profileEntryFromPreset(
  presetId: PresetId,
  name: string,
  fields: { baseUrl?: string; model?: string; deployment?: string } = {},
): Record<string, unknown> {
  const preset = presetById(presetId);
  const entry: Record<string, unknown> = { name, preset: presetId };
  if (fields.baseUrl && fields.baseUrl !== preset?.baseUrl) entry.baseUrl = fields.baseUrl;
  if (fields.model && fields.model !== preset?.model) entry.model = fields.model;
  if (fields.deployment) entry.deployment = fields.deployment;
  return entry;
}

/** A name not yet taken in `taken`: `base`, else `base 2`, `base 3`, … */
export function uniqueProfileName(base: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) if (!lower.has(`${base} ${i}`.toLowerCase())) return `${base} ${i}`;
}

/**
 * `rill.profiles` with the named entry's fields changed (e.g. its model), leaving the others as
 * the user wrote them. Returns undefined when no entry has that name.
 */
export function withProfileFields(raw: unknown, name: string, fields: Record<string, unknown>): unknown[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const i = raw.findIndex((e) => isRecord(e) && str(e.name) === name);
  if (i < 0) return undefined;
  const copy = [...raw];
  copy[i] = { ...(raw[i] as Record<string, unknown>), ...fields };
  return copy;
}
