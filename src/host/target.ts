import * as vscode from 'vscode';
import { RequestTarget, SetupError } from '../core/session';

/** Secret storage key of the API key. */
export const API_KEY_SECRET = 'rill.apiKey';

/** The model the next request will use, from settings or `OPENAI_MODEL`. */
export function activeModel(): string {
  return vscode.workspace.getConfiguration('rill').get<string>('model') || process.env.OPENAI_MODEL || '';
}

/**
 * Resolves where the next request goes, reading settings fresh each time so changes apply
 * without a reload. The key comes from SecretStorage, else `OPENAI_API_KEY`; never from settings.
 */
export async function resolveTarget(secrets: vscode.SecretStorage): Promise<RequestTarget> {
  const cfg = vscode.workspace.getConfiguration('rill');
  const baseUrl = cfg.get<string>('baseUrl') || process.env.OPENAI_BASE_URL || '';
  const model = activeModel();
  if (!baseUrl) throw new SetupError(vscode.l10n.t('No endpoint is set. Set "rill.baseUrl" (for example https://api.openai.com/v1).'), 'config');
  if (!model) throw new SetupError(vscode.l10n.t('No model is set. Set "rill.model".'), 'config');
  const apiKey = (await secrets.get(API_KEY_SECRET)) || process.env.OPENAI_API_KEY || undefined;
  return {
    endpoint: { baseUrl, apiKey },
    model,
    systemPrompt: cfg.get<string>('systemPrompt') || undefined,
    temperature: cfg.get<number | null>('temperature') ?? undefined,
    maxTokens: cfg.get<number | null>('maxTokens') ?? undefined,
  };
}
