/**
 * The shared setup of the command-line tests that need a test server and a scratch folder: both
 * started before the suite, the server's queue reset before each test, both gone after it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { assertCliBuilt } from './cliRunner';
import { MockServer } from './mockServer';

/** Filled in by the suite's `before` hook. */
export interface CliFixture {
  server: MockServer;
  dir: string;
}

/** Registers the hooks in the calling `describe`; read the fields inside tests. */
export function useCliServer(prefix: string): CliFixture {
  const fixture = {} as CliFixture;
  before(async () => {
    assertCliBuilt();
    fixture.server = await MockServer.start();
    fixture.dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  after(async () => {
    await fixture.server?.close();
    if (fixture.dir) fs.rmSync(fixture.dir, { recursive: true, force: true });
  });
  beforeEach(() => fixture.server.reset());
  return fixture;
}
