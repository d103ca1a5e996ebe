/**
 * API keys in secret storage, each bound to the origin it was entered for.
 */
import * as vscode from 'vscode';
import { SetupError } from '../../core/chat';
import {
  decideKey,
  endpointOrigin,
  envKeyOrigins,
  keyAfterAnswer,
  type ProviderProfile,
  parseStoredKey,
  profileBaseUrl,
  profileNeedsKey,
  type StoredKey,
  serializeStoredKey,
} from '../../core/providers';
import type { Ui } from '../ui';

/** Secret storage name of a profile's key. */
export const keySecretName = (profile: string) => `rill.apiKey/${profile}`;
/** Global state: origins the user allowed `OPENAI_API_KEY` to be sent to. */
const ENV_ORIGINS = 'rill.envKeyOrigins';

/**
 * API keys per profile, in VS Code's secret storage (the OS keychain on the desktop; never in
 * settings, so never synced, and never sent to the webview). Each key is bound to the origin it
 * was entered for; sending it anywhere else needs the user's yes, asked in a modal dialog.
 */
export class ApiKeys {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly state: vscode.Memento,
    private readonly ui: () => Ui,
  ) {}

  /** The stored key of a profile, if any. */
  async get(profile: string): Promise<StoredKey | undefined> {
    return parseStoredKey(await this.secrets.get(keySecretName(profile)));
  }

  /** Stores a key for `profile`, bound to `origin` only. */
  async set(profile: string, key: string, origin: string): Promise<void> {
    await this.secrets.store(keySecretName(profile), serializeStoredKey({ key, origins: [origin] }));
  }

  async clear(profile: string): Promise<void> {
    await this.secrets.delete(keySecretName(profile));
  }

  /**
   * The key to send with a request to `profile`, or undefined to send none. Asks before sending
   * a key to an origin it is not bound to; throws a {@link SetupError} when the user says no or
   * when the provider needs a key and there is none.
   */
  async keyFor(profile: ProviderProfile): Promise<string | undefined> {
    if (profile.auth === 'none') return undefined;
    const origin = endpointOrigin(profileBaseUrl(profile));
    if (!origin)
      throw new SetupError(
        vscode.l10n.t('The base URL of profile "{0}" is not an http(s) URL.', profile.name),
        'config',
      );
    const stored = await this.get(profile.name);
    const approvedEnv = this.state.get<string[]>(ENV_ORIGINS, []);
    const decision = decideKey({
      origin,
      stored,
      envKey: process.env.OPENAI_API_KEY || undefined,
      envOrigins: envKeyOrigins(process.env.OPENAI_BASE_URL, approvedEnv),
    });
    switch (decision.action) {
      case 'send':
        return decision.key;
      case 'none':
        if (profileNeedsKey(profile)) {
          throw new SetupError(
            vscode.l10n.t('Profile "{0}" needs an API key. Run "Rill: Set API Key".', profile.name),
            'auth',
          );
        }
        return undefined;
      case 'confirm': {
        const send = vscode.l10n.t('Send the Key');
        const whose =
          decision.source === 'env'
            ? vscode.l10n.t('The OPENAI_API_KEY environment variable')
            : vscode.l10n.t('The API key of profile "{0}"', profile.name);
        const answer = await this.ui().warn(
          vscode.l10n.t(
            '{0} is meant for {1}, but this request goes to {2}. Send the key to {2}?',
            whose,
            decision.approved.join(', '),
            origin,
          ),
          {
            modal: true,
            detail: vscode.l10n.t(
              'Only say yes if you changed the base URL yourself. Settings written by someone else could send your key to a server that collects keys.',
            ),
          },
          send,
        );
        const outcome = keyAfterAnswer(decision, answer === send);
        if (!outcome.send) {
          throw new SetupError(
            vscode.l10n.t('The API key was not sent to {0}. Run "Rill: Set API Key" to enter a key for it.', origin),
            'auth',
          );
        }
        if (outcome.remember.kind === 'profile')
          await this.secrets.store(keySecretName(profile.name), serializeStoredKey(outcome.remember.stored));
        else await this.state.update(ENV_ORIGINS, [...approvedEnv, outcome.remember.origin]);
        return outcome.key;
      }
    }
  }
}
