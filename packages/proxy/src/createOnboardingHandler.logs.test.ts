import { execFile, spawn } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Customer } from '@kyc-kit/core/server';
import { DEFAULT_TOS_VERSION_ID } from '@kyc-kit/sandbox';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCoinbaseUpstream } from './createCoinbaseUpstream';
import { createOnboardingHandler } from './createOnboardingHandler';
import { createOmsUpstream } from './createOmsUpstream';
import { createProxyLogger } from './createProxyLogger';
import { createSqliteStore } from './createSqliteStore';
import { createProxyHarness, SANDBOX_ORIGIN, type ProxyHarness } from '@kyc-kit/testing/server';

const execFileAsync = promisify(execFile);

const harnesses: ProxyHarness[] = [];
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
});

const pii = {
  dateOfBirth: { day: '3', month: '2', year: '1937' },
  fullSsn: '123-45-6789',
  addressLine1: '742 Evergreen Terrace',
  addressCity: 'Springfield',
  addressSubdivision: 'OR',
  addressPostalCode: '97403',
  addressCountryCode: 'US',
};

/** Every form in which the values above could reach a log line. */
const FORBIDDEN = [
  '123-45-6789',
  '123456789',
  '"1937"',
  '1937-02-03',
  '742 Evergreen',
  'Evergreen Terrace',
  'Springfield',
  '"97403"',
  'fullSsn":"',
  'dateOfBirth":{',
  'birthDate":"',
];

describe('logs', () => {
  it.each(['coinbase', 'oms'] as const)(
    'hold no SSN, date of birth or address after a full %s flow, errors included',
    async (provider) => {
      const harness = createProxyHarness({ provider });
      harnesses.push(harness);
      const events = await harness.openEvents('u');
      const created = await harness.write('u', 'POST', '/customer', {
        capabilities: ['custodyFiat'],
        fields: { firstName: 'Lisa', lastName: 'Simpson' },
      });
      expect(created.status).toBe(201);
      // A refused submit (bad ZIP) and an accepted one both go through the logging path.
      expect(
        (await harness.write('u', 'PATCH', '/customer', { fields: { ...pii, addressPostalCode: '9740' } }))
          .status,
      ).toBe(400);
      const fields =
        provider === 'oms'
          ? { ...pii, citizenship: 'US', email: 'lisa@example.com', phoneNumber: '+14155550100' }
          : { ...pii, purposeOfAccount: 'investing', sourceOfFunds: 'salary' };
      expect((await harness.write('u', 'PATCH', '/customer', { fields })).status).toBe(200);
      expect(
        (
          await harness.write('u', 'POST', '/customer/tos', {
            versionId: DEFAULT_TOS_VERSION_ID,
            language: 'en',
          })
        ).status,
      ).toBe(200);
      await events.next(
        (message) =>
          message.event === 'customer' &&
          Object.values(
            (JSON.parse(message.data ?? '{}') as { customer: Customer }).customer.capabilities,
          ).some((capability) => capability.status === 'active'),
      );
      await events.close();
      // The verification may finish while the Terms are being accepted (the document is sanitized in a
      // worker, off the event loop), and the acceptance's answer then brings the active customer first.
      await vi.waitFor(() => expect(harness.logText()).toContain('webhook processed'));

      const text = harness.logText();
      expect(text).toContain('"route":"/api/onboarding/customer"');
      for (const value of FORBIDDEN) expect(text, value).not.toContain(value);
      expect(text).not.toMatch(/authorization|bearer/i);
      // Nor do the URLs the proxy called: PII travels in bodies only.
      const urls = harness.upstreamCalls.map((call) => call.path).join(' ');
      for (const value of ['123-45', '123456789', '1937-02', 'Evergreen', 'Springfield'])
        expect(urls, value).not.toContain(value);
    },
  );

  it.each(['coinbase', 'oms'] as const)(
    'pass on no %s error or broken answer that quotes the submitted values, to the browser or the logs',
    async (provider) => {
      // The provider answers every write with a body quoting what was sent, as some error texts do.
      const quoted = `fullSsn 123-45-6789, dateOfBirth 1937-02-03, address 742 Evergreen Terrace, Springfield 97403`;
      let answer: { status: number; body: string } | undefined;
      const harness = createProxyHarness({
        provider,
        sandboxWebhooks: false,
        upstream: ({ fetch, sandbox, retry }) => {
          const quoting = async (request: Request) =>
            answer && request.method !== 'GET' && !request.url.includes('token')
              ? new Response(answer.body, {
                  status: answer.status,
                  headers: { 'content-type': 'application/json' },
                })
              : fetch(request);
          const options = { fetch: quoting, retry: { ...retry, retries: 0 }, timeoutMs: 2000 };
          return provider === 'coinbase'
            ? createCoinbaseUpstream({
                baseUrl: `${SANDBOX_ORIGIN}/platform`,
                ...sandbox.credentials.coinbase,
                ...options,
              })
            : createOmsUpstream({
                baseUrl: `${SANDBOX_ORIGIN}/v0.9`,
                ...sandbox.credentials.oms,
                ...options,
                tosVersion: {
                  versionId: DEFAULT_TOS_VERSION_ID,
                  languages: ['en'],
                  url: `${SANDBOX_ORIGIN}/tos/x`,
                },
              });
        },
      });
      harnesses.push(harness);
      expect((await harness.write('u', 'POST', '/customer', { capabilities: ['custodyFiat'] })).status).toBe(
        201,
      );
      const seen: string[] = [];
      const errorBody = JSON.stringify({
        errorType: 'invalid_request',
        errorMessage: quoted,
        error: { code: 'invalid_request', message: quoted },
      });
      const answers = [
        ...[400, 401, 403, 404, 409, 422, 429, 500, 502].map((status) => ({ status, body: errorBody })),
        { status: 200, body: `{"customerId":"${quoted}",` },
        { status: 200, body: JSON.stringify({ customerId: 42, individual: { fullSsn: '123-45-6789' } }) },
      ];
      for (answer of answers) {
        const response = await harness.write('u', 'PATCH', '/customer', { fields: pii });
        expect(response.status, answer.body).toBeGreaterThanOrEqual(400);
        seen.push(JSON.stringify([...response.headers]), await response.text());
      }
      const text = `${seen.join('\n')}\n${harness.logText()}`;
      for (const value of FORBIDDEN) expect(text, value).not.toContain(value);
    },
  );

  it('name the body key a refused body got wrong, never a key or value inside it', async () => {
    const harness = createProxyHarness({ provider: 'coinbase' });
    harnesses.push(harness);
    const refused = await harness.write('u', 'POST', '/customer', {
      capabilities: ['custodyFiat'],
      fields: { 'address-line1': '742 Evergreen Terrace' },
    });
    expect(refused.status).toBe(400);
    const text = harness.logText();
    expect(text).toContain('"detail":"body does not match its schema: fields"');
    expect(text).not.toContain('address-line1');
    expect(text).not.toContain('Evergreen');
  });

  it('censors PII paths and credentials even if a body is ever passed to a log call', () => {
    const lines: string[] = [];
    // No pid, hostname or time in the lines: a pid such as 19377 would otherwise contain the year 1937.
    const logger = createProxyLogger(
      pino({ base: null, timestamp: false }, { write: (line: string) => void lines.push(line) }),
    );
    logger.info(
      {
        fields: { fullSsn: '123-45-6789' },
        body: { individual: { fullSsn: '123-45-6789' } },
        customer: {
          individual: { dateOfBirth: { year: '1937' }, address: { line1: '742 Evergreen Terrace' } },
        },
        headers: { authorization: 'Bearer secret-token', cookie: 'session=abc' },
        residentialAddress: { city: 'Springfield' },
      },
      'careless call',
    );
    const text = lines.join('');
    for (const value of ['123-45-6789', '1937', 'Evergreen', 'secret-token', 'session=abc', 'Springfield'])
      expect(text, value).not.toContain(value);
    expect(text).toContain('[redacted]');
  });

  it('writes every line of its own logger to standard output, censored, by the time the process exits', async () => {
    // A process of its own: the default logger gathers lines before writing them, and must lose none at exit.
    const script = [
      "const { createProxyLogger } = await import('./src/createProxyLogger.ts');",
      'const logger = createProxyLogger();',
      "for (let i = 0; i < 200; i++) logger.info({ index: i, fields: { fullSsn: '123-45-6789' } }, 'line');",
      'process.exitCode = 0;',
    ].join('\n');
    const { stdout } = await execFileAsync(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: fileURLToPath(new URL('..', import.meta.url)) },
    );
    const lines = stdout.trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { index: number }).index)).toEqual(
      Array.from({ length: 200 }, (_, index) => index),
    );
    for (const forbidden of FORBIDDEN) expect(stdout).not.toContain(forbidden);
  });

  it('keeps serving while standard output is not read, and writes every line in order once it is', async () => {
    // A reader that stops reading (a stalled log shipper): the pipe fills up, and the process must neither
    // wait for it nor drop or reorder a line. The child says on stderr when its loop has finished; that
    // message only comes while stdout is still unread if no write waited for the reader.
    const script = [
      "const { createProxyLogger } = await import('./src/createProxyLogger.ts');",
      'const logger = createProxyLogger();',
      "for (let i = 0; i < 3000; i++) { logger.info({ index: i, pad: 'x'.repeat(200) }, 'line'); if (i % 100 === 0) await new Promise((r) => setTimeout(r, 1)); }",
      "process.stderr.write('loop done\\n');",
    ].join('\n');
    const child = spawn(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout.pause();
    await new Promise<void>((resolve) =>
      child.stderr.on('data', (chunk: Buffer) => {
        if (String(chunk).includes('loop done')) resolve();
      }),
    );
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += String(chunk)));
    child.stdout.resume();
    await new Promise((resolve) => child.on('close', resolve));
    const indexes = text
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { index: number }).index);
    expect(indexes).toEqual(Array.from({ length: 3000 }, (_, index) => index));
  });

  it('log a read the browser gave up on as abandoned, not as a failed request', async () => {
    let holdReads = false;
    let readStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (readStarted = resolve));
    const harness = createProxyHarness({
      provider: 'coinbase',
      upstream: ({ fetch, sandbox, retry }) =>
        createCoinbaseUpstream({
          baseUrl: `${SANDBOX_ORIGIN}/platform`,
          ...sandbox.credentials.coinbase,
          retry,
          timeoutMs: 2000,
          // A provider slow to answer a read: the browser gives up first, and the call is cancelled with it.
          fetch: (request) => {
            if (!holdReads || request.method !== 'GET') return fetch(request);
            readStarted();
            return new Promise<Response>((_resolve, reject) =>
              request.signal.addEventListener('abort', () => reject(request.signal.reason as Error)),
            );
          },
        }),
    });
    harnesses.push(harness);
    const created = await harness.write('u', 'POST', '/customer', {
      capabilities: ['custodyFiat'],
      fields: { firstName: 'Lisa', lastName: 'Simpson' },
    });
    expect(created.status).toBe(201);
    holdReads = true;
    const browser = new AbortController();
    const read = harness.send('u', 'GET', '/customer', { signal: browser.signal });
    await started;
    browser.abort();
    expect((await read).status).toBe(499);
    const lines = harness
      .logText()
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(lines.map((line) => line.msg)).toContain('request abandoned by the client');
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
  });

  it.each([
    ['an unkeyed hash of the user id without logUserKey', undefined],
    ['an HMAC under logUserKey, so a guessed id cannot be tested against the logs', 'k'.repeat(32)],
  ])('name the user by %s, never by the id itself', async (_case, logUserKey) => {
    const userId = 'ada@example.com';
    const harness = createProxyHarness({ provider: 'coinbase', handler: { logUserKey } });
    harnesses.push(harness);
    expect((await harness.write(userId, 'POST', '/customer', { capabilities: ['custodyFiat'] })).status).toBe(
      201,
    );

    const created = harness
      .logText()
      .split('\n')
      .filter((line) => line.includes('customer created'))
      .map((line) => (JSON.parse(line) as { user: string }).user);
    const hashed = createHash('sha256').update(userId).digest('hex').slice(0, 16);
    const keyed = logUserKey && createHmac('sha256', logUserKey).update(userId).digest('hex').slice(0, 16);
    expect(created).toEqual([keyed || hashed]);
    expect(harness.logText()).not.toContain(userId);
  });

  it('warn in production when no store is given, as links kept in memory are lost on a restart', () => {
    vi.stubEnv('NODE_ENV', 'production');
    // Only made, never called: the warning comes when the handler is built.
    const upstream = createOmsUpstream({
      baseUrl: `${SANDBOX_ORIGIN}/v0.9`,
      apiKey: 'key',
      apiSecret: 'secret',
    });
    const warningsWith = (store: ReturnType<typeof createSqliteStore> | undefined) => {
      const lines: string[] = [];
      createOnboardingHandler({
        upstream,
        store,
        resolveUser: () => null,
        webhookSecret: 'whsec_test',
        logger: pino({ base: null }, { write: (line: string) => void lines.push(line) }),
      });
      return lines
        .map((line) => JSON.parse(line) as { level: number; msg: string })
        .filter((line) => line.level === 40);
    };
    try {
      expect(warningsWith(undefined).map((line) => line.msg)).toEqual([
        expect.stringMatching(/^no store given: .*second customer/),
      ]);
      expect(warningsWith(createSqliteStore())).toEqual([]);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
