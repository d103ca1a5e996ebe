/**
 * The key commands: Set API Key and Clear API Key.
 */
import * as vscode from 'vscode';
import { endpointOrigin, presetById, profileBaseUrl } from '../../core/providers';
import type { Commands, Services } from '../services';
import { activeProfileOrReport } from './setupError';

/**
 * `Rill: Set API Key`: stores the key for the active profile in secret storage, bound to the
 * profile's origin (the key is sent nowhere else without asking).
 */
export async function setApiKey(s: Services): Promise<boolean> {
  const t = vscode.l10n.t;
  const profile = await activeProfileOrReport(s);
  if (!profile) return false;
  const origin = endpointOrigin(profileBaseUrl(profile));
  if (!origin) {
    void s.ui.error(t('The base URL of profile "{0}" is not an http(s) URL.', profile.name));
    return false;
  }
  const help = presetById(profile.preset)?.keyHelp;
  const key = await s.ui.input({
    title: t('API key for "{0}"', profile.name),
    prompt: [
      t("Kept in VS Code's secret storage (not in settings) and sent only to {0}.", origin),
      help && t('Get a key at {0}', help),
    ]
      .filter(Boolean)
      .join(' '),
    placeHolder: 'sk-…',
    password: true,
    validateInput: (v) => (/\s/.test(v.trim()) ? t('A key has no spaces.') : undefined),
  });
  if (!key?.trim()) return false;
  await s.keys.set(profile.name, key.trim(), origin);
  s.models.invalidate();
  void s.ui.info(t('Saved the API key for "{0}". It will be sent only to {1}.', profile.name, origin));
  return true;
}

/** `Rill: Clear API Key`: forgets the active profile's stored key. */
export async function clearApiKey(s: Services): Promise<boolean> {
  const t = vscode.l10n.t;
  const profile = await activeProfileOrReport(s);
  if (!profile) return false;
  const had = await s.keys.get(profile.name);
  await s.keys.clear(profile.name);
  s.models.invalidate();
  const removed = process.env.OPENAI_API_KEY
    ? t('Removed the API key of "{0}". OPENAI_API_KEY from the environment is used instead.', profile.name)
    : t('Removed the API key of "{0}".', profile.name);
  void s.ui.info(had ? removed : t('Profile "{0}" had no stored API key.', profile.name));
  return !!had;
}

export function keyCommands(s: Services): Commands {
  return {
    'rill.setApiKey': () => setApiKey(s),
    'rill.clearApiKey': () => clearApiKey(s),
  };
}
