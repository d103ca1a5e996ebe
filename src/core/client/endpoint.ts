/**
 * Turns an {@link EndpointConfig} as a user typed it into the URLs and headers of real requests.
 * Users paste base URLs with or without `/v1`, with trailing slashes, or the full
 * `…/chat/completions` URL; Azure OpenAI wants a deployment URL, an `api-version` and an `api-key`
 * header. Getting this wrong is the classic cause of 404s, so it is done in one tested place.
 */
import { isCredentialHeader } from '../base';
import type { AuthStyle, EndpointConfig } from '../types';
import { EndpointError } from './errors';

/** `api-version` used for Azure deployment URLs when neither the settings nor the URL give one. */
export const DEFAULT_AZURE_API_VERSION = '2024-10-21';

/** An endpoint ready to be called. */
export interface ResolvedEndpoint {
  /** Normalised base, no trailing slash, no query: e.g. `https://api.openai.com/v1`. */
  baseUrl: string;
  /** Where chat requests go (with any query parameters, e.g. Azure's `api-version`). */
  chatUrl: string;
  /** Where `GET` lists the models. */
  modelsUrl: string;
  /** The chat URL without query or credentials: safe to show in messages. */
  displayUrl: string;
  auth: AuthStyle;
  /** Authentication and extra headers for every request. Secret: never log. */
  headers: Record<string, string>;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
/** Suffixes of a URL pasted from an API reference instead of the base. */
const ENDPOINT_SUFFIXES = ['/chat/completions', '/completions', '/models'];
/** Query parameters whose values are credentials. */
const SECRET_PARAM = /key|token|secret|sig|auth|pass/i;
const AZURE_DEPLOYMENT_PATH = /\/openai\/deployments\/[^/]+$/i;

/** Whether a host is on this machine or the local network, where servers speak plain `http`. */
function isLocalHost(host: string): boolean {
  const h = host.toLowerCase();
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    h.endsWith('.local') ||
    h === 'host.docker.internal' ||
    h.startsWith('[') ||
    /^\d{1,3}(\.\d{1,3}){3}$/.test(h)
  );
}

/** Whether a host is an Azure OpenAI resource (they authenticate with an `api-key` header). */
export function isAzureHost(host: string): boolean {
  return /\.(openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com)$/i.test(host);
}

function configError(message: string): EndpointError {
  return new EndpointError({ kind: 'config', message });
}

/** Adds the scheme users often leave out: `http` for local servers, `https` elsewhere. */
function withScheme(raw: string): string {
  if (SCHEME.test(raw)) return raw;
  const hostPort = raw.split(/[/?#]/, 1)[0];
  const host = hostPort.startsWith('[') ? hostPort.slice(0, hostPort.indexOf(']') + 1) : hostPort.split(':')[0];
  return `${isLocalHost(host) ? 'http' : 'https'}://${raw}`;
}

/**
 * Resolves a configuration into URLs and headers. Throws an {@link EndpointError} of kind `config`
 * (with a message that never contains credentials) when the base URL cannot work.
 */
export function resolveEndpoint(config: EndpointConfig): ResolvedEndpoint {
  const raw = (config.baseUrl ?? '').trim();
  if (!raw)
    throw configError(
      'No base URL is set. Set it to the server’s OpenAI-compatible URL, e.g. http://localhost:11434/v1.',
    );
  let url: URL;
  try {
    url = new URL(withScheme(raw));
  } catch {
    throw configError('The base URL is not a valid URL. Set it to something like https://api.openai.com/v1.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw configError(`The base URL must start with http:// or https://, not ${url.protocol}//.`);
  }
  if (url.username || url.password) {
    throw configError(
      `The base URL ${url.host} contains credentials. Remove them from the URL and set the API key instead.`,
    );
  }

  let path = url.pathname.replace(/\/+$/, '');
  for (const suffix of ENDPOINT_SUFFIXES) {
    if (path.toLowerCase().endsWith(suffix)) {
      path = path.slice(0, -suffix.length).replace(/\/+$/, '');
      break;
    }
  }
  const azureHost = isAzureHost(url.hostname);
  const deployment = AZURE_DEPLOYMENT_PATH.test(path);
  // A bare host means the server's default API root: `/v1` for OpenAI-compatible servers,
  // `/openai/v1` for an Azure resource.
  if (path === '') path = azureHost ? '/openai/v1' : '/v1';

  const query = new URLSearchParams(url.search);
  let modelsUrlBase = `${url.origin}${path}/models`;
  if (deployment) {
    const version = config.apiVersion || query.get('api-version') || DEFAULT_AZURE_API_VERSION;
    query.set('api-version', version);
    // Deployments list models at the resource level, not under the deployment.
    modelsUrlBase = `${url.origin}${path.replace(AZURE_DEPLOYMENT_PATH, '/openai')}/models`;
  } else if (config.apiVersion) {
    query.set('api-version', config.apiVersion);
  }
  const search = query.toString() ? `?${query.toString()}` : '';
  const baseUrl = `${url.origin}${path}`;

  const auth: AuthStyle = config.auth ?? (config.apiKey ? (azureHost ? 'azure' : 'bearer') : 'none');
  const headers: Record<string, string> = {};
  if (config.apiKey && config.keyHeader) headers[config.keyHeader] = config.apiKey;
  else if (config.apiKey && auth === 'bearer') headers.Authorization = `Bearer ${config.apiKey}`;
  else if (config.apiKey && auth === 'azure') headers['api-key'] = config.apiKey;
  Object.assign(headers, config.headers ?? {});

  return {
    baseUrl,
    chatUrl: `${baseUrl}/chat/completions${search}`,
    modelsUrl: `${modelsUrlBase}${search}`,
    displayUrl: `${baseUrl}/chat/completions`,
    auth,
    headers,
  };
}

/** The values that must never appear in messages: the key and every extra header value. */
export function endpointSecrets(config: EndpointConfig): string[] {
  const out: string[] = [];
  if (config.apiKey) out.push(config.apiKey);
  for (const v of Object.values(config.headers ?? {})) if (v) out.push(v);
  // A key pasted into the URL (`?key=…`) is a secret too.
  try {
    const url = new URL(withScheme((config.baseUrl ?? '').trim()));
    for (const [name, v] of url.searchParams) if (v && SECRET_PARAM.test(name)) out.push(v);
    if (url.password) out.push(decodeURIComponent(url.password));
  } catch {
    // An unparsable URL is reported by resolveEndpoint without echoing it.
  }
  return out;
}

/** Whether a request with these headers carries a key or another credential (a 401 then means it was rejected). */
export function sendsCredentials(headers: Record<string, string>): boolean {
  return Object.entries(headers).some(([name, value]) => value !== '' && isCredentialHeader(name));
}
