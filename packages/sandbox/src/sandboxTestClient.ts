import { createPrivateKey, randomBytes } from 'node:crypto';
import { coinbase, oms } from '@kyc-kit/core/server';
import { SignJWT } from 'jose';
import { createSandbox } from './createSandbox';
import type { Sandbox, SandboxOptions } from './createSandbox';
import type { SandboxDialect } from './sandboxDialect';

/** The origin tests address the in-process sandbox by (the JWT's `uris` name its host). */
export const TEST_ORIGIN = 'http://sandbox.test';

/** A parsed answer from the sandbox. */
export interface TestResponse<Body = unknown> {
  status: number;
  headers: Headers;
  body: Body;
}

/** How a test signs its CDP token; each field bends one rule to check the sandbox refuses it. */
export interface TokenOptions {
  key?: 'es256' | 'ed25519';
  issuer?: string;
  subject?: string;
  keyId?: string;
  uri?: string;
  notBefore?: number;
  expiresAt?: number;
  /** `null` leaves `iat` out. */
  issuedAt?: number | null;
  /** `null` leaves the header's `nonce` out; a string is sent as it is. */
  nonce?: string | null;
  signWith?: ReturnType<typeof createPrivateKey>;
}

type Json = Record<string, unknown>;

/**
 * Test helper: a sandbox plus clients for its three APIs. Every Coinbase and OMS
 * answer is parsed with @kyc-kit/core's strict provider schemas before the test
 * sees it, so a field the spec does not know fails the test that received it.
 */
export interface SandboxTestClient {
  sandbox: Sandbox;
  signToken(method: string, url: string, options?: TokenOptions): Promise<string>;
  coinbase(
    method: string,
    path: string,
    body?: unknown,
    init?: { headers?: Record<string, string>; token?: TokenOptions | null },
  ): Promise<TestResponse<Json>>;
  oms(
    method: string,
    path: string,
    body?: unknown,
    init?: { headers?: Record<string, string>; token?: string | null },
  ): Promise<TestResponse<Json>>;
  control(method: string, path: string, body?: unknown): Promise<TestResponse<Json>>;
  omsToken(): Promise<string>;
  close(): Promise<void>;
}

function parseCoinbaseBody(
  method: string,
  path: string,
  status: number,
  body: unknown,
  dialect: SandboxDialect,
): void {
  // The dialect's own exact schemas: the guides' shapes fail the spec's and the other way round.
  const schemas = dialect === 'guides' ? coinbase.guides : coinbase.strict;
  if (status === 204) return;
  if (status >= 400) {
    schemas.error.parse(body);
    return;
  }
  if (method === 'GET' && /^\/platform\/v2\/customers\/?$/.test(path.split('?')[0] ?? '')) {
    schemas.listResponse.parse(body);
    return;
  }
  schemas.customer.parse(body);
}

function parseOmsBody(method: string, path: string, status: number, body: unknown, exact: boolean): void {
  // Seed 004's shapes are checked exactly; the other documented shapes with the kit's lenient reader.
  if (!exact && status < 400 && path.split('?')[0] !== '/v0.9/auth/token') {
    if (method === 'GET' && path.split('?')[0] === '/v0.9/customers') oms.listResponse.parse(body);
    else oms.customer.parse(body);
    return;
  }
  if (status >= 400) {
    oms.strict.error.parse(body);
    return;
  }
  const bare = path.split('?')[0] ?? '';
  if (bare === '/v0.9/auth/token') oms.strict.tokenResponse.parse(body);
  else if (method === 'GET' && bare === '/v0.9/customers') oms.strict.listResponse.parse(body);
  else oms.strict.customer.parse(body);
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

/** Starts a sandbox for one test (in memory, manual verification unless told otherwise). */
export function createSandboxTestClient(options: SandboxOptions = {}): SandboxTestClient {
  const sandbox = createSandbox({ manual: true, publicUrl: TEST_ORIGIN, ...options });
  const keys = {
    es256: {
      id: sandbox.credentials.coinbase.apiKeyId,
      key: createPrivateKey(sandbox.credentials.coinbase.apiKeySecret),
      alg: 'ES256',
    },
    ed25519: (() => {
      const bytes = Buffer.from(sandbox.credentials.coinbaseEd25519.apiKeySecret, 'base64');
      return {
        id: sandbox.credentials.coinbaseEd25519.apiKeyId,
        key: createPrivateKey({
          format: 'jwk',
          key: {
            kty: 'OKP',
            crv: 'Ed25519',
            d: bytes.subarray(0, 32).toString('base64url'),
            x: bytes.subarray(32).toString('base64url'),
          },
        }),
        alg: 'EdDSA',
      };
    })(),
  };

  async function signToken(method: string, url: string, options: TokenOptions = {}): Promise<string> {
    const chosen = keys[options.key ?? 'es256'];
    const target = new URL(url);
    const now = Math.floor(Date.now() / 1000);
    const nonce = options.nonce === undefined ? randomBytes(16).toString('hex') : options.nonce;
    const jwt = new SignJWT({ uris: [options.uri ?? `${method} ${target.host}${target.pathname}`] })
      .setProtectedHeader({
        alg: chosen.alg,
        kid: options.keyId ?? chosen.id,
        typ: 'JWT',
        ...(nonce === null ? {} : { nonce }),
      })
      .setSubject(options.subject ?? chosen.id)
      .setIssuer(options.issuer ?? 'cdp')
      .setNotBefore(options.notBefore ?? now)
      .setExpirationTime(options.expiresAt ?? now + 120);
    if (options.issuedAt !== null) jwt.setIssuedAt(options.issuedAt ?? now);
    return jwt.sign(options.signWith ?? chosen.key);
  }

  let cachedOmsToken: string | undefined;

  const client: SandboxTestClient = {
    sandbox,
    signToken,
    async coinbase(method, path, body, init = {}) {
      const url = `${TEST_ORIGIN}${path}`;
      const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
      if (init.token !== null)
        headers.authorization = `Bearer ${await signToken(method, url, init.token ?? {})}`;
      const response = await sandbox.fetch(
        new Request(url, {
          method,
          headers,
          ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
        }),
      );
      const parsed = await readBody(response);
      parseCoinbaseBody(method, path, response.status, parsed, options.dialect ?? 'spec');
      return { status: response.status, headers: response.headers, body: parsed as Json };
    },
    async omsToken() {
      cachedOmsToken ??= (
        (await client.oms('POST', '/v0.9/auth/token', sandbox.credentials.oms, { token: null })).body as {
          accessToken: string;
        }
      ).accessToken;
      return cachedOmsToken;
    },
    async oms(method, path, body, init = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
      const token = init.token === undefined ? await client.omsToken() : init.token;
      if (token !== null) headers.authorization = `Bearer ${token}`;
      const response = await sandbox.fetch(
        new Request(`${TEST_ORIGIN}${path}`, {
          method,
          headers,
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      );
      const parsed = await readBody(response);
      const shapes = (
        (await (await sandbox.fetch(new Request(`${TEST_ORIGIN}/sandbox/dialect`))).json()) as {
          omsShapes: { endorsements: string; issues: string };
        }
      ).omsShapes;
      parseOmsBody(
        method,
        path,
        response.status,
        parsed,
        shapes.endorsements === 'objects' && shapes.issues === 'names',
      );
      return { status: response.status, headers: response.headers, body: parsed as Json };
    },
    async control(method, path, body) {
      const response = await sandbox.fetch(
        new Request(`${TEST_ORIGIN}/sandbox${path}`, {
          method,
          headers: { 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      );
      return { status: response.status, headers: response.headers, body: (await readBody(response)) as Json };
    },
    close: () => sandbox.close(),
  };
  return client;
}

/** A complete set of Coinbase base fields that verification passes (seed 003's base set). */
export const PASSING_INDIVIDUAL = {
  firstName: 'Jane',
  lastName: 'Doe',
  dateOfBirth: { day: '15', month: '1', year: '1990' },
  fullSsn: '123-45-6789',
  address: { line1: '500 Main St', city: 'Boston', state: 'MA', postCode: '02108', countryCode: 'US' },
  purposeOfAccount: 'investing',
  sourceOfFunds: 'salary',
} as const;

/** The tradeCrypto extras, passing. */
export const TRADE_CRYPTO_EXTRAS = {
  citizenship: 'US',
  employmentStatus: 'employed_fulltime',
  occupation: 'technology',
  expectedVolume: 'under_1k',
  email: 'jane.doe@example.com',
  phoneNumber: '+14155550100',
} as const;

/** A complete OMS individual that verification passes. */
export const PASSING_OMS_CUSTOMER = {
  type: 'individual',
  firstName: 'Jane',
  lastName: 'Doe',
  email: 'jane@example.com',
  phone: '+12125551234',
  birthDate: '1990-05-15',
  nationality: 'US',
  signedAgreement: true,
  residentialAddress: { line1: '1 Main St', city: 'New York', state: 'NY', country: 'US', zipCode: '10001' },
  identifyingInformation: [{ type: 'ssn', issuingCountry: 'US', number: '123-45-6789' }],
} as const;
