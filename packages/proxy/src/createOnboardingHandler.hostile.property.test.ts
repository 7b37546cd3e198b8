// Property tests: the signed-in write routes and the webhook route, sent hostile bodies and headers.
// Whatever arrives, the answer is a 4xx in the kit's error shape (never a 5xx), it and the logs never
// echo an SSN, date of birth or address that was sent, nothing the registry refuses reaches the
// provider, and nobody else's customer changes. Fixed seeds: a failure replays as it was.
import {
  API_ERROR_CODES,
  FIELD_KEYS,
  checkRequestBody,
  checkSubmittedFields,
  createCustomerBodySchema,
  updateCustomerBodySchema,
  type Customer,
} from '@kyc-kit/core/server';
import { DEFAULT_TOS_VERSION_ID } from '@kyc-kit/sandbox';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  BASE_PATH,
  CLIENT_ADDRESS,
  createProxyHarness,
  type ProxyHarness,
} from '@kyc-kit/testing/server';
import { createSqliteStore } from './createSqliteStore';
import { createStandardWebhookHeaders } from './verifyStandardWebhook';
import { createWebhookSignatureHeader } from './verifyWebhookSignature';
import type { OnboardingStore } from './OnboardingStore';

const SEED = 20261203;
const RUNS = 60;

/** The store methods that change something: none may run for a refused request. */
const STORE_WRITES = [
  'claimCustomerCreation',
  'linkCustomer',
  'unlinkCustomer',
  'releaseCustomerCreation',
  'appendEvents',
  'acquireLease',
  'releaseLease',
  'scopeIdempotencyKey',
] as const;

/** A store that counts its writes. */
function countingStore(): { store: OnboardingStore; writes: string[] } {
  const inner = createSqliteStore();
  const writes: string[] = [];
  const store = new Proxy(inner, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      return (...args: unknown[]) => {
        if ((STORE_WRITES as readonly (string | symbol)[]).includes(name)) writes.push(String(name));
        return method.apply(target, args);
      };
    },
  });
  return { store, writes };
}

const writeHeaders = {
  'content-type': 'application/json',
  'x-kyc-kit': '1',
  origin: APP_ORIGIN,
  'sec-fetch-site': 'same-origin',
};

type Route = 'POST /customer' | 'PATCH /customer' | 'POST /customer/tos';
const ROUTES: readonly Route[] = ['POST /customer', 'PATCH /customer', 'POST /customer/tos'];

interface Attempt {
  route: Route;
  /** A string is sent as UTF-8; bytes as they are. */
  body: string | Uint8Array<ArrayBuffer>;
  headers: Record<string, string>;
  /** The sent values that must never come back or reach a log line. */
  secrets: string[];
}

function sendAttempt(harness: ProxyHarness, user: string, attempt: Attempt): Promise<Response> {
  const [method, path] = attempt.route.split(' ') as [string, string];
  const headers = new Headers(attempt.headers);
  headers.set('cookie', `session=${encodeURIComponent(user)}`);
  return harness.handler(
    new Request(`${APP_ORIGIN}${BASE_PATH}${path}`, { method, headers, body: attempt.body }),
    { clientAddress: CLIENT_ADDRESS },
  );
}

// ---- what is sent ----------------------------------------------------------------------------------

/** Strings a form would never produce: controls, bidi overrides, lone surrogates, invisible-only, huge. */
const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '\u0000',
    'Ann\u0000Lee',
    '\u202eeeL nnA',
    'A\u2066b\u2069',
    '\ud800',
    'x\udc00y',
    '\u200b\u200b',
    '\u3164',
    ' ',
    '',
    '__proto__',
    'constructor',
    '{"$ne":null}',
    '<script>alert(1)</script>',
  ),
  fc.integer({ min: 257, max: 20_000 }).map((length) => 'a'.repeat(length)),
);

/** Any JSON value, nested deep or not, with hostile strings and keys. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 5 }),
  fc.dictionary(hostileString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  fc.integer({ min: 50, max: 2000 }).map((depth) => nest(depth)),
  fc.integer({ min: 100, max: 3000 }).map((length) => Array.from({ length }, (_, index) => index)),
);

function nest(depth: number): unknown {
  let value: unknown = 'core';
  for (let index = 0; index < depth; index += 1) value = index % 2 === 0 ? [value] : { a: value };
  return value;
}

/** A marker no log or answer carries by chance, ending in hostile characters. */
const secretText = fc
  .tuple(fc.stringMatching(/^[A-Z][a-z]{7,10}$/), fc.constantFrom('', '\u0000', '\u202e', '\ud800', ' St'))
  .map(([word, tail]) => ({ sent: `Zq${word}${tail}`, marker: `Zq${word}` }));

const ssnDigits = fc.stringMatching(/^[1-8]\d{8}$/);

/** PII values, valid or not; each gives what to send and the markers to look for. */
const piiEntry = fc.oneof(
  ssnDigits.map((digits) => {
    const dashed = `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`;
    return { key: 'fullSsn', value: dashed, markers: [dashed, digits] };
  }),
  fc.tuple(ssnDigits, hostileString).map(([digits, tail]) => ({
    key: 'fullSsn',
    value: `${digits}${tail}`,
    markers: [digits],
  })),
  secretText.map(({ sent, marker }) => ({ key: 'addressLine1', value: sent, markers: [marker] })),
  secretText.map(({ sent, marker }) => ({ key: 'addressCity', value: sent, markers: [marker] })),
  secretText.map(({ sent, marker }) => ({ key: 'addressSubdivision', value: sent, markers: [marker] })),
  secretText.map(({ sent, marker }) => ({ key: 'addressPostalCode', value: sent, markers: [marker] })),
  fc
    .tuple(
      fc.integer({ min: 1, max: 28 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1931, max: 1989 }),
    )
    .map(([day, month, year]) => {
      const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      return {
        key: 'dateOfBirth',
        value: { day: String(day), month: String(month), year: String(year) },
        markers: [iso, `"${year}"`],
      };
    }),
  secretText.map(({ sent, marker }) => ({
    key: 'dateOfBirth',
    value: { day: '3', month: '2', year: sent },
    markers: [marker],
  })),
);

/** One entry of `fields` the registry refuses: a known key with a hostile value, an unknown or odd key. */
const badFieldEntry = fc.oneof(
  fc.tuple(fc.constantFrom(...FIELD_KEYS), hostileValue),
  fc.tuple(
    fc.constantFrom('tos', 'constructor', 'toString', 'ssn', 'customerId', 'hasOwnProperty'),
    hostileValue,
  ),
);

/** A `fields` record with PII and at least one entry the proxy must refuse (checked with core's own rules). */
const fieldsWithProblem = fc
  .tuple(fc.array(piiEntry, { maxLength: 4 }), fc.array(badFieldEntry, { minLength: 1, maxLength: 3 }))
  .map(([pii, bad]) => {
    const fields: Record<string, unknown> = {};
    for (const entry of pii) fields[entry.key] = entry.value;
    for (const [key, value] of bad) fields[key] = value;
    return {
      fields,
      secrets: pii.filter((entry) => fields[entry.key] === entry.value).flatMap((entry) => entry.markers),
    };
  })
  .filter(({ fields }) => !checkSubmittedFields('coinbase', fields).ok);

const capabilities = fc.oneof(
  fc.constant(['custodyFiat']),
  fc.constant<unknown>(undefined),
  hostileValue,
  fc.array(hostileString, { maxLength: 3 }),
  fc.array(fc.constant('custodyFiat'), { minLength: 33, maxLength: 40 }),
);

/** Bodies that are not a JSON object of the route's keys, as text. */
const brokenBodyText = fc.oneof(
  fc
    .jsonValue({ maxDepth: 2 })
    .filter((value) => typeof value !== 'object' || value === null || Array.isArray(value))
    .map((value) => JSON.stringify(value)),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom(
    '',
    '{',
    '{"fields":',
    '{"__proto__":{"polluted":true},"capabilities":["custodyFiat"]}',
    '{"constructor":{"prototype":{"polluted":true}},"capabilities":["custodyFiat"]}',
    '{"fields":{"__proto__":{"firstName":"Ann"}},"capabilities":["custodyFiat"]}',
    '{"capabilities":["custodyFiat"],"customerId":"cus_other"}',
    '{"capabilities":["custodyFiat"],"capabilities":"custodyFiat"}',
    '{"versionId":"v","language":"en","acceptedAt":"1999-01-01T00:00:00Z"}',
  ),
  fc.integer({ min: 5_000, max: 30_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.integer({ min: 5_000, max: 30_000 }).map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
);

/** A JSON body (object) with the route's keys wrong, or unknown keys, as text. */
function wrongShapeBody(route: Route): fc.Arbitrary<{ text: string; secrets: string[] }> {
  if (route === 'POST /customer/tos')
    return fc
      .record({
        versionId: fc.oneof(hostileValue, fc.constant(DEFAULT_TOS_VERSION_ID)),
        language: fc.oneof(hostileValue, fc.constant('en')),
      })
      .filter(
        ({ versionId, language }) =>
          !(
            typeof versionId === 'string' &&
            versionId.length >= 1 &&
            versionId.length <= 64 &&
            typeof language === 'string' &&
            language.length >= 1 &&
            language.length <= 35
          ),
      )
      .map((body) => ({ text: JSON.stringify(body), secrets: [] }));
  return fc.oneof(
    // `fields` with a problem beside the capabilities a browser sends: refused field by field.
    {
      weight: 3,
      arbitrary: fieldsWithProblem.map(({ fields, secrets }) => ({
        text: JSON.stringify(
          route === 'POST /customer' ? { capabilities: ['custodyFiat'], fields } : { fields },
        ),
        secrets,
      })),
    },
    // `fields` with a problem, any capabilities.
    fc.tuple(fieldsWithProblem, capabilities).map(([{ fields, secrets }, caps]) => ({
      text: JSON.stringify(caps === undefined ? { fields } : { capabilities: caps, fields }),
      secrets,
    })),
    // `fields` itself not a record.
    fc
      .tuple(fc.oneof(hostileString, fc.integer(), fc.array(fc.jsonValue({ maxDepth: 1 }))), capabilities)
      .map(([fields, caps]) => ({
        text: JSON.stringify({ capabilities: caps, fields }),
        secrets: [],
      })),
    // An unknown top-level key beside valid ones.
    fc
      .tuple(
        fc
          .string({ minLength: 1, maxLength: 20 })
          .filter((key) => key !== 'fields' && key !== 'capabilities'),
        hostileValue,
      )
      .map(([key, value]) => ({
        text: `{"capabilities":["custodyFiat"],${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'},"fields":{"firstName":"Ann"}}`,
        secrets: [],
      })),
  );
}

/** Headers a kit browser sends, one of them broken: wrong content type, no CSRF header, a bad Idempotency-Key. */
const brokenHeaders = fc.oneof(
  fc
    .constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonp',
      'application/json-patch+json',
      '',
    )
    .map((type) => ({ ...writeHeaders, 'content-type': type })),
  fc.constant(Object.fromEntries(Object.entries(writeHeaders).filter(([name]) => name !== 'x-kyc-kit'))),
  fc.constantFrom('0', 'true', '', '11', '1,1').map((value) => ({ ...writeHeaders, 'x-kyc-kit': value })),
  fc
    .oneof(
      fc.integer({ min: 129, max: 8000 }).map((length) => 'k'.repeat(length)),
      fc.constantFrom('a b', 'a\tb', 'key\u007f', 'ключ'.normalize(), '', ' ', 'a/b', 'a"b'),
    )
    .filter((key) => !/[^\t\u0020-\u007e]/.test(key))
    .map((key) => ({ ...writeHeaders, 'idempotency-key': key })),
);

/** A body the route would take, so a refusal can only come from the headers. */
function validBody(route: Route): string {
  if (route === 'POST /customer')
    return JSON.stringify({ capabilities: ['custodyFiat'], fields: { firstName: 'Ann' } });
  if (route === 'PATCH /customer') return JSON.stringify({ fields: { lastName: 'Lee' } });
  return JSON.stringify({ versionId: DEFAULT_TOS_VERSION_ID, language: 'en' });
}

/** Bytes that are not UTF-8, inside what would otherwise be a JSON body. */
const notUtf8 = fc
  .tuple(
    fc.constantFrom(...ROUTES),
    fc.uint8Array({ minLength: 1, maxLength: 8 }).map((bytes) => bytes.map((byte) => 0x80 | byte)),
  )
  .map(([route, bad]): Attempt => {
    const [head, tail] = [
      new TextEncoder().encode('{"fields":{"addressLine1":"Zq'),
      new TextEncoder().encode('Street"},"capabilities":["custodyFiat"]}'),
    ];
    const body = new Uint8Array([...head, ...bad, 0xff, ...tail]);
    return { route, body, headers: writeHeaders, secrets: ['ZqStreet', 'Street"'] };
  });

// ---- what must hold --------------------------------------------------------------------------------

interface ErrorShape {
  error: {
    code: string;
    message: string;
    retryable: boolean;
    fields?: Record<string, { code: string; message: string }>;
  };
}

function expectErrorShape(status: number, text: string): ErrorShape['error'] {
  expect(status, text).toBeGreaterThanOrEqual(400);
  expect(status, text).toBeLessThan(500);
  const body = JSON.parse(text) as ErrorShape;
  expect(Object.keys(body)).toEqual(['error']);
  expect(API_ERROR_CODES as readonly string[]).toContain(body.error.code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(typeof body.error.retryable).toBe('boolean');
  if (body.error.fields !== undefined)
    for (const [key, entry] of Object.entries(body.error.fields)) {
      expect(key.length).toBeGreaterThan(0);
      expect(entry.code).toMatch(/^field\./);
      expect(entry.message.length, `${key}: ${entry.code}`).toBeGreaterThan(0);
    }
  return body.error;
}

function expectNoSecret(where: string, text: string, secrets: readonly string[]): void {
  for (const secret of secrets) expect(text.includes(secret), `${where} holds ${secret}`).toBe(false);
}

// ---- the harness -----------------------------------------------------------------------------------

let harness: ProxyHarness;
let writes: string[];
let victim: Customer;
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => void rejections.push(reason);

async function created(user: string): Promise<Customer> {
  const response = await harness.write(user, 'POST', '/customer', {
    capabilities: ['custodyFiat'],
    fields: { firstName: 'Vic', lastName: 'Tim' },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { customer: Customer }).customer;
}

async function victimNow(): Promise<unknown> {
  const response = await harness.send('victim', 'GET', '/customer');
  return response.json();
}

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  const counting = countingStore();
  writes = counting.writes;
  harness = createProxyHarness({
    provider: 'coinbase',
    sandboxWebhooks: false,
    manual: true,
    handler: {
      store: counting.store,
      watch: false,
      rateLimit: {
        perUser: { limit: 1_000_000, windowMs: 60_000 },
        webhookFailuresPerAddress: { limit: 1_000_000, windowMs: 60_000 },
      },
    },
  });
  victim = await created('victim');
  // The attacker has a customer too, so updates and the Terms get past "no customer" to the checks.
  await created('mallory');
});

afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await harness.close();
});

/**
 * Sends one hostile attempt as mallory and checks every promise: a 4xx in the kit's shape, no echo of
 * what was sent in the answer or the logs, no upstream call, no store write, the victim untouched.
 */
async function expectRefused(attempt: Attempt): Promise<ErrorShape['error']> {
  const calls = harness.upstreamCalls.length;
  const writesBefore = writes.length;
  const logsBefore = harness.logText().length;
  const response = await sendAttempt(harness, 'mallory', attempt);
  const text = await response.text();
  const error = expectErrorShape(response.status, text);
  expectNoSecret('the answer', text, attempt.secrets);
  expectNoSecret('the logs', harness.logText().slice(logsBefore), attempt.secrets);
  expect(harness.upstreamCalls.slice(calls).map((call) => `${call.method} ${call.path}`)).toEqual([]);
  expect(writes.slice(writesBefore)).toEqual([]);
  expect(rejections).toEqual([]);
  return error;
}

describe('hostile requests from a signed-in browser', () => {
  let before: unknown;
  beforeAll(async () => {
    before = await victimNow();
  });
  afterAll(async () => {
    // Nothing mallory sent changed the victim's customer, or pushed anything to the victim's streams.
    expect(await victimNow()).toEqual(before);
    expect((before as { customer: Customer }).customer.id).toBe(victim.id);
  });

  it('refuses a body that is not a JSON object of the route, whatever it is', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), brokenBodyText, async (route, body) => {
        await expectRefused({ route, body, headers: writeHeaders, secrets: [] });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('refuses wrong types, unknown keys and refused field values, naming each refused field', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...ROUTES)
          .chain((route) => wrongShapeBody(route).map((body) => ({ route, ...body }))),
        async ({ route, text, secrets }) => {
          const error = await expectRefused({ route, body: text, headers: writeHeaders, secrets });
          const sent = JSON.parse(text) as { fields?: unknown };
          // A body whose shape the route takes is refused for its fields alone, each one named.
          const schema = route === 'POST /customer' ? createCustomerBodySchema : updateCustomerBodySchema;
          const capabilitiesOk =
            route !== 'POST /customer/tos' &&
            checkRequestBody(schema, sent, ['capabilities', 'fields']).ok &&
            ((sent as { capabilities?: unknown }).capabilities ?? ['custodyFiat']).toString() ===
              'custodyFiat';
          if (capabilitiesOk) expect(error.code, text.slice(0, 200)).toBe('invalid_fields');
          if (error.code === 'invalid_fields') {
            const fields = sent.fields as Record<string, unknown>;
            const result = checkSubmittedFields('coinbase', fields);
            expect(result.ok).toBe(false);
            if (!result.ok)
              expect(Object.keys(error.fields ?? {}).sort()).toEqual(Object.keys(result.errors).sort());
          }
        },
      ),
      { seed: SEED, numRuns: RUNS * 2 },
    );
  });

  it('refuses a write with a broken header before reading anything upstream or writing the store', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), brokenHeaders, async (route, headers) => {
        await expectRefused({ route, body: validBody(route), headers, secrets: [] });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('refuses bytes that are not UTF-8 without quoting them', async () => {
    await fc.assert(
      fc.asyncProperty(notUtf8, async (attempt) => {
        await expectRefused(attempt);
      }),
      { seed: SEED, numRuns: 20 },
    );
  });

  it('refuses a body over the limit, declared or not', async () => {
    for (const route of ROUTES) {
      const huge = JSON.stringify({
        capabilities: ['custodyFiat'],
        fields: { addressLine1: `Zq${'x'.repeat(70_000)}` },
      });
      const error = await expectRefused({ route, body: huge, headers: writeHeaders, secrets: ['Zqxxxx'] });
      expect(error.code).toBe('invalid_request');
    }
  });
});

/** Every string in a value, keys included, walked without recursion. */
function stringsIn(value: unknown): string[] {
  const found: string[] = [];
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') found.push(next);
    else if (typeof next === 'object' && next !== null)
      for (const [key, child] of Object.entries(next)) {
        found.push(key);
        pending.push(child);
      }
  }
  return found;
}

const BROKEN_TEXT =
  /[\p{Cc}\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

/** The keys whose values are never echoed or logged. */
const PII_KEYS = new Set([
  'fullSsn',
  'ssnLast4',
  'dateOfBirth',
  'addressLine1',
  'addressCity',
  'addressSubdivision',
  'addressPostalCode',
]);

/** Values a person might type into a field, plausible or not, strings mostly. */
const typedValue = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'Ann',
      'Lee',
      '123-45-6789',
      '94105',
      'CA',
      'US',
      'investing',
      'salary',
      'ann@example.com',
      '+14155550100',
    ),
  },
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  hostileValue,
);

describe('what the proxy takes from a browser', () => {
  it('sends upstream only values the registry cleaned: no control, bidi or broken characters, nothing overlong', async () => {
    const before = await victimNow();
    await fc.assert(
      fc.asyncProperty(
        fc
          .tuple(
            fc.dictionary(
              fc.constantFrom(...FIELD_KEYS.filter((key) => key !== 'tos' && !PII_KEYS.has(key))),
              typedValue,
              { maxKeys: 3 },
            ),
            fc.array(piiEntry, { maxLength: 2 }),
          )
          .filter(([plain, pii]) => Object.keys(plain).length + pii.length > 0),
        async ([plain, pii]) => {
          const fields: Record<string, unknown> = { ...plain };
          for (const entry of pii) fields[entry.key] = entry.value;
          const sentPii = pii
            .filter((entry) => fields[entry.key] === entry.value)
            .flatMap((entry) => entry.markers);
          const calls = harness.upstreamCalls.length;
          const logsBefore = harness.logText().length;
          const response = await sendAttempt(harness, 'mallory', {
            route: 'PATCH /customer',
            body: JSON.stringify({ fields }),
            headers: writeHeaders,
            secrets: [],
          });
          const text = await response.text();
          expect(response.status, text.slice(0, 300)).toBeLessThan(500);
          const writesUpstream = harness.upstreamCalls.slice(calls).filter((call) => call.method !== 'GET');
          if (response.status >= 400) {
            expectErrorShape(response.status, text);
            expect(writesUpstream).toEqual([]);
          } else {
            expect(checkSubmittedFields('coinbase', fields).ok).toBe(true);
            for (const call of writesUpstream)
              for (const string of stringsIn(call.body)) {
                expect(BROKEN_TEXT.test(string), JSON.stringify(string)).toBe(false);
                expect(string.length).toBeLessThanOrEqual(256);
                expect(string).not.toBe('__proto__');
              }
          }
          // The sandbox echoes only names and email; the proxy adds nothing of what was sent.
          expectNoSecret('the answer', text, sentPii);
          expectNoSecret('the logs', harness.logText().slice(logsBefore), sentPii);
          expect(rejections).toEqual([]);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    expect(await victimNow()).toEqual(before);
  });
});

// ---- webhooks --------------------------------------------------------------------------------------

function deliverWebhook(
  body: string,
  headers: Record<string, string>,
  provider = 'coinbase',
): Promise<Response> {
  return harness.handler(
    new Request(`${APP_ORIGIN}${BASE_PATH}/webhooks/${provider}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    }),
    { clientAddress: '198.51.100.200' },
  );
}

/** An event naming the victim's customer, the one a forger would want pushed. */
function eventFor(customerId: string, eventId: string): string {
  return JSON.stringify({
    eventId,
    eventType: 'customers.capability.changed',
    timestamp: new Date().toISOString(),
    data: { customerId, capabilities: [{ code: 'custodyFiat', status: 'active' }] },
  });
}

/** Forged or garbled signature headers for a body: no header, garbage, another secret, another body's. */
function forgedHeaders(body: string): fc.Arbitrary<Record<string, string>> {
  return fc.oneof(
    fc.constant({}),
    fc
      .string({ maxLength: 200 })
      .filter((value) => !/[^\t\u0020-\u007e]/.test(value))
      .map((value) => ({ 'x-hook0-signature': value })),
    fc
      .string({ minLength: 1, maxLength: 40 })
      .filter((secret) => secret !== 'whsec_proxy_tests')
      .map((secret) => ({ 'x-hook0-signature': createWebhookSignatureHeader(secret, body) })),
    fc.constant({ 'x-hook0-signature': createWebhookSignatureHeader('whsec_proxy_tests', `${body} `) }),
    fc.constant({ 'x-hook0-signature': createWebhookSignatureHeader('whsec_proxy_tests', body, 1) }),
    // Another provider's scheme, correctly made: not Coinbase's.
    fc.constant(
      createStandardWebhookHeaders({ secret: 'whsec_proxy_tests', rawBody: body, messageId: 'msg_1' }),
    ),
  );
}

describe('forged and garbled webhook deliveries', () => {
  it('are refused with 401 (or 4xx for a broken body) before any upstream read, store write or push', async () => {
    const before = await victimNow();
    await fc.assert(
      fc.asyncProperty(
        fc
          .oneof(
            fc.uuid().map((id) => eventFor(victim.id, id)),
            fc.string({ unit: 'binary', maxLength: 200 }),
            fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
            fc.integer({ min: 300_000, max: 400_000 }).map((length) => `"${'x'.repeat(length)}"`),
          )
          .chain((body) => forgedHeaders(body).map((headers) => ({ body, headers }))),
        async ({ body, headers }) => {
          const calls = harness.upstreamCalls.length;
          const writesBefore = writes.length;
          const response = await deliverWebhook(body, headers);
          const text = await response.text();
          expect([401, 413], text).toContain(response.status);
          expectErrorShape(response.status, text);
          expect(harness.upstreamCalls.length).toBe(calls);
          expect(writes.slice(writesBefore)).toEqual([]);
          expect(rejections).toEqual([]);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    expect(await victimNow()).toEqual(before);
  });

  it('signed but garbled bodies never fail the proxy: 4xx or acknowledged, nothing pushed to anyone', async () => {
    const before = await victimNow();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 100 }),
          fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
          fc
            .record({
              eventId: hostileValue,
              eventType: fc.oneof(hostileValue, fc.constant('customers.capability.changed')),
              data: fc.oneof(
                hostileValue,
                fc.record({ customerId: hostileValue, capabilities: hostileValue }),
              ),
            })
            .map((value) => JSON.stringify(value)),
          fc
            .integer({ min: 3_000, max: 20_000 })
            .map((depth) => `{"data":${'['.repeat(depth)}${']'.repeat(depth)}}`),
        ),
        async (body) => {
          const calls = harness.upstreamCalls.length;
          const response = await deliverWebhook(body, {
            'x-hook0-signature': createWebhookSignatureHeader('whsec_proxy_tests', body),
          });
          const text = await response.text();
          expect(response.status, text.slice(0, 300)).toBeLessThan(500);
          if (response.status >= 400) expectErrorShape(response.status, text);
          expect(harness.upstreamCalls.slice(calls).filter((call) => call.method !== 'GET')).toEqual([]);
          expect(rejections).toEqual([]);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    expect(await victimNow()).toEqual(before);
  });
});
