import type { LookupAddress } from 'node:dns';
import { createServer as createHttpServer, Server as HttpServer } from 'node:http';
import { AddressInfo, createServer, Server, Socket } from 'node:net';
import { TargetRefusedError } from './webhook-target-guard';
import { DELIVERY_ERROR, describeFailure, WebhookTransport } from './webhook-transport';

/** Resolves every name to 127.0.0.1 and counts the calls. */
function loopbackResolver() {
  const calls: string[] = [];
  const resolve = async (hostname: string): Promise<LookupAddress[]> => {
    calls.push(hostname);
    return [{ address: '127.0.0.1', family: 4 }];
  };
  return { calls, resolve };
}

function listen<T extends Server | HttpServer>(server: T): Promise<number> {
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done((server.address() as AddressInfo).port)));
}

describe('WebhookTransport', () => {
  let receiver: HttpServer;
  let receiverPort: number;
  /** Accepts connections and never answers. */
  let silent: Server;
  let silentPort: number;
  const silentSockets: Socket[] = [];
  let connections = 0;

  beforeAll(async () => {
    receiver = createHttpServer((req, res) => {
      connections++;
      req.resume();
      req.on('end', () => res.writeHead(204).end());
    });
    receiverPort = await listen(receiver);
    silent = createServer((socket) => silentSockets.push(socket));
    silentPort = await listen(silent);
  });
  afterAll(async () => {
    receiver.closeAllConnections();
    await new Promise((done) => receiver.close(done));
    for (const socket of silentSockets) socket.destroy();
    await new Promise((done) => silent.close(done));
  });

  const post = (transport: WebhookTransport, url: string, timeoutMs = 5000) =>
    transport.post({ url, headers: { 'Content-Type': 'application/json' }, body: '{}', timeoutMs });

  it('resolves names through the injected resolver and answers with the HTTP status', async () => {
    const { calls, resolve } = loopbackResolver();
    await expect(post(new WebhookTransport(resolve, false), `http://receiver.test:${receiverPort}/hook`)).resolves.toBe(
      204,
    );
    expect(calls).toEqual(['receiver.test']);
  });

  it('refuses a name at connect time when its answer is not public, before any connection', async () => {
    const { calls, resolve } = loopbackResolver();
    const before = connections;
    const error = await post(new WebhookTransport(resolve, true), `http://rebind.test:${receiverPort}/hook`).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TargetRefusedError);
    expect(describeFailure(error)).toEqual({ error: DELIVERY_ERROR.refused, final: true });
    expect(calls).toEqual(['rebind.test']);
    expect(connections).toBe(before);
  });

  it('refuses a literal internal address without resolving', async () => {
    const { calls, resolve } = loopbackResolver();
    const error = await post(new WebhookTransport(resolve, true), `http://127.0.0.1:${receiverPort}/hook`).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TargetRefusedError);
    expect(calls).toEqual([]);
  });

  it('gives up after the timeout and calls it "timeout"', async () => {
    const { resolve } = loopbackResolver();
    const error = await post(new WebhookTransport(resolve, false), `http://127.0.0.1:${silentPort}/hook`, 200).catch(
      (e: unknown) => e,
    );
    expect(describeFailure(error)).toEqual({ error: DELIVERY_ERROR.timeout, final: false });
  });

  it('says only "connection error" for network and TLS failures', async () => {
    const { resolve } = loopbackResolver();
    const transport = new WebhookTransport(resolve, false);
    const tls = await post(transport, `https://127.0.0.1:${receiverPort}/hook`).catch((e: unknown) => e);
    const reset = await post(transport, `http://127.0.0.1:1/hook`).catch((e: unknown) => e);
    // Different failures underneath (a TLS error, a refused connection), one answer for the org.
    expect((tls as NodeJS.ErrnoException).code).not.toEqual((reset as NodeJS.ErrnoException).code);
    for (const error of [tls, reset]) {
      expect(describeFailure(error)).toEqual({ error: DELIVERY_ERROR.connection, final: false });
    }
  });
});
