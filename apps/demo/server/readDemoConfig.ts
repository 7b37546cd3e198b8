import { randomBytes } from 'node:crypto';

/** Which published Coinbase shapes the sandbox speaks: the OpenAPI file's or the guides'. */
export type SandboxDialect = 'spec' | 'guides';

/** Which provider the sandbox simulates when it is the upstream. */
export type SandboxProvider = 'coinbase' | 'oms';

/** Where the demo's proxy sends its calls: the in-process sandbox or a real provider. */
export type DemoUpstreamConfig =
  | {
      kind: 'sandbox';
      provider: SandboxProvider;
      verifyMs: number;
      dataPath?: string;
      /** Which published Coinbase shapes the sandbox answers in (`KYC_SANDBOX_DIALECT`). @default 'spec' */
      dialect: SandboxDialect;
    }
  | { kind: 'coinbase'; baseUrl: string; apiKeyId: string; apiKeySecret: string }
  | { kind: 'oms'; baseUrl: string; apiKey: string; apiSecret: string };

/** Everything the demo server needs, read once from the environment at start. */
export interface DemoConfig {
  /** TCP port the server listens on. @default 3000 */
  port: number;
  /** The origin browsers reach the server at, used for ToS document URLs. */
  publicUrl: string;
  upstream: DemoUpstreamConfig;
  /** Where sessions, the proxy's links and the sandbox's customers are kept (SQLite files); in memory when absent. */
  dataDirectory?: string;
  /** A `postgres://` URL: the proxy's store and the sessions live in Postgres instead. */
  databaseUrl?: string;
  /** Reverse proxies in front of the server whose `X-Forwarded-For` entries are believed. @default 0 */
  trustedProxyCount: number;
  /** Sign-ins one address may make a minute (`KYC_SIGN_IN_LIMIT`); past it, 429 until the minute ends. @default 10 */
  signInsPerMinute: number;
  /** Verifies provider webhooks at the proxy; random per process for the sandbox. */
  webhookSecret: string;
  /** Set when the secret was generated, so the server can say webhooks from a real provider will fail. */
  webhookSecretGenerated: boolean;
}

/** Thrown when the environment cannot describe a runnable demo; the message says what to set. */
export class DemoConfigError extends Error {
  /** The environment variables that are missing or wrong. */
  readonly variables: string[];

  constructor(message: string, variables: string[]) {
    super(message);
    this.name = 'DemoConfigError';
    this.variables = variables;
  }
}

/** The variables read, all optional except a real upstream's credentials. */
export type DemoEnvironment = Record<string, string | undefined>;

const COINBASE_BASE_URL = 'https://api.cdp.coinbase.com/platform';
const OMS_BASE_URL = 'https://api.polygon.technology/v0.9';
const DEFAULT_VERIFY_MS = 2000;
const UPSTREAM_NAMES = ['sandbox', 'sandbox-oms', 'coinbase', 'oms'] as const;

function readValue(environment: DemoEnvironment, name: string): string | undefined {
  const value = environment[name]?.trim();
  return value ? value : undefined;
}

function readPort(environment: DemoEnvironment): number {
  const raw = readValue(environment, 'PORT');
  if (raw === undefined) return 3000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new DemoConfigError(`PORT must be a whole number from 1 to 65535 (got "${raw}").`, ['PORT']);
  }
  return port;
}

function readVerifyMs(environment: DemoEnvironment): number {
  const raw = readValue(environment, 'KYC_SANDBOX_VERIFY_MS');
  if (raw === undefined) return DEFAULT_VERIFY_MS;
  const milliseconds = Number(raw);
  if (!Number.isInteger(milliseconds) || milliseconds < 0) {
    throw new DemoConfigError(
      `KYC_SANDBOX_VERIFY_MS must be a whole number of milliseconds, 0 or more (got "${raw}").`,
      ['KYC_SANDBOX_VERIFY_MS'],
    );
  }
  return milliseconds;
}

function readSandboxProvider(environment: DemoEnvironment, upstreamName: string): SandboxProvider {
  if (upstreamName === 'sandbox-oms') return 'oms';
  const raw = readValue(environment, 'KYC_SANDBOX_PROVIDER') ?? 'coinbase';
  if (raw === 'coinbase' || raw === 'oms') return raw;
  throw new DemoConfigError(`KYC_SANDBOX_PROVIDER must be "coinbase" or "oms" (got "${raw}").`, [
    'KYC_SANDBOX_PROVIDER',
  ]);
}

function readSandboxDialect(environment: DemoEnvironment): SandboxDialect {
  const raw = readValue(environment, 'KYC_SANDBOX_DIALECT') ?? 'spec';
  if (raw === 'spec' || raw === 'guides') return raw;
  throw new DemoConfigError(`KYC_SANDBOX_DIALECT must be "spec" or "guides" (got "${raw}").`, [
    'KYC_SANDBOX_DIALECT',
  ]);
}

function requireCredentials(environment: DemoEnvironment, upstreamName: string, names: string[]): string[] {
  const missing = names.filter((name) => readValue(environment, name) === undefined);
  if (missing.length > 0) {
    throw new DemoConfigError(
      `KYC_UPSTREAM=${upstreamName} needs ${missing.join(' and ')}. ` +
        `Set ${missing.length === 1 ? 'it' : 'them'} in the environment, or unset KYC_UPSTREAM to run against the local sandbox.`,
      missing,
    );
  }
  return names.map((name) => readValue(environment, name) ?? '');
}

function readUpstream(environment: DemoEnvironment): DemoUpstreamConfig {
  const upstreamName = readValue(environment, 'KYC_UPSTREAM') ?? 'sandbox';
  if (!(UPSTREAM_NAMES as readonly string[]).includes(upstreamName)) {
    throw new DemoConfigError(
      `KYC_UPSTREAM must be one of ${UPSTREAM_NAMES.join(', ')} (got "${upstreamName}").`,
      ['KYC_UPSTREAM'],
    );
  }
  if (upstreamName === 'coinbase') {
    const [apiKeyId = '', apiKeySecret = ''] = requireCredentials(environment, upstreamName, [
      'CDP_API_KEY_ID',
      'CDP_API_KEY_SECRET',
    ]);
    // Keys pasted from a .env file often carry literal "\n" instead of line breaks.
    return {
      kind: 'coinbase',
      baseUrl: readValue(environment, 'CDP_BASE_URL') ?? COINBASE_BASE_URL,
      apiKeyId,
      apiKeySecret: apiKeySecret.replace(/\\n/g, '\n'),
    };
  }
  if (upstreamName === 'oms') {
    const [apiKey = '', apiSecret = ''] = requireCredentials(environment, upstreamName, [
      'OMS_API_KEY',
      'OMS_API_SECRET',
    ]);
    return {
      kind: 'oms',
      baseUrl: readValue(environment, 'OMS_BASE_URL') ?? OMS_BASE_URL,
      apiKey,
      apiSecret,
    };
  }
  const dataPath = readValue(environment, 'KYC_SANDBOX_DATA');
  return {
    kind: 'sandbox',
    provider: readSandboxProvider(environment, upstreamName),
    verifyMs: readVerifyMs(environment),
    dialect: readSandboxDialect(environment),
    ...(dataPath === undefined ? {} : { dataPath }),
  };
}

function readDatabaseUrl(environment: DemoEnvironment): string | undefined {
  const raw = readValue(environment, 'KYC_DATABASE_URL');
  if (raw === undefined) return undefined;
  if (!/^postgres(ql)?:\/\//.test(raw)) {
    throw new DemoConfigError('KYC_DATABASE_URL must be a postgres:// URL.', ['KYC_DATABASE_URL']);
  }
  return raw;
}

function readTrustedProxyCount(environment: DemoEnvironment): number {
  const raw = readValue(environment, 'KYC_TRUSTED_PROXIES');
  if (raw === undefined) return 0;
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 0 || count > 10) {
    throw new DemoConfigError(`KYC_TRUSTED_PROXIES must be a whole number from 0 to 10 (got "${raw}").`, [
      'KYC_TRUSTED_PROXIES',
    ]);
  }
  return count;
}

function readSignInLimit(environment: DemoEnvironment): number {
  const raw = readValue(environment, 'KYC_SIGN_IN_LIMIT');
  if (raw === undefined) return 10;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) {
    throw new DemoConfigError(
      `KYC_SIGN_IN_LIMIT must be a whole number of sign-ins a minute from 1 to 100000 (got "${raw}").`,
      ['KYC_SIGN_IN_LIMIT'],
    );
  }
  return limit;
}

function readPublicUrl(environment: DemoEnvironment, port: number): string {
  const raw = readValue(environment, 'PUBLIC_URL');
  if (raw === undefined) return `http://localhost:${port}`;
  try {
    return new URL(raw).origin;
  } catch {
    throw new DemoConfigError(
      `PUBLIC_URL must be an absolute URL such as https://demo.example.com (got "${raw}").`,
      ['PUBLIC_URL'],
    );
  }
}

/**
 * Turns the environment into the demo server's configuration.
 *
 * `KYC_UPSTREAM` picks the upstream: `sandbox` (default, simulating Coinbase,
 * or OMS with `KYC_SANDBOX_PROVIDER=oms`), `sandbox-oms`, `coinbase`
 * (`CDP_API_KEY_ID`, `CDP_API_KEY_SECRET`) or `oms` (`OMS_API_KEY`,
 * `OMS_API_SECRET`). A real upstream without its credentials throws a
 * {@link DemoConfigError} naming the missing variables, so the server refuses
 * to start rather than failing on the first request.
 *
 * @param generateSecret makes the random secrets; tests pass a fixed one.
 */
export function readDemoConfig(
  environment: DemoEnvironment,
  generateSecret: () => string = () => randomBytes(32).toString('hex'),
): DemoConfig {
  const port = readPort(environment);
  const upstream = readUpstream(environment);
  const webhookSecret = readValue(environment, 'KYC_WEBHOOK_SECRET');
  const dataDirectory = readValue(environment, 'KYC_DATA_DIR');
  const databaseUrl = readDatabaseUrl(environment);
  return {
    port,
    publicUrl: readPublicUrl(environment, port),
    upstream,
    ...(dataDirectory === undefined ? {} : { dataDirectory }),
    ...(databaseUrl === undefined ? {} : { databaseUrl }),
    trustedProxyCount: readTrustedProxyCount(environment),
    signInsPerMinute: readSignInLimit(environment),
    webhookSecret: webhookSecret ?? generateSecret(),
    webhookSecretGenerated: webhookSecret === undefined,
  };
}
