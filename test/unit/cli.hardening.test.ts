/**
 * The command-line tool's safety: the key from a file (not the process list), a whole-request time
 * limit that keep-alives cannot extend, no terminal control sequences from model or server text on
 * a terminal (a pipe still gets the answer's exact bytes), and the server's error code and type in
 * the JSON error line.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { envKeyMayGoTo, keyFileWarning, parseArgs, requestLimitMs } from '../../src/cli/args';
import { PlainPrinter, type Sink } from '../../src/cli/output';
import { stripControls } from '../../src/cli/terminalText';
import { cleanEnv, cli, jsonLines, runCli } from '../helpers/cliRunner';
import { useCliServer } from '../helpers/cliServer';
import { sseReply } from '../helpers/mockServer';

const ESC = '\u001b';
const HOSTILE = `Hi${ESC}]52;c;ZXZpbA==\u0007 there${ESC}[2J\r\n\tok`;

/** A sink that records what is written and says it is (or is not) a terminal. */
function sink(isTTY: boolean): Sink & { text: string } {
  const s = {
    text: '',
    isTTY,
    write(chunk: string) {
      s.text += chunk;
      return true;
    },
    once() {
      return s;
    },
  };
  return s;
}

/** Runs the tool under `script`, so its stdout and stderr are a real terminal; resolves to what the terminal showed. */
function runOnTerminal(args: string[]): Promise<{ code: number | null; shown: string }> {
  const command = [process.execPath, cli, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { env: cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => out.push(d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, shown: Buffer.concat(out).toString('utf8') }));
    child.stdin.end();
  });
}

describe('command-line tool: hardening', function () {
  this.timeout(30_000);
  const fx = useCliServer('rill-cli-');

  it('--api-key-file reads the key from a file; --help names the safe ways', async () => {
    const file = path.join(fx.dir, 'key');
    fs.writeFileSync(file, 'sk-from-file-123\n');
    const r = await runCli(['--base-url', fx.server.baseUrl, '--model', 'm', '--api-key-file', file, 'hi']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(fx.server.requests[0].headers.authorization, 'Bearer sk-from-file-123');
    const help = await runCli(['--help']);
    assert.match(help.stdout, /--api-key-file FILE/);
    assert.match(help.stdout, /environment variable or --api-key-file is the safe way/);
  });

  it('--api-key-file: a missing or empty file is a usage error that never echoes a key', async () => {
    const missing = await runCli(['--model', 'm', '--api-key-file', path.join(fx.dir, 'nope'), 'hi']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /Cannot read the API key file .*nope \(ENOENT\)/);
    const empty = path.join(fx.dir, 'empty');
    fs.writeFileSync(empty, '\n');
    const r = await runCli(['--model', 'm', '--api-key-file', empty, 'hi']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /is empty/);
    assert.equal(fx.server.requests.length, 0);
  });

  it('--max-time ends a request that keep-alives hold open: exit 1, clear message, partial text kept', async () => {
    const start = sseReply(['partial ']).chunks!.slice(0, 2);
    const pings = Array.from({ length: 200 }, () => ': keep-alive\n\n');
    fx.server.enqueue({ chunks: [...start, ...pings], delayMs: 100 });
    const began = Date.now();
    const r = await runCli([
      '--base-url',
      fx.server.baseUrl,
      '--model',
      'm',
      '--timeout-ms',
      '1000',
      '--max-time',
      '1.5',
      'hi',
    ]);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, 'partial ');
    assert.match(r.stderr, /error \(timeout\): The answer took longer than 1\.5 s, the limit set with --max-time/);
    assert.ok(Date.now() - began < 15_000, 'ended long before the keep-alives ran out');
  });

  it('OPENAI_API_KEY goes only to OPENAI_BASE_URL’s origin or OpenAI’s; --help says how to give another address its key', async () => {
    const env = { OPENAI_API_KEY: 'sk-env-secret-777', OPENAI_BASE_URL: 'https://gateway.example.test/v1' };
    // Another --base-url: the environment's key stays home.
    fx.server.enqueue({ status: 401, body: JSON.stringify({ error: { message: 'no key' } }) });
    const elsewhere = await runCli(['--base-url', fx.server.baseUrl, '--model', 'm', 'hi'], { env });
    assert.equal(
      fx.server.requests[0].headers.authorization,
      undefined,
      'promise broken: the environment’s OPENAI_API_KEY was sent to a --base-url it was not exported for',
    );
    assert.equal(elsewhere.code, 1);
    assert.match(elsewhere.stderr, /OPENAI_API_KEY was not sent to this base URL.*--api-key-file/);
    assert.ok(!elsewhere.stderr.includes('sk-env-secret-777'));
    // The same address as OPENAI_BASE_URL (another path there too): sent.
    fx.server.reset();
    const home = await runCli(['--model', 'm', 'hi'], { env: { ...env, OPENAI_BASE_URL: fx.server.baseUrl } });
    assert.equal(home.code, 0, home.stderr);
    assert.equal(fx.server.requests[0].headers.authorization, 'Bearer sk-env-secret-777');
    // A key given for the address is sent.
    fx.server.reset();
    const given = await runCli(['--base-url', fx.server.baseUrl, '--model', 'm', '--api-key', 'sk-given', 'hi'], {
      env,
    });
    assert.equal(given.code, 0, given.stderr);
    assert.equal(fx.server.requests[0].headers.authorization, 'Bearer sk-given');
    // The rule itself: OpenAI's origin always, the environment's base origin, nothing else.
    assert.equal(envKeyMayGoTo('https://api.openai.com/v1', undefined), true);
    assert.equal(envKeyMayGoTo('https://gateway.example.test/other', 'https://gateway.example.test/v1'), true);
    assert.equal(envKeyMayGoTo('http://gateway.example.test/v1', 'https://gateway.example.test/v1'), false);
    assert.equal(envKeyMayGoTo('https://gateway.example.test:8443/v1', 'https://gateway.example.test/v1'), false);
    assert.equal(envKeyMayGoTo('http://localhost:11434/v1', undefined), false);
    assert.equal(envKeyMayGoTo('https://api.openai.com.evil.test/v1', undefined), false);
    const help = await runCli(['--help']);
    assert.match(help.stdout, /OPENAI_API_KEY goes only to OPENAI_BASE_URL's address or to OpenAI's/);
    assert.match(help.stdout, /give that address's\s+key with --api-key-file/);
  });

  it('warns when --api-key-file can be read or written by other users', async () => {
    const file = path.join(fx.dir, 'shared-key');
    fs.writeFileSync(file, 'sk-shared-1\n');
    fs.chmodSync(file, 0o644);
    const open = await runCli(['--base-url', fx.server.baseUrl, '--model', 'm', '--api-key-file', file, 'hi']);
    assert.equal(open.code, 0, open.stderr);
    assert.match(
      open.stderr,
      /warning: the API key file .*shared-key can be read or written by other users \(mode 0644\); run chmod 600/,
      'promise broken: a key file others can read got no warning',
    );
    assert.ok(!open.stderr.includes('sk-shared-1'), 'the warning never shows the key');
    fs.chmodSync(file, 0o600);
    const closed = await runCli(['--base-url', fx.server.baseUrl, '--model', 'm', '--api-key-file', file, 'hi']);
    assert.equal(closed.code, 0, closed.stderr);
    assert.doesNotMatch(closed.stderr, /warning/, 'no warning for a file only its owner can use');
    assert.ok(keyFileWarning('k', 0o100620), 'group-writable warns');
    assert.ok(keyFileWarning('k', 0o100602), 'writable by others warns');
    assert.equal(keyFileWarning('k', 0o100400), undefined);
    assert.equal(keyFileWarning('k', 0o100644, 'win32'), undefined);
  });

  it('without --max-time a whole request still ends: the default limit is the extension’s 600 s', async () => {
    const { DEFAULT_REQUEST_TIMEOUT_SECONDS } = await import('../../src/core/client');
    assert.equal(DEFAULT_REQUEST_TIMEOUT_SECONDS, 600);
    assert.equal(
      requestLimitMs(parseArgs(['--model', 'm', 'hi'], {})),
      600_000,
      'promise broken: without --max-time a request had no whole-request limit',
    );
    assert.equal(requestLimitMs(parseArgs(['--model', 'm', '--max-time', '2', 'hi'], {})), 2000);
    const help = await runCli(['--help']);
    assert.match(help.stdout, /--max-time SECONDS[\s\S]*default 600\)/);
  });

  it('--max-time needs a positive number of seconds', async () => {
    const r = await runCli(['--model', 'm', '--max-time', '0', 'hi']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--max-time needs a number of seconds above 0/);
  });

  it('strips control characters from answer and notes on a terminal, not through a pipe', async () => {
    const tty = sink(true);
    const ttyErr = sink(true);
    const onTerminal = new PlainPrinter(tty, ttyErr);
    await onTerminal.print({ type: 'text', text: HOSTILE });
    await onTerminal.print({ type: 'error', kind: 'api', message: `bad ${ESC}[31mred\u0007`, interrupted: true });
    assert.equal(tty.text, 'Hi]52;c;ZXZpbA== there[2J\n\tok\n');
    assert.ok(!ttyErr.text.includes(ESC) && ttyErr.text.includes('bad [31mred'), JSON.stringify(ttyErr.text));
    const pipe = sink(false);
    await new PlainPrinter(pipe, sink(false)).print({ type: 'text', text: HOSTILE });
    assert.equal(pipe.text, HOSTILE);
  });

  it('DEL and the C1 controls (U+007F-U+009F) are terminal controls too: U+009B alone starts a CSI', async () => {
    // Terminals that obey 8-bit controls read U+009B as ESC [ and U+009D as ESC ]: the same commands.
    for (let c = 0x7f; c <= 0x9f; c++) {
      const ch = String.fromCharCode(c);
      assert.equal(
        stripControls(`a${ch}b`),
        'ab',
        `promise broken: U+${c.toString(16).toUpperCase().padStart(4, '0')} must never reach a terminal`,
      );
    }
    assert.equal(
      stripControls('x\u009b2J\u009d52;c;ZXZpbA==\u009cy'),
      'x2J52;c;ZXZpbA==y',
      'one-character CSI/OSC stripped',
    );
    assert.equal(stripControls('~\u00a0é'), '~\u00a0é', 'printable neighbours (U+007E, U+00A0) are kept');
    const tty = sink(true);
    const ttyErr = sink(true);
    const printer = new PlainPrinter(tty, ttyErr);
    await printer.print({ type: 'text', text: 'ok\u009b2J\u007f' });
    await printer.print({ type: 'error', kind: 'api', message: 'bad\u009b31m\u0090', interrupted: false });
    assert.ok(
      !/[\u007f-\u009f]/.test(tty.text),
      `promise broken: a C1 control of the answer reached the terminal: ${JSON.stringify(tty.text)}`,
    );
    assert.ok(
      !/[\u007f-\u009f]/.test(ttyErr.text),
      `promise broken: a C1 control of an error reached the terminal: ${JSON.stringify(ttyErr.text)}`,
    );
  });

  it('usage errors on a terminal go through the filter: a --messages file that is not JSON cannot write the clipboard', async () => {
    const file = path.join(fx.dir, 'hostile.json');
    fs.writeFileSync(file, `${ESC}]52;c;ZXZpbA==\u0007\u009d52;c;eA==\u009c not json`);
    const r = await runOnTerminal(['--base-url', fx.server.baseUrl, '--model', 'm', '--messages', file, 'hi']);
    assert.equal(r.code, 2, r.shown);
    assert.match(r.shown, /is not JSON/);
    assert.ok(
      !r.shown.includes(ESC) && !r.shown.includes('\u0007') && !/[\u0080-\u009f]/.test(r.shown),
      `promise broken: the usage error wrote a control sequence to the terminal: ${JSON.stringify(r.shown)}`,
    );
    assert.equal(fx.server.requests.length, 0);
  });

  it('on a real terminal, no escape sequence from the server reaches it', async () => {
    fx.server.enqueue(sseReply([HOSTILE.slice(0, 5), HOSTILE.slice(5)]));
    const r = await runOnTerminal(['--base-url', fx.server.baseUrl, '--model', 'm', 'hi']);
    assert.equal(r.code, 0, r.shown);
    assert.ok(r.shown.includes('Hi]52;c;ZXZpbA== there[2J'), JSON.stringify(r.shown));
    assert.ok(!r.shown.includes(ESC) && !r.shown.includes('\u0007'), JSON.stringify(r.shown));
    fx.server.enqueue({
      status: 400,
      body: JSON.stringify({ error: { message: `bad ${ESC}]52;c;eA==\u0007 input` } }),
    });
    const e = await runOnTerminal(['--base-url', fx.server.baseUrl, '--model', 'm', 'hi']);
    assert.equal(e.code, 1);
    assert.ok(e.shown.includes('bad ]52;c;eA== input') && !e.shown.includes(ESC), JSON.stringify(e.shown));
  });

  it('--json: the error line carries the server’s code and type', async () => {
    fx.server.enqueue({
      status: 400,
      body: JSON.stringify({
        error: {
          message: 'This model’s maximum context length is 8192 tokens.',
          type: 'invalid_request_error',
          code: 'context_length_exceeded',
        },
      }),
    });
    const r = await runCli(['--base-url', fx.server.baseUrl, '--model', 'm', '--json', 'hi']);
    assert.equal(r.code, 1);
    const [error] = jsonLines(r.stdout);
    assert.equal(error.type, 'error');
    assert.equal(error.status, 400);
    assert.deepEqual(error.server, { code: 'context_length_exceeded', type: 'invalid_request_error' });
  });
});
