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
import { selectModel } from './selectModel';

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
  const names = readProfiles().profiles.map((p) => p.name);
  // The name shows in Select Provider and the status bar: the user's own word for this server.
  const name = (
    await s.ui.input({
      title: t('Name of the new profile'),
      prompt: t('Shown in Select Provider and the status bar.'),
      value: uniqueProfileName(preset.label, names),
      validateInput: (v) =>
        !v.trim()
          ? t('Enter a name.')
          : names.includes(v.trim())
            ? t('A profile named "{0}" exists already.', v.trim())
            : undefined,
    })
  )?.trim();
  if (!name) return undefined;
  await vscode.workspace
    .getConfiguration('rill')
    .update('profiles', [...existing, profileEntryFromPreset(preset.id, name, fields)], global);
  return name;
}

/**
 * After switching: the steps the new profile still needs. A missing key is offered; a missing model
 * is the next step of the same flow (the model pick list, fed by the server's `/models`, where any
 * name can be typed too), not a notification to find later.
 */
async function offerNextSteps(s: Services, name: string): Promise<void> {
  const t = vscode.l10n.t;
  const profile = readProfiles().profiles.find((p) => p.name === name);
  if (!profile) return;
  if (profileNeedsKey(profile) && !(await s.keys.get(name)) && !process.env.OPENAI_API_KEY) {
    const setKey = t('Set API Key');
    if ((await s.ui.info(t('"{0}" needs an API key.', name), setKey)) === setKey)
      await vscode.commands.executeCommand('rill.setApiKey');
  } else if (!profileModel(profile)) await selectModel(s);
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
