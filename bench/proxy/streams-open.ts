// An update while the user's own event streams are open on the same instance (a benchmark, not a test):
//   node --conditions=source --import tsx bench/proxy/streams-open.ts   (BENCH_STREAMS=<n> streams, default 1;
//                                                                         BENCH_REQUESTS=<n>, default 3000)
// PATCH /customer through createNodeListener + createOnboardingHandler (SQLite store, default logger to
// /dev/null) with an upstream that answers at once from memory, one request at a time, while the user has
// BENCH_STREAMS event streams open on that instance, as the browser that submits usually has: p50 of the
// PATCH as the browser sees it and the server process's CPU per request. It also checks that every stream
// got every update's event. bench:proxy opens no stream, so it does not measure this.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createNodeListener, createOnboardingHandler, createSqliteStore } from '@kyc-kit/proxy';
import { Pool, request } from 'undici';
import { benchCustomer, memoryUpstream } from './benchCustomer';
import { cpuMicrosOf, reportToParent, startChild } from './children';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const WARMUP = 500;
const STREAMS = Math.max(1, Number(process.env.BENCH_STREAMS ?? 1));

const customer = benchCustomer;

if (process.env.BENCH_ROLE === 'server') {
  const store = createSqliteStore();
  await store.linkCustomer('bench', customer.id);
  let updates = 0;
  // Each update answers a customer that differs from the last one, as the provider's does (its updatedAt).
  const upstream = memoryUpstream({
    getCustomer: async () => customer,
    updateCustomer: async () =>
      Object.freeze({ ...customer, profile: Object.freeze({ firstName: `Bench ${(updates += 1)}` }) }),
  });
  const handler = createOnboardingHandler({
    upstream,
    store,
    webhookSecret: 'whsec_bench',
    watch: false,
    heartbeatMs: 600_000,
    rateLimit: { perUser: { limit: 1e9, windowMs: 60_000 } },
    resolveUser: (incoming) => (incoming.headers.get('cookie') === 'session=bench' ? { id: 'bench' } : null),
  });
  const server = createServer(createNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  reportToParent((server.address() as AddressInfo).port);
} else {
  // The default logger's lines (standard output) go to /dev/null.
  const { child, ready: port } = await startChild<number>(fileURLToPath(import.meta.url), {
    role: 'server',
    quiet: true,
  });
  const cpu = () => cpuMicrosOf(child);
  const origin = `http://127.0.0.1:${port}`;
  const received = Array.from({ length: STREAMS }, () => 0);
  for (let index = 0; index < STREAMS; index += 1) {
    const stream = await request(`${origin}/api/onboarding/events`, { headers: { cookie: 'session=bench' } });
    if (stream.statusCode !== 200) throw new Error(`events: ${stream.statusCode}`);
    stream.body.on('data', (chunk: Buffer) => {
      received[index] = (received[index] ?? 0) + chunk.toString('utf8').split('event: customer\n').length - 1;
    });
  }
  const pool = new Pool(origin, { connections: 1 });
  const once = async (): Promise<void> => {
    const answer = await pool.request({
      path: '/api/onboarding/customer',
      method: 'PATCH',
      headers: { cookie: 'session=bench', 'content-type': 'application/json', 'x-kyc-kit': '1' },
      body: '{"fields":{"firstName":"Bench"}}',
    });
    await answer.body.text();
    if (answer.statusCode !== 200) throw new Error(`PATCH: ${answer.statusCode}`);
  };
  for (let index = 0; index < WARMUP; index += 1) await once();
  const latencies: number[] = [];
  const before = await cpu();
  for (let index = 0; index < REQUESTS; index += 1) {
    const at = performance.now();
    await once();
    latencies.push(performance.now() - at);
  }
  const micros = ((await cpu()) - before) / REQUESTS;
  latencies.sort((a, b) => a - b);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const expected = WARMUP + REQUESTS;
  process.stdout.write(
    `PATCH /customer, ${STREAMS} stream(s) of the user open: p50 ${((latencies[latencies.length >> 1] ?? 0) * 1000).toFixed(0)} us, server CPU ${micros.toFixed(0)} us per request; events per stream ${received.join(', ')} (expected ${expected})\n`,
  );
  await pool.close();
  child.disconnect();
  process.exit(received.every((count) => count === expected) ? 0 : 1);
}
