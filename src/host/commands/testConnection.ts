/**
 * Test Connection: one small request to the active profile, and what its result means.
 */
import * as vscode from 'vscode';
import { type ConnectionResult, testConnection } from '../../core/client';
import { endpointOrigin } from '../../core/providers';
import type { Commands, Services } from '../services';
import { showErrorWithFixes } from '../setup/errorFixes';
import { fetchUsesProxy, withoutUrlCredentials } from '../setup/proxySupport';
import { requireProfile, resolveTarget } from '../setup/target';
import { reportSetupError } from './setupError';

/** Advice for a failed test, by error kind, in words a user can act on. */
function advice(r: Extract<ConnectionResult, { ok: false }>, origin: string): string {
  const t = vscode.l10n.t;
  // Shown in the advice: never with the user name and password a proxy address may carry.
  const proxy = withoutUrlCredentials(
    vscode.workspace.getConfiguration('http').get<string>('proxy') ||
      process.env.HTTPS_PROXY ||
      process.env.https_proxy ||
      process.env.HTTP_PROXY ||
      '',
  );
  switch (r.kind) {
    case 'auth':
      return t('The server refused the key. Run "Rill: Set API Key" with a valid key for {0}.', origin);
    case 'notFound':
      return t('Check the base URL and the model ("Rill: Select Model").');
    case 'network':
    case 'timeout':
      if (proxy && !fetchUsesProxy(vscode.version)) {
        return t(
          'VS Code {0} sends no extension requests through a proxy (1.96 and later do): update VS Code, or make {1} reachable without one.',
          vscode.version,
          origin,
        );
      }
      return proxy
        ? t(
            'Requests go through the proxy {0} (setting http.proxy or the environment): check that it is running and allows {1}.',
            proxy,
            origin,
          )
        : t('Check that the server at {0} is running and reachable from this machine.', origin);
    case 'rateLimited':
      return t('The provider is limiting requests; wait a moment and try again.');
    default:
      return '';
  }
}

/**
 * `Rill: Test Connection`: one small request to the active profile. Reports the time to the first
 * token, or the exact problem and what to do about it.
 */
export async function runConnectionTest(s: Services): Promise<ConnectionResult | undefined> {
  const t = vscode.l10n.t;
  let target: Awaited<ReturnType<typeof resolveTarget>>;
  let profile: ReturnType<typeof requireProfile>;
  try {
    profile = requireProfile();
    target = await resolveTarget(s.keys);
  } catch (e) {
    await reportSetupError(s, e);
    return undefined;
  }
  const origin = endpointOrigin(target.endpoint.baseUrl) ?? target.endpoint.baseUrl;
  const result = await s.ui.progress(t('Testing the connection to "{0}"…', profile.name), (_report, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    return testConnection(s.stream, target.endpoint, target.model, { signal: controller.signal });
  });
  if (result.ok) {
    void s.ui.info(
      t(
        'Connected to "{0}" ({1}): model {2} answered in {3} ms.',
        profile.name,
        origin,
        result.model,
        result.latencyMs,
      ),
    );
  } else {
    const status = result.status ? ` (HTTP ${result.status})` : '';
    const message = t(
      'The connection test to "{0}" failed{1}: {2}',
      profile.name,
      status,
      withoutUrlCredentials(result.message),
    );
    const more = advice(result, origin);
    await showErrorWithFixes(s.ui, more ? `${message} ${more}` : message, result.kind);
  }
  return result;
}

export function connectionTestCommands(s: Services): Commands {
  return { 'rill.testConnection': () => runConnectionTest(s) };
}
