import { generateKeyPairSync } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createCoinbaseUpstream } from './createCoinbaseUpstream';
import { createOmsUpstream } from './createOmsUpstream';
import { createOnboardingHandler, type OnboardingHandlerOptions } from './createOnboardingHandler';

// What a partner's server sees at start-up when its configuration is wrong: most often an environment
// variable that is not set (`process.env.CDP_API_KEY_SECRET!` is undefined at run time), or a misspelt option.

const ecPem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const upstream = () => createCoinbaseUpstream({ apiKeyId: 'key', apiKeySecret: ecPem });
/** Options as plain JavaScript (or `process.env.X!`) may pass them: the types do not hold at run time. */
const untyped = (options: Record<string, unknown>) => options as unknown as OnboardingHandlerOptions;

describe('createCoinbaseUpstream refuses a key it cannot use, naming the option', () => {
  it.each([
    [
      'apiKeyId missing',
      { apiKeySecret: ecPem },
      /^createCoinbaseUpstream: apiKeyId is missing: .*environment variable/,
    ],
    ['apiKeySecret missing', { apiKeyId: 'key' }, /^createCoinbaseUpstream: apiKeySecret is missing: /],
    [
      'apiKeySecret empty',
      { apiKeyId: 'key', apiKeySecret: ' ' },
      /^createCoinbaseUpstream: apiKeySecret is empty: /,
    ],
    [
      'a public key as the secret',
      {
        apiKeyId: 'key',
        apiKeySecret: generateKeyPairSync('ec', { namedCurve: 'P-256' })
          .publicKey.export({ type: 'spki', format: 'pem' })
          .toString(),
      },
      /^createCoinbaseUpstream: apiKeySecret: CDP API key secret: the PEM is not a readable private EC \(P-256\) key$/,
    ],
    [
      'neither PEM nor Ed25519',
      { apiKeyId: 'key', apiKeySecret: 'not-a-key' },
      /^createCoinbaseUpstream: apiKeySecret: CDP API key secret: expected a PEM EC key/,
    ],
    [
      'a base URL without its scheme',
      { apiKeyId: 'key', apiKeySecret: ecPem, baseUrl: 'localhost:4010/platform' },
      /^createCoinbaseUpstream: baseUrl must be an absolute http\(s\) URL .*"localhost:4010\/platform"$/,
    ],
  ])('%s', (_case, options, message) => {
    expect(() => createCoinbaseUpstream(options as never)).toThrow(message);
  });

  it('never quotes the secret it refuses', () => {
    const secret = 'c2VjcmV0LXRoYXQtaXMtbm90LWEta2V5';
    expect(() => createCoinbaseUpstream({ apiKeyId: 'key', apiKeySecret: secret })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(secret) as string }),
    );
  });
});

describe('createOmsUpstream refuses missing credentials, naming the option', () => {
  it.each([
    ['apiKey', { apiSecret: 'secret' }, /^createOmsUpstream: apiKey is missing: your OMS API key/],
    [
      'apiSecret',
      { apiKey: 'key', apiSecret: '' },
      /^createOmsUpstream: apiSecret is empty: your OMS API secret/,
    ],
  ])('%s', (_name, options, message) => {
    expect(() => createOmsUpstream(options as never)).toThrow(message);
  });
});

describe('createOnboardingHandler refuses options it cannot work with, at start-up', () => {
  it('without an options object', () => {
    expect(() => createOnboardingHandler(undefined as never)).toThrow(
      'createOnboardingHandler: pass an options object ({ upstream, resolveUser, webhookSecret })',
    );
  });

  it('without an upstream', () => {
    expect(() => createOnboardingHandler(untyped({ resolveUser: () => null, webhookSecret: 's' }))).toThrow(
      /^createOnboardingHandler: upstream is missing: pass createCoinbaseUpstream\(/,
    );
  });

  it('without resolveUser, and says which option a misnamed one should be', () => {
    expect(() => createOnboardingHandler(untyped({ upstream: upstream(), webhookSecret: 's' }))).toThrow(
      /^createOnboardingHandler: resolveUser must be a function, your session lookup/,
    );
    expect(() =>
      createOnboardingHandler(untyped({ upstream: upstream(), getUser: () => null, webhookSecret: 's' })),
    ).toThrow(/resolveUser must be a function.* \(there is no getUser option\)$/);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['an empty rotation', []],
    ['a rotation with an unset secret', ['whsec_old', undefined]],
  ])('with a webhookSecret %s', (_case, webhookSecret) => {
    expect(() =>
      createOnboardingHandler(untyped({ upstream: upstream(), resolveUser: () => null, webhookSecret })),
    ).toThrow(/^createOnboardingHandler: webhookSecret is missing or empty: /);
  });

  it.each([
    ['too short to be a secret', 'log-key'],
    ['not a string', 42],
  ])('with a logUserKey %s', (_case, logUserKey) => {
    expect(() =>
      createOnboardingHandler(
        untyped({ upstream: upstream(), resolveUser: () => null, webhookSecret: 'whsec_test', logUserKey }),
      ),
    ).toThrow(/^createOnboardingHandler: logUserKey must be a secret of at least 32 characters/);
  });
});

describe('a session lookup that returns something else than a user or null', () => {
  it('answers 401, and the log says resolveUser returned the wrong shape', async () => {
    const lines: string[] = [];
    const logger = pino(
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    const handler = createOnboardingHandler(
      untyped({ upstream: upstream(), resolveUser: () => ({ userId: 'u1' }), webhookSecret: 's', logger }),
    );
    const answer = await handler(new Request('http://app.test/api/onboarding/customer'), {
      clientAddress: '127.0.0.1',
    });
    await handler.close();
    expect(answer.status).toBe(401);
    const refused = lines.map((line) => JSON.parse(line) as { msg: string; detail?: string });
    expect(refused).toContainEqual(
      expect.objectContaining({
        msg: 'request refused',
        detail: 'resolveUser returned neither null nor { id: string }',
      }),
    );
    expect(lines.join('')).not.toContain('u1');
  });
});
