/**
 * Select Provider: the provider presets, the user's profiles, and setting one up.
 */
import * as vscode from 'vscode';
import {
  isPlausibleBaseUrl,
  PRESETS,
  type ProviderPreset,
  profileEntryFromPreset,
  profileModel,
  profileNeedsKey,
  uniqueProfileName,
} from '../../core/providers';
import type { Commands, Services } from '../services';
import { readProfiles, userProfilesSetting } from '../settings';
import type { PickItem } from '../ui';

const global = vscode.ConfigurationTarget.Global;

/** Creates a profile from a preset, asking for what the preset cannot know; resolves with its name. */
async function createFromPreset(s: Services, preset: ProviderPreset): Promise<string | undefined> {
  const t = vscode.l10n.t;
  const fields: { baseUrl?: string; deployment?: string } = {};
  if (preset.asks.includes('baseUrl')) {
    fields.baseUrl = (
      await s.ui.input({
        title: t('Base URL for {0}', preset.label),
        prompt: t('The OpenAI-compatible base URL, with or without /v1.'),
        value: preset.baseUrl,
        validateInput: (v) => (isPlausibleBaseUrl(v.trim()) ? undefined : t('Enter an http:// or https:// URL.')),
      })
    )?.trim();
    if (!fields.baseUrl) return undefined;
  }
  if (preset.asks.includes('deployment')) {
    fields.deployment = (
      await s.ui.input({
        title: t('Deployment name for {0}', preset.label),
        prompt: t('The name of the model deployment in your Azure OpenAI resource.'),
      })
    )?.trim();
    if (!fields.deployment) return undefined;
  }
  const existing = userProfilesSetting();
  const name = uniqueProfileName(
    preset.label,
    readProfiles().profiles.map((p) => p.name),
  );
  await vscode.workspace
    .getConfiguration('rill')
    .update('profiles', [...existing, profileEntryFromPreset(preset.id, name, fields)], global);
  return name;
}

/** After switching: offers the steps the new profile still needs (a key, a model). */
async function offerNextSteps(s: Services, name: string): Promise<void> {
  const t = vscode.l10n.t;
  const profile = readProfiles().profiles.find((p) => p.name === name);
  if (!profile) return;
  if (profileNeedsKey(profile) && !(await s.keys.get(name)) && !process.env.OPENAI_API_KEY) {
    const setKey = t('Set API Key');
    if ((await s.ui.info(t('"{0}" needs an API key.', name), setKey)) === setKey)
      await vscode.commands.executeCommand('rill.setApiKey');
  } else if (!profileModel(profile)) {
    const choose = t('Select Model');
    if ((await s.ui.info(t('Choose a model for "{0}".', name), choose)) === choose)
      await vscode.commands.executeCommand('rill.selectModel');
  }
}

/**
 * `Rill: Select Provider`: switches to an existing profile, or creates one from a preset
 * (OpenAI, Azure OpenAI, OpenRouter, Ollama, LM Studio, llama.cpp, vLLM, a gateway, any other).
 * Resolves with the active profile's name, or undefined when cancelled.
 */
export async function selectProvider(s: Services): Promise<string | undefined> {
  const t = vscode.l10n.t;
  const { profiles, active } = readProfiles();
  type Item = PickItem & { profile?: string; preset?: ProviderPreset };
  const items: Item[] = [
    ...profiles.map((p) => ({
      label: `${p.name === active?.name ? '$(check) ' : ''}${p.name}`,
      description: [p.baseUrl, profileModel(p)].filter(Boolean).join(' · '),
      profile: p.name,
    })),
    ...PRESETS.map((preset) => ({
      label: `$(add) ${preset.label}`,
      description: t('New profile: {0}', preset.baseUrl),
      preset,
    })),
  ];
  const chosen = await s.ui.pick(items, {
    title: t('Select Provider'),
    placeholder: t('Pick a profile, or add one from a preset'),
  });
  if (!chosen) return undefined;
  const name = chosen.profile ?? (chosen.preset && (await createFromPreset(s, chosen.preset)));
  if (!name) return undefined;
  await vscode.workspace.getConfiguration('rill').update('activeProfile', name, global);
  s.models.invalidate();
  s.status.refresh();
  s.controller.refreshStatus();
  await offerNextSteps(s, name);
  return name;
}

export function providerCommands(s: Services): Commands {
  return { 'rill.selectProvider': () => selectProvider(s) };
}
