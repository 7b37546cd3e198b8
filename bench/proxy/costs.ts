// What the proxy's per-request work costs, piece by piece, in CPU microseconds (a benchmark, not a test):
//   node --conditions=source --import tsx bench/proxy/costs.ts      (BENCH_ITERATIONS=<n>, default 5000)
// Each piece runs in a loop of its own, in this process, on the same code the handler calls: CPU time
// (process.cpuUsage) rather than wall time, so that other jobs on a shared machine matter less. The
// README's overhead section lists the figures next to the bench:proxy table they explain.
import { coinbaseAdapter } from '../../packages/core/src/server';
import { createCdpJwt, createCoinbaseUpstream, createSqliteStore, parseCdpSigningKey } from '@kyc-kit/proxy';
import { createSandbox } from '@kyc-kit/sandbox';
import { sign } from 'node:crypto';
import { openSync, write } from 'node:fs';
import { pino } from 'pino';
import { createCustomerReader } from '../../packages/proxy/src/createCustomerReader';
import { createProxyLogger } from '../../packages/proxy/src/createProxyLogger';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 5000);

async function cost(name: string, piece: () => unknown): Promise<void> {
  for (let index = 0; index < Math.min(500, ITERATIONS); index += 1) await piece();
  const before = process.cpuUsage();
  for (let index = 0; index < ITERATIONS; index += 1) await piece();
  const used = process.cpuUsage(before);
  const micros = (used.user + used.system) / ITERATIONS;
  process.stdout.write(`${name.padEnd(66)} ${micros.toFixed(1).padStart(7)} us\n`);
}

// A real Coinbase customer as the sandbox answers it, read through the proxy's own client.
const sandbox = createSandbox({ verifyMs: 0, manual: true });
let answerText = '';
const upstream = createCoinbaseUpstream({
  baseUrl: 'http://sandbox.test/platform',
  ...sandbox.credentials.coinbase,
  fetch: async (request) => {
    const response = await sandbox.fetch(request);
    answerText = await response.clone().text();
    return response;
  },
});
const created = await upstream.createCustomer(
  { type: 'individual', individual: { firstName: 'Bench', lastName: 'Mark' } },
  { idempotencyKey: '6c3f1a52-3c2d-4b8e-9a57-0d7e1c2b3a41', requesterIpAddress: '203.0.113.7' },
);
await upstream.getCustomer(created.id);
const signingKey = parseCdpSigningKey(sandbox.credentials.coinbase);
const ed25519Key = parseCdpSigningKey(sandbox.credentials.coinbaseEd25519);
const reader = createCustomerReader(coinbaseAdapter);
const url = new URL(`https://api.cdp.coinbase.com/platform/v2/customers/${created.id}`);
const syncLogger = createProxyLogger(
  pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: true })),
);
const store = createSqliteStore();
await store.linkCustomer('bench', created.id);
const customer = coinbaseAdapter.parseCustomer(JSON.parse(answerText));

process.stdout.write(
  `per-request pieces, CPU per call (${ITERATIONS} calls each, ${answerText.length} B customer)\n\n`,
);
await cost(`CDP JWT (${signingKey.algorithm}, node:crypto, key parsed once)`, () =>
  createCdpJwt(signingKey, { method: 'GET', url }),
);
await cost(`CDP JWT (${ed25519Key.algorithm}, the sandbox's Ed25519 key)`, () =>
  createCdpJwt(ed25519Key, { method: 'GET', url }),
);
// The signature alone, and crypto.sign's callback form (libuv's thread pool), one call at a time: what an
// asynchronous signature would cost the process (its wall time per call is printed beside).
const token = await createCdpJwt(ed25519Key, { method: 'GET', url });
const signingInput = Buffer.from(token.slice(0, token.lastIndexOf('.')));
await cost('  Ed25519 signature alone (crypto.sign, synchronous)', () =>
  sign(null, signingInput, ed25519Key.key),
);
const wallBefore = performance.now();
await cost(
  '  the same, crypto.sign with a callback (thread pool)',
  () =>
    new Promise((resolve, reject) =>
      sign(null, signingInput, ed25519Key.key, (error, signature) =>
        error ? reject(error) : resolve(signature),
      ),
    ),
);
process.stdout.write(
  `${'    its wall time per call, one at a time'.padEnd(66)} ${(((performance.now() - wallBefore) * 1000) / (ITERATIONS + Math.min(500, ITERATIONS))).toFixed(1).padStart(7)} us\n`,
);
await cost('provider answer: JSON.parse + zod + normalize (core)', () =>
  coinbaseAdapter.parseCustomer(JSON.parse(answerText)),
);
await cost('  the same answer again, read by the client (memo of last answer)', () =>
  reader.read(answerText, created.id),
);
await cost('answer to the browser: JSON.stringify of { customer }', () => JSON.stringify({ customer }));
await cost('request log line: pino formatting and a synchronous write', () =>
  syncLogger.info(
    { method: 'GET', route: '/api/onboarding/customer', status: 200, durationMs: 1 },
    'request',
  ),
);
// pino's default destination writes asynchronously: a line written alone (one request at a time, as in
// bench:proxy at concurrency 1) is one fs.write through libuv's thread pool.
const devNull = openSync('/dev/null', 'w');
const line = `${JSON.stringify({ level: 30, time: Date.now(), msg: 'request', status: 200 })}\n`;
await cost(
  '  + one asynchronous fs.write of that line (a line written alone)',
  () => new Promise((resolve) => write(devNull, line, resolve)),
);
await cost('SQLite: user -> customer link', () => store.getCustomerId('bench'));
await cost('SQLite: stream event of an update (one transaction)', () =>
  store.appendEvents({ events: [{ userId: 'bench', type: 'customer', customer }], now: Date.now() }),
);
await store.close();
await sandbox.close();
