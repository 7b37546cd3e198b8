// Upstream reads per idle minute while a user sits on "verifying" (a benchmark, not a test), server side:
// before, the browser re-read GET /customer every 3 s while its stream was open; after, the browser
// only streams and the proxy's watcher re-reads with backoff. One minute is run at 1/100 time scale.
//   node --conditions=source --import tsx bench/proxy/idle-verifying.ts
import { createCoinbaseUpstream, createOnboardingHandler } from '@kyc-kit/proxy';
import { createSandbox } from '@kyc-kit/sandbox';
import { pino } from 'pino';

const SCALE = 100;
const MINUTE_MS = 60_000 / SCALE;

async function measure(tabs: number, mode: 'browser polls' | 'server watches'): Promise<number> {
  // Manual verification: the submitted names stay pending for the whole minute.
  const sandbox = createSandbox({ verifyMs: 0, manual: true, publicUrl: 'http://sandbox.test' });
  let reads = 0;
  const upstream = createCoinbaseUpstream({
    baseUrl: 'http://sandbox.test/platform',
    ...sandbox.credentials.coinbase,
    fetch: async (request) => {
      if (request.method === 'GET') reads += 1;
      return sandbox.fetch(request);
    },
  });
  const handler = createOnboardingHandler({
    upstream,
    webhookSecret: 'whsec_idle',
    resolveUser: () => ({ id: 'idle' }),
    logger: pino({ level: 'silent' }),
    watch: mode === 'server watches' ? { baseMs: 3000 / SCALE, maxMs: 60_000 / SCALE } : false,
  });
  const send = (method: string, path: string, body?: unknown) =>
    handler(
      new Request(`http://app.test/api/onboarding${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-kyc-kit': '1' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
      { clientAddress: '203.0.113.1' },
    );
  await send('POST', '/customer', {
    capabilities: ['custodyFiat'],
    fields: { firstName: 'Ann', lastName: 'Lee' },
  });
  const streams = await Promise.all(Array.from({ length: tabs }, () => send('GET', '/events')));
  const readers = streams.map((stream) => stream.body!.getReader());
  for (const reader of readers)
    void (async () => {
      while (!(await reader.read()).done);
    })().catch(() => undefined);
  reads = 0;
  const timers =
    mode === 'browser polls'
      ? Array.from({ length: tabs }, () => setInterval(() => void send('GET', '/customer'), 3000 / SCALE))
      : [];
  await new Promise((resolve) => setTimeout(resolve, MINUTE_MS));
  const counted = reads;
  for (const timer of timers) clearInterval(timer);
  for (const reader of readers) await reader.cancel();
  await sandbox.close();
  return counted;
}

process.stdout.write('upstream reads in one idle minute on "verifying" (1/100 time scale)\n');
for (const tabs of [1, 3]) {
  const before = await measure(tabs, 'browser polls');
  const after = await measure(tabs, 'server watches');
  process.stdout.write(
    `${tabs} tab(s): before (browser polls every 3 s) ${before}, after (server watches) ${after}\n`,
  );
}
