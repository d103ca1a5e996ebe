/**
 * Runs the demo endpoint: `node out/test/helpers/demoServer.js [--port N]`. Prints one line,
 * `Rill demo endpoint: URL`, then serves until interrupted.
 */
import { MockServer } from './mockServer';

async function main(): Promise<void> {
  const i = process.argv.indexOf('--port');
  const port = i >= 0 ? Number(process.argv[i + 1]) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('usage: demoServer [--port N]  (N between 0 and 65535; 0 picks a free port)');
    process.exit(2);
  }
  const server = await MockServer.start({ port, demo: true });
  console.log(`Rill demo endpoint: ${server.baseUrl}`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(`Could not start the demo endpoint: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
