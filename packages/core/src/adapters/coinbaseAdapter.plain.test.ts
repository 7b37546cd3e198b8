import { describe, expect, it } from 'vitest';
import { coinbase } from '../providers/coinbaseSchemas';
import { coinbaseAdapter, isPlainLooseCustomer } from './coinbaseAdapter';

// The one-pass check of a Coinbase customer must never let through what the loose schema refuses, and
// the customer read through it must be the one the schema path reads. Both are compared here on
// well-formed answers and on thousands of answers altered at random (a seeded generator: the same cases
// on every run).

const id = 'customer_af2937b0-9846-4fe7-bfe9-ccc22d935114';

const answers: Record<string, unknown>[] = [
  {
    customerId: id,
    type: 'individual',
    individual: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' },
    capabilities: {
      custodyFiat: { requested: true, status: 'pending' },
      tradeCrypto: { requested: false, status: 'unrequested' },
    },
    requirements: {
      firstName: { status: 'satisfied', impact: ['custodyFiat'] },
      ssnLast4: { status: 'currently_due', deadline: '2026-12-31T00:00:00Z', impact: ['custodyFiat'] },
      tos: {
        status: 'currently_due',
        tosVersions: [{ versionId: 'v1', languages: ['en', 'es'], url: 'https://example.com/terms/v1' }],
      },
      taxAttestation: { status: 'currently_due', taxForms: ['us_w9'] },
    },
    tosAcceptances: [{ versionId: 'v0', language: 'en', acceptedAt: '2026-01-01T00:00:00Z' }],
    projectIds: ['project-1'],
    createdAt: '2026-12-01T10:00:00Z',
    updatedAt: '2026-12-01T10:05:00Z',
  },
  {
    // The guides' shape: contact fields at the top, a bare ToS url, unknown keys.
    customerId: id,
    email: 'jane@example.com',
    phone: '+14155550100',
    individual: { firstName: 'Jane', dateOfBirth: { day: '15', month: '01', year: '1990' } },
    capabilities: { custodyFiat: { status: 'active' } },
    requirements: { tos: { status: 'eventually_due', url: 'https://example.com/terms?versionId=v2' } },
    somethingNew: { nested: [1, 2, 3] },
  },
  { customerId: id },
];

/** The same answer, read by the schema: its top object is not one `JSON.parse` makes. */
function throughSchema(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  return Object.assign(Object.create(Object.create(Object.prototype) as object) as object, raw);
}

function read(raw: unknown): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: coinbaseAdapter.parseCustomer(raw) };
  } catch (error) {
    return { ok: false, error: String(error) };
  }
}

/** mulberry32: a small seeded generator, so that every run tries the same cases. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const replacements: (() => unknown)[] = [
  () => null,
  () => 0,
  () => 1.5,
  () => true,
  () => false,
  () => '',
  () => 'x',
  () => 'v'.repeat(64),
  () => 'v'.repeat(65),
  () => [],
  () => ['en'],
  () => [''],
  () => [1],
  () => [null],
  () => ({}),
  () => ({ status: 'active' }),
  () => ({ status: 'active', requested: 'yes' }),
  () => ({ versionId: 'v1', languages: ['en'], url: 'https://example.com' }),
  () => ({ versionId: '', languages: [], url: 1 }),
  () => JSON.parse('{"__proto__":{"status":"active"}}') as unknown,
];

/** Every place in a JSON value: the containers and the keys or indexes below them. */
function placesOf(value: unknown, found: { parent: Record<string, unknown>; key: string }[] = []) {
  if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) {
      found.push({ parent: value as Record<string, unknown>, key });
      placesOf((value as Record<string, unknown>)[key], found);
    }
  }
  return found;
}

const extraKeys = [
  'customerId',
  'type',
  'capabilities',
  'requirements',
  'individual',
  'tosAcceptances',
  'projectIds',
  'email',
  'phone',
  'createdAt',
  'status',
  'requested',
  'deadline',
  'impact',
  'tosVersions',
  'taxForms',
  'url',
  'versionId',
  'languages',
  'language',
  'acceptedAt',
  'firstName',
  'lastName',
  '__proto__',
  'unknownKey',
];

function mutate(answer: Record<string, unknown>, random: () => number): unknown {
  const copy = JSON.parse(JSON.stringify(answer)) as Record<string, unknown>;
  const changes = 1 + Math.floor(random() * 3);
  for (let change = 0; change < changes; change += 1) {
    const places = placesOf(copy);
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T;
    const replacement = pick(replacements)();
    const roll = random();
    if (roll < 0.15 && places.length > 0) {
      const { parent, key } = pick(places);
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    } else if (roll < 0.4) {
      const containers = [copy, ...places.map(({ parent, key }) => parent[key])].filter(
        (value): value is Record<string, unknown> =>
          typeof value === 'object' && value !== null && !Array.isArray(value),
      );
      Object.defineProperty(pick(containers), pick(extraKeys), {
        value: replacement,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else if (places.length > 0) {
      const { parent, key } = pick(places);
      parent[key] = replacement;
    }
  }
  return copy;
}

describe('the one-pass check of a Coinbase customer (isPlainLooseCustomer)', () => {
  it('takes well-formed answers, and reads them as the schema does', () => {
    for (const answer of answers) {
      const raw = JSON.parse(JSON.stringify(answer)) as unknown;
      expect(isPlainLooseCustomer(raw)).toBe(true);
      expect(read(raw)).toEqual(read(throughSchema(raw)));
    }
  });

  it('never takes an answer the schema refuses, and reads what it takes as the schema does', () => {
    const random = seeded(20261201);
    let taken = 0;
    let refused = 0;
    for (let index = 0; index < 4000; index += 1) {
      const raw = mutate(answers[index % answers.length] as Record<string, unknown>, random);
      const schema = coinbase.customer.safeParse(throughSchema(raw));
      if (isPlainLooseCustomer(raw)) {
        taken += 1;
        expect(schema.success, JSON.stringify(raw)).toBe(true);
        expect(read(raw), JSON.stringify(raw)).toEqual(read(throughSchema(raw)));
      } else {
        if (!schema.success) refused += 1;
        // Declined answers go to the schema: the same result either way.
        expect(read(raw)).toEqual(read(throughSchema(raw)));
      }
    }
    // The altered answers exercise both sides.
    expect(taken).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(500);
  });

  it('leaves to the schema what it cannot vouch for: a __proto__ key in a map, objects not made by JSON.parse', () => {
    const withProto = JSON.parse(
      `{"customerId":"${id}","capabilities":{"__proto__":{"status":"active"},"custodyFiat":{"status":"active"}}}`,
    ) as unknown;
    expect(isPlainLooseCustomer(withProto)).toBe(false);
    expect(
      Object.keys((coinbaseAdapter.parseCustomer(withProto) as { capabilities: object }).capabilities),
    ).toEqual(['custodyFiat']);
    class Answer {
      customerId = id;
    }
    expect(isPlainLooseCustomer(new Answer())).toBe(false);
    expect(coinbaseAdapter.parseCustomer(new Answer()).id).toBe(id);
  });
});
