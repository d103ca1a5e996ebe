/**
 * Provider presets: the starting values of a profile for the servers Rill is tested with.
 * Choosing a preset fills a new profile; the profile's own fields always win over the preset's.
 */
import type { AuthStyle } from '../types';

/** Identifies a preset; stored in a profile's `preset` field. */
export type PresetId =
  | 'openai'
  | 'azure'
  | 'openrouter'
  | 'ollama'
  | 'lmstudio'
  | 'llamacpp'
  | 'vllm'
  | 'lemondata'
  | 'custom';

/** What a preset fills in, and what the user still has to give. */
export interface ProviderPreset {
  id: PresetId;
  /** Shown in the provider picker and used as the new profile's name. */
  label: string;
  /** Base URL; for presets in {@link ProviderPreset.asks} `baseUrl`, a placeholder to edit. */
  baseUrl: string;
  /** A model that exists on this provider, or `''` when it depends on what the user loaded. */
  model: string;
  auth: AuthStyle;
  /** Whether requests fail without a key (local servers run without one). */
  needsKey: boolean;
  /** Azure OpenAI `api-version`. */
  apiVersion?: string;
  /** Fields the user must type when creating a profile from this preset. */
  asks: ('baseUrl' | 'deployment')[];
  /** Where a key is created, shown next to the key prompt. */
  keyHelp?: string;
  /** Fixed extra headers (never secrets). */
  headers?: Record<string, string>;
}

/** The presets, in the order the picker shows them. */
export const PRESETS: readonly ProviderPreset[] = [
  {
    id: 'openai',
    label: 'OpenAI',
    baseUrl: 'https://api.openai.com/v1',
    model: 'gpt-4o-mini',
    auth: 'bearer',
    needsKey: true,
    asks: [],
    keyHelp: 'https://platform.openai.com/api-keys',
  },
  {
    id: 'azure',
    label: 'Azure OpenAI',
    baseUrl: 'https://YOUR-RESOURCE.openai.azure.com',
    model: '',
    auth: 'azure',
    needsKey: true,
    apiVersion: '2024-10-21',
    asks: ['baseUrl', 'deployment'],
    keyHelp: 'https://portal.azure.com',
  },
  {
    id: 'openrouter',
    label: 'OpenRouter',
    baseUrl: 'https://openrouter.ai/api/v1',
    model: 'openai/gpt-4o-mini',
    auth: 'bearer',
    needsKey: true,
    asks: [],
    keyHelp: 'https://openrouter.ai/keys',
    // OpenRouter's optional attribution headers.
    headers: { 'X-Title': 'Rill for VS Code' },
  },
  {
    id: 'ollama',
    label: 'Ollama',
    baseUrl: 'http://localhost:11434/v1',
    model: 'llama3.1',
    auth: 'none',
    needsKey: false,
    asks: [],
  },
  {
    id: 'lmstudio',
    label: 'LM Studio',
    baseUrl: 'http://localhost:1234/v1',
    model: '',
    auth: 'none',
    needsKey: false,
    asks: [],
  },
  {
    id: 'llamacpp',
    label: 'llama.cpp server',
    baseUrl: 'http://localhost:8080/v1',
    model: '',
    auth: 'none',
    needsKey: false,
    asks: [],
  },
  {
    id: 'vllm',
    label: 'vLLM',
    baseUrl: 'http://localhost:8000/v1',
    model: '',
    auth: 'bearer',
    needsKey: false,
    asks: [],
  },
  {
    id: 'lemondata',
    label: 'LemonData gateway',
    baseUrl: 'https://api.lemondata.cc/v1',
    model: 'gpt-4o',
    auth: 'bearer',
    needsKey: true,
    asks: [],
  },
  {
    id: 'custom',
    label: 'Other OpenAI-compatible server',
    baseUrl: 'https://',
    model: '',
    auth: 'bearer',
    needsKey: false,
    asks: ['baseUrl'],
  },
];

/** The preset with this id, if any. */
export function presetById(id: string | undefined): ProviderPreset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/**
 * Whether a profile's server is Ollama: made from the Ollama preset, or listening on Ollama's
 * default port (a Default profile pointed at `http://localhost:11434/v1`). Advice that names
 * Ollama's own settings (`num_ctx`) is given only then.
 */
export function servedByOllama(preset: string | undefined, baseUrl: string): boolean {
  if (preset === 'ollama') return true;
  const ollamaPort = new URL(presetById('ollama')!.baseUrl).port;
  return URL.canParse(baseUrl) && new URL(baseUrl).port === ollamaPort;
}
