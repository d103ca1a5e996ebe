/**
 * Rill's settings, read fresh on each use: profiles, request settings, insertion and review.
 */
import * as vscode from 'vscode';
import { settingValue } from '../core/base';

import { DEFAULT_REQUEST_TIMEOUT_SECONDS } from '../core/client';
import { parseReviewSetting, type ReviewSetting } from '../core/editor';

import { type ProfileProblem, type ResolvedProfiles, resolveProfiles } from '../core/providers';

/** How answers from the selection commands go into the editor (`rill.insert.mode`). */
export type InsertMode = 'afterSelection' | 'replaceSelection' | 'ask';

/** Settings that shape a request, read fresh for each one so changes apply without a reload. */
export interface RequestSettings {
  systemPrompt: string;
  temperature?: number;
  maxTokens?: number;
  /** 0: no limit. */
  requestTimeoutMs: number;
  idleTimeoutMs: number;
  reportUsage: boolean;
}

const cfg = () => vscode.workspace.getConfiguration('rill');

/**
 * The provider profiles from `rill.profiles`, `rill.activeProfile`, `rill.baseUrl`, `rill.model` and
 * the `OPENAI_*` environment. These settings are application-scoped: VS Code reads them from user
 * settings only, so a workspace cannot point them (and the key) elsewhere.
 */
export function readProfiles(): ResolvedProfiles {
  const c = cfg();
  return resolveProfiles({
    profiles: c.get('profiles'),
    activeProfile: c.get('activeProfile'),
    baseUrl: c.get('baseUrl'),
    model: c.get('model'),
    env: { OPENAI_BASE_URL: process.env.OPENAI_BASE_URL, OPENAI_MODEL: process.env.OPENAI_MODEL },
  });
}

/** The user's own `rill.profiles` (user settings only: the setting is application-scoped). */
export function userProfilesSetting(): unknown[] {
  const v = vscode.workspace.getConfiguration('rill').inspect<unknown[]>('profiles')?.globalValue;
  return Array.isArray(v) ? v : [];
}

/**
 * `rill.autoRunCommands`, the commands that run without asking: from the user's own settings only
 * (application-scoped and restricted, and read as the global value), so a cloned repository's
 * settings can never approve a command. Entries that are not strings are ignored.
 */
export function readAutoRunCommands(): string[] {
  const v = vscode.workspace.getConfiguration('rill').inspect<unknown>('autoRunCommands')?.globalValue;
  return Array.isArray(v) ? v.filter((e): e is string => typeof e === 'string') : [];
}

/**
 * Settings a workspace may set only once it is trusted (also listed in package.json's
 * `restrictedConfigurations`): they shape what is sent and what is written into files.
 */
export const TRUSTED_ONLY_SETTINGS = [
  'systemPrompt',
  'temperature',
  'maxTokens',
  'requestTimeoutSeconds',
  'idleTimeoutSeconds',
  'insert.mode',
  // A cloned repository must not turn off the review of what is written into its files.
  'insert.review',
  // The `/` commands' prompts: a repository's settings could otherwise hide instructions in them.
  'prompts',
  // Tools read the workspace and send what they read: a cloned repository must not turn them on.
  'tools',
  'maxToolRounds',
] as const;

/** A setting that a workspace's value overrides only when the workspace is trusted. */
function guarded(key: (typeof TRUSTED_ONLY_SETTINGS)[number]): unknown {
  return settingValue(cfg().inspect<unknown>(key), vscode.workspace.isTrusted).value;
}

/** A number setting, or undefined when unset or not a finite number. */
function num(key: (typeof TRUSTED_ONLY_SETTINGS)[number]): number | undefined {
  const v = guarded(key);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/**
 * The system prompt a (trusted) workspace's settings put in force, or undefined when the prompt
 * in force is the user's own. The panel shows it, so an instruction from a cloned repository is
 * never invisible.
 */
export function workspaceSystemPrompt(): string | undefined {
  const v = settingValue(cfg().inspect<unknown>('systemPrompt'), vscode.workspace.isTrusted);
  return v.fromWorkspace && typeof v.value === 'string' && v.value.trim() ? v.value : undefined;
}

/** The generation and timeout settings. */
export function readRequestSettings(): RequestSettings {
  const c = cfg();
  const prompt = guarded('systemPrompt');
  return {
    systemPrompt: typeof prompt === 'string' ? prompt : '',
    temperature: num('temperature'),
    maxTokens: num('maxTokens'),
    requestTimeoutMs: Math.max(0, num('requestTimeoutSeconds') ?? DEFAULT_REQUEST_TIMEOUT_SECONDS) * 1000,
    idleTimeoutMs: Math.max(0, num('idleTimeoutSeconds') ?? 120) * 1000,
    reportUsage: c.get<boolean>('reportUsage') ?? true,
  };
}

/** `rill.prompts` (the user's `/` commands) as in force: a workspace's value only once it is trusted. */
export function readPromptsSetting(): unknown {
  return guarded('prompts');
}

/** `rill.insert.mode`, defaulting to inserting after the selection. */
export function readInsertMode(): InsertMode {
  const v = guarded('insert.mode');
  return v === 'replaceSelection' || v === 'ask' ? v : 'afterSelection';
}

/** `rill.insert.review`: which changes are shown as a diff before they are applied. */
export function readInsertReview(): ReviewSetting {
  return parseReviewSetting(guarded('insert.review'));
}

/** `rill.tools`: how the model is offered the workspace tools. */
export type ToolsSetting = 'auto' | 'native' | 'text' | 'off';

/** The default of `rill.maxToolRounds` (same default in package.json). */
export const DEFAULT_MAX_TOOL_ROUNDS = 25;

/** The tool settings as in force (a workspace's values only once it is trusted). */
export interface ToolSettings {
  mode: ToolsSetting;
  /** At least 1. */
  maxRounds: number;
}

/** `rill.tools` and `rill.maxToolRounds`, read fresh for each question. */
export function readToolSettings(): ToolSettings {
  const m = guarded('tools');
  const rounds = num('maxToolRounds');
  return {
    mode: m === 'native' || m === 'text' || m === 'off' ? m : 'auto',
    maxRounds: rounds !== undefined && rounds >= 1 ? Math.floor(rounds) : DEFAULT_MAX_TOOL_ROUNDS,
  };
}

/** A profile problem in words a user can act on. */
export function describeProblem(p: ProfileProblem): string {
  const t = vscode.l10n.t;
  switch (p.code) {
    case 'notObject':
      return t('Entry {0} of "rill.profiles" is not an object with a name and a base URL.', p.profile);
    case 'missingName':
      return t('Entry {0} of "rill.profiles" has no "name".', p.profile);
    case 'duplicateName':
      return t('Two profiles are named "{0}"; the second is ignored. Rename one.', p.profile);
    case 'badBaseUrl':
      return t(
        'The base URL of profile "{0}" is not an http(s) URL, for example https://api.openai.com/v1.',
        p.profile,
      );
    case 'badField':
      return t('Field "{1}" of profile "{0}" has the wrong type and is ignored.', p.profile, p.field ?? '');
    case 'keyInHeader':
      return t(
        'Profile "{0}" has a credential in header "{1}", which settings may sync or share. That header is not sent: set "keyHeader": "{1}" in the profile and run "Rill: Set API Key", which keeps the value in secret storage.',
        p.profile,
        p.field ?? '',
      );
    case 'unknownActive':
      return t('"rill.activeProfile" names "{0}", which is not a profile. Run "Rill: Select Provider".', p.profile);
  }
}

/** True when a configuration change can change where or how requests go. */
export function affectsRequests(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration('rill') || e.affectsConfiguration('http.proxy');
}
