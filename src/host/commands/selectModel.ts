/**
 * Select Model: a pick list of the endpoint's models, and where the chosen one is saved.
 */
import * as vscode from 'vscode';
import { type ProviderProfile, profileEndpoint, profileModel, withProfileFields } from '../../core/providers';
import type { Commands, Services } from '../services';
import { userProfilesSetting } from '../settings';
import { activeProfileOrReport } from './setupError';

/** The cache key of a profile's model list: its name and where it points. */
const cacheKey = (p: ProviderProfile) => `${p.name}\n${p.baseUrl}\n${p.deployment ?? ''}`;

/** Writes the model into the profile it belongs to: `rill.model` for Default, else its `rill.profiles` entry. */
export async function saveModel(profile: ProviderProfile, model: string): Promise<void> {
  const c = vscode.workspace.getConfiguration('rill');
  const global = vscode.ConfigurationTarget.Global;
  if (profile.source === 'default') await c.update('model', model, global);
  else await c.update('profiles', withProfileFields(userProfilesSetting(), profile.name, { model }), global);
}

/** The models the profile's server lists (cached; `refresh` fetches again). */
async function loadModels(s: Services, profile: ProviderProfile, refresh: boolean): Promise<string[]> {
  const key = cacheKey(profile);
  if (refresh) s.models.invalidate(key);
  const cached = s.models.get(key);
  if (cached) return cached;
  const endpoint = profileEndpoint(profile, await s.keys.keyFor(profile));
  const models = await s.listModels(endpoint, {});
  s.models.set(key, models);
  return models;
}

/**
 * `Rill: Select Model`: a pick list of the models `GET /models` returns (cached, with a refresh
 * button), where any other name can be typed too. Resolves with the chosen model.
 */
export async function selectModel(s: Services): Promise<string | undefined> {
  const t = vscode.l10n.t;
  const profile = await activeProfileOrReport(s);
  if (!profile) return undefined;
  const current = profileModel(profile);
  const model = await s.ui.pickOrType({
    title: t('Select Model for "{0}"', profile.name),
    placeholder: t('Pick a model, or type its name'),
    refreshable: true,
    typedLabel: (v) => t('Use "{0}"', v),
    load: async (refresh) => {
      try {
        const models = await loadModels(s, profile, refresh);
        return { items: models.map((m) => ({ label: m, description: m === current ? t('current') : undefined })) };
      } catch (e) {
        return {
          items: [],
          error: t('Could not list the models ({0}). Type a model name.', e instanceof Error ? e.message : String(e)),
        };
      }
    },
  });
  if (!model?.trim() || model.trim() === current) return model?.trim() || undefined;
  await saveModel(profile, model.trim());
  s.status.refresh();
  s.controller.refreshStatus();
  return model.trim();
}

export function modelCommands(s: Services): Commands {
  return { 'rill.selectModel': () => selectModel(s) };
}
