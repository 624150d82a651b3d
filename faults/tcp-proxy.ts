/**
 * A TCP proxy on loopback between the browser and the sync server(s), the
 * network the fault suite breaks: cut (refuse and reset every connection),
 * slow (hold each chunk back), drop connections in the middle of an answer,
 * and balance across several servers (skipping one that refuses). It knows
 * nothing of HTTP: a dropped answer is cut after some of its bytes passed.
 */
import { connect, createServer, type Server, type Socket } from "node:net";

export type ProxyMode =
  | { kind: "pass" }
  | { kind: "cut" }
  | { kind: "slow"; delayMs: number }
  /** Each answer chunk going back to the browser may end the connection (probability 0-1). */
  | { kind: "drop-mid-response"; probability: number };

export interface Upstream {
  port: number;
}

export class TcpProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private mode: ProxyMode = { kind: "pass" };
  private nextUpstream = 0;
  /** Connections dropped by a fault, for the report. */
  droppedConnections = 0;

  constructor(
    readonly port: number,
    private upstreams: Upstream[],
    private readonly random: () => number = Math.random,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.server = server;
  }

  /** Changes what happens to traffic; a cut also resets every open connection. */
  setMode(mode: ProxyMode): void {
    this.mode = mode;
    if (mode.kind === "cut") this.resetAll();
  }

  setUpstreams(upstreams: Upstream[]): void {
    this.upstreams = upstreams;
  }

  /** Resets every open connection (as a router reboot would). */
  resetAll(): void {
    for (const socket of this.sockets) socket.resetAndDestroy();
  }

  async stop(): Promise<void> {
    this.resetAll();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  private accept(client: Socket): void {
    this.track(client);
    if (this.mode.kind === "cut") {
      client.resetAndDestroy();
      return;
    }
    this.connectUpstream(client, 0);
  }

  /** Round robin; a server that refuses the connection is skipped for the next one. */
  private connectUpstream(client: Socket, tried: number): void {
    if (tried >= this.upstreams.length) {
      client.resetAndDestroy();
      return;
    }
    const upstream = this.upstreams[this.nextUpstream++ % this.upstreams.length];
    const server = connect({ host: "127.0.0.1", port: upstream.port });
    this.track(server);
    let connected = false;
    server.once("connect", () => {
      connected = true;
      this.pipe(client, server, false);
      this.pipe(server, client, true);
    });
    server.once("error", () => {
      if (!connected && !client.destroyed) this.connectUpstream(client, tried + 1);
      else client.resetAndDestroy();
    });
    client.once("error", () => server.resetAndDestroy());
    client.once("close", () => server.destroy());
    server.once("close", () => connected && client.destroy());
  }

  /** Copies one direction; a slow mode queues chunks so order and the final end are kept. */
  private pipe(from: Socket, to: Socket, isAnswer: boolean): void {
    let queue = Promise.resolve();
    from.on("data", (chunk: Buffer) => {
      const mode = this.mode;
      if (mode.kind === "cut") {
        from.resetAndDestroy();
        to.resetAndDestroy();
        return;
      }
      if (isAnswer && mode.kind === "drop-mid-response" && this.random() < mode.probability) {
        // Half of the chunk reaches the browser, then the connection is reset.
        if (!to.destroyed) to.write(chunk.subarray(0, Math.floor(chunk.length / 2)));
        this.droppedConnections += 1;
        from.resetAndDestroy();
        setTimeout(() => to.resetAndDestroy(), 20);
        return;
      }
      const delayMs = mode.kind === "slow" ? mode.delayMs : 0;
      queue = queue.then(async () => {
        if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
        if (!to.destroyed) to.write(chunk);
      });
    });
    from.once("end", () => void queue.then(() => to.end()));
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.once("close", () => this.sockets.delete(socket));
    socket.on("error", () => undefined);
  }
}
