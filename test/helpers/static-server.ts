/** A tiny HTTP server on 127.0.0.1 serving files held in memory, for pages under test. */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One served file. */
export interface StaticFile {
  body: string | Uint8Array;
  type: string;
}

/** A running server: its origin, the paths it has served, and how to stop it. */
export interface StaticServer {
  origin: string;
  files: Map<string, StaticFile>;
  /** Every path requested, in order (also ones that were not found). */
  requested: string[];
  close(): Promise<void>;
}

/** Serves `files` (path → file) on a free port of 127.0.0.1. Paths not in the map get 404. */
export async function serveStatic(files: Map<string, StaticFile>): Promise<StaticServer> {
  const requested: string[] = [];
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requested.push(path);
    const file = files.get(path);
    if (!file || req.method !== 'GET') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    files,
    requested,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
