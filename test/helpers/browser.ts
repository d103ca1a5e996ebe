/**
 * Starts the system Chromium (Debian's /usr/bin/chromium) through playwright-core, for browser
 * tests, e2e tests and benchmarks. Headless, no GPU, and none of the background services that
 * would make requests of their own on this closed network.
 */
import { type Browser, chromium, type LaunchOptions } from 'playwright-core';

/** Where Chromium is; `CHROMIUM_PATH` overrides. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Launches Chromium; the caller closes it. */
export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    ...options,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      ...(options.args ?? []),
    ],
  });
}
