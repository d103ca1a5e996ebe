import * as assert from 'node:assert';
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { freePort, repoRoot } from '../runners/codeServer';

describe('e2e: npm start', function () {
  this.timeout(180_000);
  let child: ChildProcess | undefined;
  let browser: Browser | undefined;
  let home: string;

  after(async () => {
    await browser?.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    // The extension host may still be writing its last chat save while the server shuts down.
    fs.rmSync(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  });

  it('serves VS Code with Rill loaded and the demo endpoint answering', async () => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'rill-start-'));
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), RILL_START_HOME: home };
    delete env.OPENAI_BASE_URL;
    delete env.OPENAI_API_KEY;
    delete env.OPENAI_MODEL;
    child = spawn(process.execPath, [path.join(repoRoot, 'out/test/runners/start.js')], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines: string[] = [];
    const url = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: child!.stdout! }).on('line', (line) => {
        lines.push(line);
        const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(line);
        if (/Rill is loaded/.test(line) && m) resolve(m[1]);
      });
      child!.once('exit', (code) => reject(new Error(`npm start exited with ${code}: ${lines.join('\n')}`)));
    });
    assert.strictEqual(url, `http://127.0.0.1:${port}/`);
    assert.ok(
      lines.some((l) => /demo endpoint/.test(l)),
      'says it uses the demo endpoint',
    );

    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    // The server may take a moment after printing its address.
    for (let i = 0; ; i++) {
      try {
        await page.goto(url);
        break;
      } catch (e) {
        if (i > 40) throw e;
        await page.waitForTimeout(250);
      }
    }
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await page.locator('.activitybar [aria-label^="Rill"]').first().click({ timeout: 30_000 });
    let frame;
    for (const deadline = Date.now() + 30_000; !frame && Date.now() < deadline; await page.waitForTimeout(200)) {
      for (const f of page.frames())
        if (
          await f
            .locator('textarea[aria-label=Message]')
            .count()
            .catch(() => 0)
        )
          frame = f;
    }
    assert.ok(frame, 'the Rill view opened');
    await frame.locator('textarea[aria-label=Message]').fill('Show me some TypeScript');
    await frame.locator('textarea[aria-label=Message]').press('Enter');
    const answer = frame.locator('article.turn.assistant').last();
    await answer.locator('pre code').first().waitFor({ timeout: 30_000 });
    await answer.and(frame.locator('[aria-busy=false]')).waitFor({ timeout: 30_000 });
    assert.ok((await answer.innerText()).length > 50, 'the demo endpoint answered');
  });
});
