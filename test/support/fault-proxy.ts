import { connect, createServer, Server, Socket } from 'node:net';

/** forward: a healthy link; refuse: the server is down (connections refused, open ones cut);
 * blackhole: connections are accepted but nothing gets through, either way (a hung server or a
 * network that drops packets). */
export type FaultMode = 'forward' | 'refuse' | 'blackhole';

/**
 * A real TCP proxy in front of a server (PostgreSQL, Redis) that a test switches between a healthy
 * link and the two kinds of outage. Its port stays the same across modes, as a server's would.
 */
export class FaultProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private mode: FaultMode = 'forward';
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<void> {
    await this.listen();
  }

  async set(mode: FaultMode): Promise<void> {
    if (mode === this.mode) return;
    const previous = this.mode;
    this.mode = mode;
    if (mode === 'refuse') {
      // The server went away: open connections are reset and new ones refused.
      for (const socket of this.sockets) socket.destroy();
      this.sockets.clear();
      await this.close();
    } else if (previous === 'refuse') {
      await this.listen();
    }
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await this.close();
  }

  private listen(): Promise<void> {
    const server = createServer((client) => this.relay(client));
    return new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        this.port = (server.address() as { port: number }).port;
        this.server = server;
        resolve();
      });
    });
  }

  private close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    return server ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
  }

  /** Copies bytes both ways while forwarding; drops them (silently, nothing is closed) otherwise. */
  private relay(client: Socket): void {
    const upstream = connect(this.targetPort, this.targetHost);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.on('data', (chunk) => this.mode === 'forward' && upstream.write(chunk));
    upstream.on('data', (chunk) => this.mode === 'forward' && client.write(chunk));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }
}
