import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeListener } from './createNodeListener';
import { createPostgresStore, type PostgresStoreOptions } from './createPostgresStore';
import { createRateLimiter, type RateLimit } from './createRateLimiter';
import { createSqliteStore } from './createSqliteStore';
import { createCoinbaseUpstream } from './createCoinbaseUpstream';
import { createOnboardingHandler, type OnboardingHandlerOptions } from './createOnboardingHandler';
import { generateKeyPairSync } from 'node:crypto';

// Options a partner's server gets wrong at start-up (an environment variable not set, a string where a
// number goes, a misnamed limit): each is refused there, naming the option, never taken and failed on later.

describe('createPostgresStore without a connection string', () => {
  it.each([
    ['left out', {}],
    ['an unset environment variable', { connectionString: process.env.KYC_KIT_UNSET_DATABASE_URL }],
    ['empty', { connectionString: '' }],
  ])('%s: refused at once, instead of connecting where the PG* variables point', (_case, options) => {
    // The defaults node-postgres would otherwise fall back to, set as on a partner's machine.
    process.env.PGHOST = '127.0.0.1';
    process.env.PGPORT = '9';
    try {
      expect(() => createPostgresStore(options as PostgresStoreOptions)).toThrow(
        expect.objectContaining({
          name: 'TypeError',
          message: expect.stringMatching(
            /^createPostgresStore: connectionString is (missing|empty): .*DATABASE_URL.*environment variable/,
          ) as string,
        }),
      );
    } finally {
      delete process.env.PGHOST;
      delete process.env.PGPORT;
    }
  });

  it('without an options object, says what it holds', () => {
    expect(() => createPostgresStore(undefined as never)).toThrow(
      'createPostgresStore: pass an options object ({ connectionString })',
    );
  });

  it('with a timeout read from the environment as a string', () => {
    expect(() =>
      createPostgresStore({
        connectionString: 'postgres://kyc@127.0.0.1:9/kyc',
        queryTimeoutMs: '5000' as never,
      }),
    ).toThrow('createPostgresStore: queryTimeoutMs must be a number of at least 1, got the string "5000"');
  });
});

describe('createNodeListener without a handler', () => {
  it.each([
    ['undefined', undefined, 'undefined'],
    ['the options instead of the handler', { upstream: {} }, 'object'],
  ])('%s: refused at once, naming what it takes', (_case, handler, got) => {
    expect(() => createNodeListener(handler as never)).toThrow(
      `createNodeListener: pass the handler createOnboardingHandler({ upstream, resolveUser, webhookSecret }) returns, got ${got}`,
    );
  });
});

describe('createSqliteStore with a path it cannot use', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'kyc-kit-sqlite-options-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('in a folder that does not exist: names the folder', () => {
    const missing = path.join(folder, 'data');
    expect(() => createSqliteStore({ path: path.join(missing, 'kyc-kit.db') })).toThrow(
      `createSqliteStore: path: the folder ${missing} does not exist (create it first)`,
    );
  });

  it('given as the path itself: refused, instead of a store in memory lost on a restart', () => {
    const file = path.join(folder, 'kyc-kit.db');
    expect(() => createSqliteStore(file as never)).toThrow(
      `createSqliteStore: pass { path: ${JSON.stringify(file)} }, not the path itself`,
    );
  });
});

const apiKeySecret = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const handlerWith = (rateLimit: unknown) =>
  createOnboardingHandler({
    upstream: createCoinbaseUpstream({ apiKeyId: 'key', apiKeySecret }),
    resolveUser: () => null,
    webhookSecret: 'secret',
    rateLimit,
  } as OnboardingHandlerOptions);

describe('rate limits of the wrong shape', () => {
  it.each([
    [
      'a count read from the environment',
      { perUser: { limit: '60', windowMs: 60_000 } },
      'rateLimit.perUser',
    ],
    ['a window as a string', { perAddress: { limit: 60, windowMs: '60000' } }, 'rateLimit.perAddress'],
    ['a bare number', { perUser: 60 }, 'rateLimit.perUser'],
    ['express-rate-limit names', { perUser: { max: 60, windowMs: 60_000 } }, 'rateLimit.perUser'],
  ])('%s: refused by createOnboardingHandler, naming the limit', (_case, rateLimit, name) => {
    expect(() => handlerWith(rateLimit)).toThrow(
      new RegExp(
        `^createOnboardingHandler: ${name.replace('.', '\\.')} must be \\{ limit, windowMs \\}, numbers`,
      ),
    );
  });

  it('a misnamed limit is refused, not left unused', () => {
    expect(() => handlerWith({ perIp: { limit: 10, windowMs: 60_000 } })).toThrow(
      'createOnboardingHandler: rateLimit has no perIp limit: its limits are perUser, perAddress, webhookFailuresPerAddress',
    );
  });

  it('createRateLimiter refuses one too, and takes Infinity as no limit', () => {
    expect(() => createRateLimiter({ limit: '5', windowMs: 1000 } as unknown as RateLimit)).toThrow(
      /^createRateLimiter: rateLimit must be \{ limit, windowMs \}/,
    );
    expect(createRateLimiter({ limit: Infinity, windowMs: 1000 }).hit('a')).toEqual({ allowed: true });
  });
});
