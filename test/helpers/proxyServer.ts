/**
 * A forward HTTP proxy on 127.0.0.1 for tests: it tunnels `CONNECT host:port` and forwards
 * absolute-form requests (`GET http://host/…`), recording each. Host names can be mapped to local
 * ports, so a test can use a name that only the proxy can reach: a request that arrives proves it
 * went through the proxy.
 */
import * as http from 'node:http';
import * as net from 'node:net';

/** A request the proxy handled. */
export interface ProxiedRequest {
  /** `CONNECT` for a tunnel, else the forwarded request's method. */
  method: string;
  /** `host:port` of a tunnel, or the absolute URL forwarded. */
  target: string;
}

export class ProxyServer {
  readonly requests: ProxiedRequest[] = [];
  readonly url: string;
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly server: http.Server,
    /** `host:port` → the local port it really is. */
    private readonly routes: Map<string, number>,
  ) {
    this.url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  }

  /** Starts the proxy; `routes` maps `host:port` names to local ports. */
  static async start(routes: Record<string, number> = {}): Promise<ProxyServer> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new ProxyServer(server, new Map(Object.entries(routes)));
    server.on('connection', (s) => {
      proxy.sockets.add(s);
      s.on('close', () => proxy.sockets.delete(s));
    });
    server.on('connect', (req, client, head) => proxy.tunnel(req, client as net.Socket, head));
    server.on('request', (req, res) => proxy.forward(req, res));
    return proxy;
  }

  /** Where a `host:port` really goes. */
  private resolve(hostPort: string): { host: string; port: number } {
    const mapped = this.routes.get(hostPort);
    if (mapped) return { host: '127.0.0.1', port: mapped };
    const i = hostPort.lastIndexOf(':');
    return { host: hostPort.slice(0, i), port: Number(hostPort.slice(i + 1)) };
  }

  private tunnel(req: http.IncomingMessage, client: net.Socket, head: Buffer): void {
    const target = req.url ?? '';
    this.requests.push({ method: 'CONNECT', target });
    const { host, port } = this.resolve(target);
    const upstream = net.connect(port, host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    const close = () => {
      upstream.destroy();
      client.destroy();
    };
    upstream.on('error', () => {
      client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      close();
    });
    client.on('error', close);
    this.sockets.add(upstream);
    upstream.on('close', () => this.sockets.delete(upstream));
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/');
    this.requests.push({ method: req.method ?? 'GET', target: url.toString() });
    const { host, port } = this.resolve(`${url.hostname}:${url.port || 80}`);
    const upstream = http.request(
      { host, port, method: req.method, path: url.pathname + url.search, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  }

  /**
   * Ends every open connection. A client keeps a tunnel open and sends later requests through it
   * without a new `CONNECT`, so a test that counts requests starts with none open.
   */
  dropConnections(): void {
    for (const s of this.sockets) s.destroy();
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      for (const s of this.sockets) s.destroy();
    });
  }
}
