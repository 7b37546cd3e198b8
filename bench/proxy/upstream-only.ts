// The proxy's provider client alone (a benchmark, not a test):
//   node --conditions=source --import tsx bench/proxy/upstream-only.ts      (BENCH_REQUESTS=<n>, default 3000)
// One customer read at a time from the sandbox (in a child process), by this process: with the proxy's own
// Coinbase client (createCoinbaseUpstream: a CDP JWT per call, undici's pool, the answer validated and
// normalized), and with a bare undici request carrying a token signed beforehand (the provider takes each
// token once, so a round signs one per read before its CPU time starts), its body read as text. The
// figure is this process's CPU time per read, the two clients taking turns in two rounds.
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import { createCdpJwt, createCoinbaseUpstream, parseCdpSigningKey } from '@kyc-kit/proxy';
import { createSandbox } from '@kyc-kit/sandbox';
import { Agent, request } from 'undici';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);

if (process.env.BENCH_ROLE === 'sandbox') {
  const sandbox = createSandbox({ verifyMs: 0, manual: true });
  const server = createServer(getRequestListener((incoming) => sandbox.fetch(incoming)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.send?.({
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    credentials: sandbox.credentials.coinbase,
    ed25519: sandbox.credentials.coinbaseEd25519,
  });
  process.on('disconnect', () => process.exit(0));
} else {
  const child = fork(fileURLToPath(import.meta.url), {
    execArgv: process.execArgv,
    env: { ...process.env, BENCH_ROLE: 'sandbox' },
  });
  const { origin, credentials, ed25519 } = await new Promise<{
    origin: string;
    credentials: { apiKeyId: string; apiKeySecret: string };
    ed25519: { apiKeyId: string; apiKeySecret: string };
  }>((resolve) => child.once('message', (message) => resolve(message as never)));
  const upstream = createCoinbaseUpstream({ baseUrl: `${origin}/platform`, ...credentials });
  const created = await upstream.createCustomer(
    { type: 'individual', individual: { firstName: 'Bench', lastName: 'Mark' } },
    { idempotencyKey: '6c3f1a52-3c2d-4b8e-9a57-0d7e1c2b3a41', requesterIpAddress: '203.0.113.7' },
  );
  const upstreamEd25519 = createCoinbaseUpstream({ baseUrl: `${origin}/platform`, ...ed25519 });
  const url = new URL(`${origin}/platform/v2/customers/${created.id}`);
  const signingKey = parseCdpSigningKey(credentials);
  const tokens: string[] = [];
  /** Signs the tokens of the next `count` bare reads, outside the measured time. */
  const signAhead = async (count: number): Promise<void> => {
    for (let index = 0; index < count; index += 1)
      tokens.push(await createCdpJwt(signingKey, { method: 'GET', url }));
  };
  const agent = new Agent({ connections: 64 });
  const clients = {
    'proxy client, EC key (ES256)': async () => {
      await upstream.getCustomer(created.id);
    },
    'proxy client, Ed25519 key (EdDSA)': async () => {
      await upstreamEd25519.getCustomer(created.id);
    },
    'bare undici request, token signed beforehand': async () => {
      const answer = await request(url, {
        headers: { authorization: `Bearer ${tokens.pop() ?? ''}`, accept: 'application/json' },
        dispatcher: agent,
      });
      await answer.body.text();
    },
  };
  process.stdout.write(`customer reads, ${REQUESTS} one at a time, CPU of this process\n\n`);
  for (const round of [1, 2]) {
    for (const [name, once] of Object.entries(clients)) {
      await signAhead(300 + REQUESTS);
      for (let index = 0; index < 300; index += 1) await once();
      const before = process.cpuUsage();
      for (let index = 0; index < REQUESTS; index += 1) await once();
      const used = process.cpuUsage(before);
      const micros = (used.user + used.system) / REQUESTS;
      process.stdout.write(`round ${round}  ${name.padEnd(44)} ${micros.toFixed(0).padStart(5)} us\n`);
      tokens.length = 0;
    }
  }
  await agent.close();
  child.disconnect();
}
