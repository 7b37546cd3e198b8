// The proxy's own request path without the provider (a benchmark, not a test):
//   node --conditions=source --import tsx bench/proxy/handler-only.ts      (BENCH_REQUESTS=<n>, default 3000)
// GET and PATCH /customer through createNodeListener + createOnboardingHandler with an upstream that answers
// at once from memory, against a bare node:http server writing the same JSON (after reading the body, for
// PATCH), one request at a time from this process (BENCH_OPERATION=GET|PATCH, both by default;
// BENCH_CPU_PROF=<folder> writes CPU profiles of the servers' processes there). Each server runs in a child process; the figure is that process's CPU time per request
// (process.cpuUsage), with the proxy's request log line written (its default logger, as a partner gets it: standard
// output, buffered, here /dev/null) and with logging off, to show what the line costs. Each server is measured twice, in turns.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createNodeListener, createOnboardingHandler, createSqliteStore } from '@kyc-kit/proxy';
import { pino } from 'pino';
import { Pool } from 'undici';
import { benchCustomer, memoryUpstream } from './benchCustomer';
import { cpuMicrosOf, reportToParent, startChild, stopChild } from './children';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const ROLES = ['bare node:http', 'proxy, log line written', 'proxy, logging off'] as const;
type Role = (typeof ROLES)[number];

const customer = benchCustomer;

async function serve(role: Role): Promise<Server> {
  if (role === 'bare node:http')
    return createServer((incoming, outgoing) => {
      incoming.resume();
      incoming.once('end', () => {
        const body = JSON.stringify({ customer });
        outgoing.writeHead(200, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        });
        outgoing.end(body);
      });
    });
  const store = createSqliteStore();
  await store.linkCustomer('bench', customer.id);
  // Only what GET and PATCH /customer call: the customer, at once.
  const upstream = memoryUpstream({
    getCustomer: async () => customer,
    updateCustomer: async () => customer,
  });
  const handler = createOnboardingHandler({
    upstream,
    store,
    webhookSecret: 'whsec_bench',
    watch: false,
    // No logger: the proxy's default one.
    ...(role === 'proxy, logging off' ? { logger: pino({ level: 'silent' }) } : {}),
    rateLimit: { perUser: { limit: 1e9, windowMs: 60_000 } },
    resolveUser: (request) => (request.headers.get('cookie') === 'session=bench' ? { id: 'bench' } : null),
  });
  return createServer(createNodeListener(handler));
}

const role = process.env.BENCH_ROLE as Role | undefined;
if (role) {
  const server = await serve(role);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  reportToParent((server.address() as AddressInfo).port);
} else {
  const operations = (process.env.BENCH_OPERATION ?? 'GET,PATCH').split(',');
  const profile = process.env.BENCH_CPU_PROF;
  process.stdout.write(
    `${operations.join(' and ')} /customer, ${REQUESTS} requests one at a time, CPU of the server's process\n\n`,
  );
  for (const operation of operations)
    for (const round of [1, 2]) {
      for (const name of ROLES) {
        const { child, ready: port } = await startChild<number>(fileURLToPath(import.meta.url), {
          role: name,
          // The default logger's lines (standard output) go to /dev/null.
          quiet: true,
          profileDir: profile && `${profile}/${operation}-${ROLES.indexOf(name)}`,
        });
        const cpu = () => cpuMicrosOf(child);
        const pool = new Pool(`http://127.0.0.1:${port}`, { connections: 1 });
        const once = async (): Promise<void> => {
          const answer = await pool.request(
            operation === 'GET'
              ? { path: '/api/onboarding/customer', method: 'GET', headers: { cookie: 'session=bench' } }
              : {
                  path: '/api/onboarding/customer',
                  method: 'PATCH',
                  headers: { cookie: 'session=bench', 'content-type': 'application/json', 'x-kyc-kit': '1' },
                  body: '{"fields":{"firstName":"Bench"}}',
                },
          );
          await answer.body.text();
          if (answer.statusCode !== 200) throw new Error(`${name}: ${answer.statusCode}`);
        };
        for (let index = 0; index < 500; index += 1) await once();
        const before = await cpu();
        for (let index = 0; index < REQUESTS; index += 1) await once();
        const micros = ((await cpu()) - before) / REQUESTS;
        process.stdout.write(
          `${operation.padEnd(5)}  round ${round}  ${name.padEnd(26)} ${micros.toFixed(0).padStart(5)} us\n`,
        );
        await pool.close();
        await stopChild(child);
      }
    }
}
