// Listens: serves the API instance over HTTP on config.host:config.port and closes cleanly on SIGINT and
// SIGTERM (the store is closed last, so Kùzu's write lock is released).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Api } from './yoga.ts';

export async function listen(api: Api, host: string, port: number): Promise<{ server: Server; url: string }> {
  const server = createServer(api);
  server.requestTimeout = 60_000;
  server.headersTimeout = 15_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const shown = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return { server, url: `http://${shown}:${addr.port}` };
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
