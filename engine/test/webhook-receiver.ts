/**
 * A real HTTP server in the test process that receives webhooks: it keeps each delivery's headers and raw
 * body, and answers with the status `answer` gives (200 unless told); when `answer` gives undefined, the
 * request is left without an answer (a receiver that hangs).
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  headers: IncomingHttpHeaders;
  raw: string;
  // biome-ignore lint/suspicious/noExplicitAny: bodies are asserted field by field in tests.
  body: any;
  /** The status answered; undefined while left hanging. */
  status?: number;
}

export interface Receiver {
  url: string;
  port: number;
  deliveries: Delivery[];
  close(): Promise<void>;
}

export async function startReceiver(
  answer: (delivery: Delivery) => number | undefined = () => 200,
): Promise<Receiver> {
  const deliveries: Delivery[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const delivery: Delivery = { headers: req.headers, raw, body: JSON.parse(raw) };
      deliveries.push(delivery);
      const status = answer(delivery);
      if (status === undefined) return;
      delivery.status = status;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : `failed ${status}`);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    port,
    deliveries,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
