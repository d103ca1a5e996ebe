/** Network failures: connection refused (a real closed port), DNS failures, resets. */
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { describeNetworkError, errorCode } from '../../../../src/core/client/networkErrors';
import { streamChat } from '../../../../src/core/client/streamChat';
import { collect, scriptedFetch } from '../../../helpers/streamHarness';

const request = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }] };
const identity = (s: string) => s;

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

function fetchFailure(code: string, message: string): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) });
}

describe('network errors', () => {
  it('connection refused, through the real fetch: no retry, says to start the server', async () => {
    const port = await closedPort();
    const events = await collect(
      streamChat({ baseUrl: `http://127.0.0.1:${port}/v1` }, request, { idleTimeoutMs: 5000 }),
    );
    assert.equal(events.length, 1);
    const e = events[0];
    assert.ok(e.type === 'error');
    assert.equal(e.kind, 'network');
    assert.equal(e.interrupted, false);
    assert.match(e.message, new RegExp(`127\\.0\\.0\\.1:${port}: connection refused\\. Is the server running`));
  });

  it('DNS failure (ENOTFOUND): no retry, says to check the host name', async () => {
    const fetch = scriptedFetch(fetchFailure('ENOTFOUND', 'getaddrinfo ENOTFOUND api.nowhere.invalid'));
    const events = await collect(
      streamChat({ baseUrl: 'https://api.nowhere.invalid/v1' }, request, { fetch, idleTimeoutMs: 0 }),
    );
    assert.equal(fetch.calls.length, 1);
    assert.equal(events.length, 1);
    assert.ok(events[0].type === 'error' && events[0].kind === 'network');
    assert.match(
      (events[0] as { message: string }).message,
      /Could not find the host api\.nowhere\.invalid \(DNS lookup failed\)/,
    );
  });

  it('finds the code along the cause chain and inside an AggregateError', () => {
    assert.equal(errorCode(fetchFailure('ECONNRESET', 'socket hang up')), 'ECONNRESET');
    const aggregate = new TypeError('fetch failed', {
      cause: Object.assign(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]), {}),
    });
    assert.equal(errorCode(aggregate), 'ECONNREFUSED');
    assert.equal(errorCode(new Error('plain')), undefined);
  });

  it('marks resets and temporary DNS failures retryable, refused and unknown hosts not', () => {
    const url = 'http://h.test:1/v1/chat/completions';
    assert.equal(describeNetworkError(fetchFailure('ECONNRESET', 'reset'), url, identity).retryable, true);
    assert.equal(describeNetworkError(fetchFailure('EAI_AGAIN', 'again'), url, identity).retryable, true);
    assert.equal(describeNetworkError(fetchFailure('ECONNREFUSED', 'refused'), url, identity).retryable, false);
    assert.equal(describeNetworkError(fetchFailure('ENOTFOUND', 'nf'), url, identity).retryable, false);
    const tls = describeNetworkError(fetchFailure('DEPTH_ZERO_SELF_SIGNED_CERT', 'self signed'), url, identity);
    assert.equal(tls.retryable, false);
    assert.match(tls.message, /certificate/);
  });
});
