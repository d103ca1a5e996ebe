/** Headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core, for browser tests and e2e. */
import { Browser, chromium } from 'playwright-core';

/** Path of the system Chromium; `CHROMIUM_PATH` overrides it. */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Launches headless Chromium with the flags this closed network needs (no background
 * networking, no component updates), so the only traffic is what a test causes.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}
