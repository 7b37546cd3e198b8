// Test support: a TCP relay between a store and the Postgres cluster, standing for the network in
// between. It can refuse connections (the database not reachable yet) and can go silent on chosen
// connections (a NAT, firewall or load balancer that dropped them without telling either end: the
// sockets stay open, no byte gets through, no error is seen).
import { connect, createServer, type Socket } from 'node:net';

export interface TcpRelay {
  /** The port to connect to instead of the cluster's. */
  port: number;
  /** Whether new connections reach the cluster; refused (closed at once) while false. */
  reachable: boolean;
  /** While true, new connections are accepted and then hear nothing (a host that drops every packet). */
  silent: boolean;
  /** Drops, silently, every byte of each open connection whose client sent `text`; returns how many. */
  silence(text: string): number;
  /** How many connections are open through the relay. */
  openConnections(): number;
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  server: Socket;
  /** What the client sent so far (the protocol's query texts are plain). */
  sent: string;
}

export async function createTcpRelay(targetPort: number, reachable = true): Promise<TcpRelay> {
  const pairs = new Set<Pair>();
  const relay: TcpRelay = {
    port: 0,
    reachable,
    silent: false,
    silence(text) {
      let count = 0;
      for (const pair of pairs) {
        if (!pair.sent.includes(text)) continue;
        count += 1;
        pair.client.unpipe(pair.server);
        pair.server.unpipe(pair.client);
        // Read and drop, a closing peer included: neither end hears of the other any more.
        pair.client.removeAllListeners('data');
        pair.client.on('data', () => undefined).resume();
        pair.server.on('data', () => undefined).resume();
      }
      return count;
    },
    openConnections: () => pairs.size,
    async close() {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.server.destroy();
      }
      await new Promise((resolve) => server.close(resolve));
    },
  };
  // Half-open allowed: a silenced connection must not answer its client's FIN with one of its own.
  const server = createServer({ allowHalfOpen: true }, (client) => {
    if (!relay.reachable) {
      client.destroy();
      return;
    }
    const upstream = connect({ port: targetPort, host: '127.0.0.1', allowHalfOpen: true });
    const pair: Pair = { client, server: upstream, sent: '' };
    pairs.add(pair);
    const end = (): void => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    if (relay.silent) {
      // Open on both sides, and not one byte through: the client waits for an answer that never comes.
      client.on('data', () => undefined).resume();
      upstream.on('data', () => undefined).resume();
      return;
    }
    client.on('data', (chunk: Buffer) => {
      pair.sent += chunk.toString('latin1');
    });
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  relay.port = typeof address === 'object' && address ? address.port : 0;
  return relay;
}
