// The proxy's overhead, side by side (a benchmark, not a test): GET and update of one customer
// (a) straight to the sandbox, (b) through a bare pass-through hop (undici forwarding, no kyc-kit
// code) and (c) through @kyc-kit/proxy, at concurrency 1 and 10, on loopback only.
//   pnpm run bench:proxy            (BENCH_REQUESTS=<n> per phase, default 1000; BENCH_ROUNDS=<n>, default 5;
//                                    BENCH_CDP_KEY=es256: the proxy signs with an EC key (ES256), not Ed25519;
//                                    BENCH_PROXY_BEFORE=<another checkout>: its proxy too, as "proxy before";
//                                    BENCH_ONLY=GET1|GET10|update1|update10: that phase alone)
// By default the proxy signs with an Ed25519 key (EdDSA): the algorithm the CDP portal picks for a new
// secret API key ("Ed25519 (default, recommended)"), so what a partner going live gets. ES256 keys (the
// older ECDSA choice, and the sandbox's default key) are supported as well; BENCH_CDP_KEY=es256 measures them.
// The sandbox, the bare hop and the proxy each run in their own child process and the load generator in
// this one, so that no server shares an event loop with the client or with the sandbox behind it (in one
// process a hop's cost hid in the idle time of the others, and the proxy's CPU work queued behind the
// sandbox's). BENCH_CPU_PROF=<folder> writes CPU profiles of the proxy's and the hop's processes there
// (<folder>/proxy, <folder>/hop).
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import {
  createCdpJwt,
  createCoinbaseUpstream,
  createNodeListener,
  createOnboardingHandler,
  createSqliteStore,
  parseCdpSigningKey,
} from '@kyc-kit/proxy';
import { createSandbox } from '@kyc-kit/sandbox';
import { Agent, Pool, request as undiciRequest } from 'undici';
import { cpuMicrosOf, reportToParent, startChild, stopChild } from './children';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const WARMUP = Math.min(200, REQUESTS);
/** Each phase's requests are sent in this many rounds, the three targets taking turns. */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
/** No round of a phase runs longer than this, whatever BENCH_REQUESTS says. */
const PHASE_LIMIT_MS = 15_000;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The sandbox's CDP API key, as `createCoinbaseUpstream` and `parseCdpSigningKey` take it. */
interface Credentials {
  apiKeyId: string;
  apiKeySecret: string;
}

/** What a child process reports once it listens. */
interface Ready {
  origin: string;
  credentials?: Credentials;
  customerId?: string;
  updateBody?: string;
  idempotencyHeader?: string;
}

const role = process.env.BENCH_ROLE;
const sandboxOriginFromParent = process.env.BENCH_SANDBOX ?? '';
const credentialsFromParent = JSON.parse(process.env.BENCH_CREDENTIALS ?? 'null') as Credentials | null;

const report = (ready: Ready): void => reportToParent(ready);

if (role === 'sandbox') {
  const sandbox = createSandbox({ verifyMs: 0, manual: true });
  const server = createServer(getRequestListener((request) => sandbox.fetch(request)));
  // The sandbox's Ed25519 key (EdDSA), what the CDP portal issues by default; BENCH_CDP_KEY=es256 takes its
  // EC key (ES256, the sandbox's own default).
  const keyChoice = (process.env.BENCH_CDP_KEY ?? 'ed25519').toLowerCase();
  if (keyChoice !== 'ed25519' && keyChoice !== 'es256')
    throw new Error(`BENCH_CDP_KEY: expected ed25519 or es256, not ${keyChoice}`);
  const credentials =
    keyChoice === 'es256' ? sandbox.credentials.coinbase : sandbox.credentials.coinbaseEd25519;
  report({ origin: await listen(server), credentials });
} else if (role === 'hop') {
  // (b) The bare hop: forwards method, path, headers and body with undici, and pipes the answer back, on the
  // same kind of keep-alive pool the proxy's transport uses.
  const hopAgent = new Agent({ connections: 64 });
  const server = createServer((incoming, outgoing) => {
    const headers = { ...incoming.headers };
    delete headers.host;
    delete headers.connection;
    undiciRequest(`${sandboxOriginFromParent}${incoming.url ?? '/'}`, {
      method: (incoming.method ?? 'GET') as 'GET',
      headers,
      body: incoming.method === 'GET' || incoming.method === 'HEAD' ? null : incoming,
      dispatcher: hopAgent,
    }).then(
      (answer) => {
        const forwarded = { ...answer.headers };
        delete forwarded.connection;
        delete forwarded['keep-alive'];
        delete forwarded['transfer-encoding'];
        outgoing.writeHead(answer.statusCode, forwarded);
        answer.body.pipe(outgoing);
      },
      () => {
        outgoing.writeHead(502).end();
      },
    );
  });
  report({ origin: await listen(server) });
} else if (role === 'proxy') {
  // (c) The proxy, as a partner mounts it: default transport, a logger writing every request line (to
  // /dev/null). A set-up twin on the same store, with a fetch that records the first update, gives the direct
  // and hop requests the very body the proxy sends upstream.
  if (!credentialsFromParent) throw new Error('the proxy needs the sandbox credentials');
  const store = createSqliteStore();
  let captured: { headers: Headers; body: string } | undefined;
  const handlerOptions = {
    webhookSecret: 'whsec_bench',
    resolveUser: (request: Request) =>
      request.headers.get('cookie') === 'session=bench' ? { id: 'bench' } : null,
    // No logger: the proxy's own, as a partner gets it by default (standard output, buffered), every line
    // written; this process's standard output is /dev/null (see start()).
    rateLimit: { perUser: { limit: 1e9, windowMs: 60_000 } },
    watch: false as const,
    store,
  };
  const setUpHandler = createOnboardingHandler({
    ...handlerOptions,
    upstream: createCoinbaseUpstream({
      baseUrl: `${sandboxOriginFromParent}/platform`,
      ...credentialsFromParent,
      fetch: async (request) => {
        if (request.method === 'PUT' && !captured)
          captured = { headers: new Headers(request.headers), body: await request.clone().text() };
        return globalThis.fetch(request);
      },
    }),
  });
  const handler = createOnboardingHandler({
    ...handlerOptions,
    upstream: createCoinbaseUpstream({
      baseUrl: `${sandboxOriginFromParent}/platform`,
      ...credentialsFromParent,
    }),
  });
  const setUpOrigin = await listen(createServer(createNodeListener(setUpHandler)));
  const proxyOrigin = await listen(createServer(createNodeListener(handler)));
  const browser = { cookie: 'session=bench', 'content-type': 'application/json', 'x-kyc-kit': '1' };
  const created = await globalThis.fetch(`${setUpOrigin}/api/onboarding/customer`, {
    method: 'POST',
    headers: browser,
    body: JSON.stringify({ capabilities: ['custodyFiat'], fields: { firstName: 'Bench', lastName: 'Mark' } }),
  });
  const customerId = ((await created.json()) as { customer: { id: string } }).customer.id;
  const firstUpdate = await globalThis.fetch(`${setUpOrigin}/api/onboarding/customer`, {
    method: 'PATCH',
    headers: browser,
    body: JSON.stringify({ fields: { firstName: 'Bench' } }),
  });
  if (firstUpdate.status !== 200 || !captured) throw new Error(`bench set-up failed: ${firstUpdate.status}`);
  report({
    origin: proxyOrigin,
    customerId,
    updateBody: captured.body,
    idempotencyHeader: [...captured.headers.keys()].find((name) => name.includes('idempotency')) ?? '',
  });
} else {
  await main();
}

async function start(
  name: 'sandbox' | 'hop' | 'proxy',
  env: Record<string, string> = {},
  script = fileURLToPath(import.meta.url),
): Promise<{ child: ChildProcess; ready: Ready }> {
  // The proxy's and the hop's processes are profiled, each into its own sub-folder.
  const profile =
    name !== 'sandbox' && script === fileURLToPath(import.meta.url) && process.env.BENCH_CPU_PROF;
  return startChild<Ready>(script, {
    role: name,
    env,
    // The proxy's log lines (its default logger writes to standard output) go to /dev/null.
    quiet: name === 'proxy',
    profileDir: profile && `${profile}/${name}`,
  });
}

async function main(): Promise<void> {
  const sandbox = await start('sandbox');
  const sandboxOrigin = sandbox.ready.origin;
  const credentials = sandbox.ready.credentials;
  if (!credentials) throw new Error('the sandbox sent no credentials');
  const env = { BENCH_SANDBOX: sandboxOrigin, BENCH_CREDENTIALS: JSON.stringify(credentials) };
  const hop = await start('hop', env);
  const proxy = await start('proxy', env);
  // BENCH_PROXY_BEFORE=<another checkout>: that checkout's proxy as a fourth target, "proxy before", in the same
  // interleaved rounds: a before/after comparison that one burst of load cannot tilt.
  const beforeCheckout = process.env.BENCH_PROXY_BEFORE;
  const proxyBefore = beforeCheckout
    ? await start('proxy', env, `${beforeCheckout.replace(/\/+$/, '')}/bench/proxy/run.ts`)
    : undefined;
  const hopOrigin = hop.ready.origin;
  const proxyOrigin = proxy.ready.origin;
  const { customerId = '', updateBody = '', idempotencyHeader = '' } = proxy.ready;
  const browser = { cookie: 'session=bench', 'content-type': 'application/json', 'x-kyc-kit': '1' };

  // The direct and hop requests carry a CDP JWT of their own, as the provider wants (a nonce is good for one
  // request); it is signed before the request's time starts, so latencies compare like for like with the proxy's.
  const signingKey = parseCdpSigningKey(credentials);
  const customerPath = `/platform/v2/customers/${encodeURIComponent(customerId)}`;
  async function providerHeaders(method: string): Promise<Record<string, string>> {
    const url = new URL(`${sandboxOrigin}${customerPath}`);
    return {
      authorization: `Bearer ${await createCdpJwt(signingKey, { method, url })}`,
      accept: 'application/json',
      'content-type': 'application/json',
    };
  }

  type Operation = 'GET' | 'update';
  type Target = 'direct' | 'bare hop' | 'proxy' | 'proxy before';
  const TARGETS: readonly Target[] = proxyBefore
    ? ['direct', 'bare hop', 'proxy', 'proxy before']
    : ['direct', 'bare hop', 'proxy'];
  const isProxy = (target: Target) => target === 'proxy' || target === 'proxy before';

  interface Result {
    p50: number;
    p99: number;
    perSecond: number;
    count: number;
    /** CPU time of the hop's or the proxy's process per request, in microseconds (0 for direct). */
    cpuPerRequest: number;
  }

  /** One target's client for one operation and concurrency, measured over several rounds. */
  interface Phase {
    run(total: number, latencies?: number[]): Promise<number>;
    server: ChildProcess | undefined;
    close(): Promise<void>;
  }

  async function openPhase(target: Target, operation: Operation, concurrency: number): Promise<Phase> {
    const origin =
      target === 'direct'
        ? sandboxOrigin
        : target === 'bare hop'
          ? hopOrigin
          : target === 'proxy'
            ? proxyOrigin
            : (proxyBefore?.ready.origin ?? '');
    const client = new Pool(origin, { connections: concurrency, pipelining: 1 });
    const method = operation === 'GET' ? 'GET' : 'PUT';
    const once = async (provider: Record<string, string>): Promise<void> => {
      const answer = isProxy(target)
        ? await client.request(
            operation === 'GET'
              ? { path: '/api/onboarding/customer', method: 'GET', headers: { cookie: 'session=bench' } }
              : {
                  path: '/api/onboarding/customer',
                  method: 'PATCH',
                  headers: browser,
                  body: '{"fields":{"firstName":"Bench"}}',
                },
          )
        : await client.request(
            operation === 'GET'
              ? { path: customerPath, method: 'GET', headers: provider }
              : {
                  path: customerPath,
                  method: 'PUT',
                  headers: { ...provider, [idempotencyHeader]: randomUUID() },
                  body: updateBody,
                },
          );
      await answer.body.text();
      if (answer.statusCode !== 200) throw new Error(`${target} ${operation}: ${answer.statusCode}`);
    };
    const run = async (total: number, latencies?: number[]): Promise<number> => {
      let started = 0;
      const began = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (started < total && performance.now() - began < PHASE_LIMIT_MS) {
            started += 1;
            const provider = isProxy(target) ? {} : await providerHeaders(method);
            const at = performance.now();
            await once(provider);
            latencies?.push(performance.now() - at);
          }
        }),
      );
      return performance.now() - began;
    };
    const server =
      target === 'direct'
        ? undefined
        : target === 'bare hop'
          ? hop.child
          : target === 'proxy'
            ? proxy.child
            : proxyBefore?.child;
    return { run, server, close: () => client.close() };
  }

  /**
   * Measures the three targets of one operation and concurrency in ROUNDS
   * interleaved rounds (direct, hop, proxy, direct, ...), so that a burst of
   * load from elsewhere on the machine falls on all three alike rather than
   * on whichever ran at that moment.
   */
  async function measure(operation: Operation, concurrency: number): Promise<Record<Target, Result>> {
    const phases = {} as Record<Target, Phase>;
    for (const target of TARGETS) phases[target] = await openPhase(target, operation, concurrency);
    for (const target of TARGETS) await phases[target].run(WARMUP);
    const totals = {} as Record<Target, { latencies: number[]; elapsed: number; cpuMicros: number }>;
    for (const target of TARGETS) totals[target] = { latencies: [], elapsed: 0, cpuMicros: 0 };
    const perRound = Math.ceil(REQUESTS / ROUNDS);
    for (let round = 0; round < ROUNDS; round += 1) {
      // The two proxies take turns going first.
      const order =
        proxyBefore && round % 2 === 1 ? (['direct', 'bare hop', 'proxy before', 'proxy'] as const) : TARGETS;
      for (const target of order) {
        const { run, server } = phases[target];
        const total = totals[target];
        const cpuBefore = server ? await cpuMicrosOf(server) : 0;
        total.elapsed += await run(perRound, total.latencies);
        total.cpuMicros += server ? (await cpuMicrosOf(server)) - cpuBefore : 0;
      }
    }
    const results = {} as Record<Target, Result>;
    for (const target of TARGETS) {
      await phases[target].close();
      const { latencies, elapsed, cpuMicros } = totals[target];
      latencies.sort((a, b) => a - b);
      const at = (q: number) =>
        latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
      results[target] = {
        p50: at(0.5),
        p99: at(0.99),
        perSecond: (latencies.length / elapsed) * 1000,
        count: latencies.length,
        cpuPerRequest: cpuMicros / latencies.length,
      };
    }
    return results;
  }

  const format = (value: number, digits = 2) => value.toFixed(digits).padStart(8);
  process.stdout.write(
    `proxy overhead: ${REQUESTS} requests per phase in ${ROUNDS} interleaved rounds (after ${WARMUP} warm-up), loopback, CDP key ${signingKey.algorithm}\n\n`,
  );
  process.stdout.write(
    'operation  conc  target         p50 ms   p99 ms    req/s  CPU us | added p50: proxy/bare  | req/s: proxy/bare | CPU: proxy/bare\n',
  );
  for (const operation of ['GET', 'update'] as const) {
    for (const concurrency of [1, 10]) {
      if (process.env.BENCH_ONLY && process.env.BENCH_ONLY !== `${operation}${concurrency}`) continue;
      const results = await measure(operation, concurrency);
      const addedBare = results['bare hop'].p50 - results.direct.p50;
      for (const target of TARGETS) {
        const result = results[target];
        const addedProxy = result.p50 - results.direct.p50;
        let line = `${operation.padEnd(9)}  ${String(concurrency).padStart(4)}  ${target.padEnd(12)} ${format(result.p50)} ${format(result.p99)} ${format(result.perSecond, 0)} ${target === 'direct' ? '       -' : format(result.cpuPerRequest, 0)}`;
        if (isProxy(target))
          line += ` | ${format(addedProxy, 3)} / ${format(addedBare, 3)} = ${(addedProxy / addedBare).toFixed(2)}x | ${(result.perSecond / results['bare hop'].perSecond).toFixed(2)}x | ${(result.cpuPerRequest / results['bare hop'].cpuPerRequest).toFixed(2)}x`;
        process.stdout.write(`${line}\n`);
      }
    }
  }
  process.stdout.write("\ntargets: added p50 within 1.3x of the bare hop's, req/s at least 0.8x of it\n");

  // Closing the IPC channel ends each child (the proxy then writes its CPU profile, when asked for).
  for (const { child } of [proxy, ...(proxyBefore ? [proxyBefore] : []), hop, sandbox])
    await stopChild(child);
}
