// Test support: a proxy wired in-process to a sandbox, the way a partner
// wires it to a provider. Only tests import it.
import {
  createCoinbaseUpstream,
  createOmsUpstream,
  createOnboardingHandler,
  createSqliteStore,
} from '@kyc-kit/proxy';
import type {
  CoinbaseUpstreamOptions,
  OnboardingHandler,
  OnboardingHandlerOptions,
  RetryOptions,
  Upstream,
} from '@kyc-kit/proxy';
import { DEFAULT_TOS_VERSION_ID, createSandbox, type Sandbox, type SandboxDialect } from '@kyc-kit/sandbox';
import { pino } from 'pino';

/** Where the partner app lives in tests (same origin as the browser). */
export const APP_ORIGIN = 'http://app.test';
/** Where the sandbox is reached (in-process, the host only matters for JWT `uris`). */
export const SANDBOX_ORIGIN = 'http://sandbox.test';
/** The end-user's address as the socket reports it. */
export const CLIENT_ADDRESS = '203.0.113.10';
/** The webhook subscription secret the sandbox signs with and the proxy checks. */
export const WEBHOOK_SECRET = 'whsec_proxy_tests';
/** Where the handler is mounted. */
export const BASE_PATH = '/api/onboarding';

/** One request the proxy sent upstream, as the sandbox received it. */
export interface UpstreamCall {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}

/** One server-sent event block. */
export interface StreamMessage {
  event?: string;
  id?: string;
  data?: string;
  comment?: string;
  retry?: string;
}

/** A browser's open `GET /events`. */
export interface EventStream {
  response: Response;
  /** Every message read so far. */
  received: StreamMessage[];
  /** Resolves with the next message (after those already read) that matches. */
  next(predicate?: (message: StreamMessage) => boolean): Promise<StreamMessage>;
  close(): Promise<void>;
}

/** Options of {@link createProxyHarness}. */
export interface ProxyHarnessOptions {
  provider: 'coinbase' | 'oms';
  /** Use the sandbox's Ed25519 CDP key instead of the ES256 one. */
  ed25519?: boolean;
  /** Replaces the upstream (e.g. one signed with the wrong key). */
  upstream?: (defaults: {
    fetch: (request: Request) => Promise<Response>;
    sandbox: Sandbox;
    retry: RetryOptions;
  }) => Upstream;
  handler?: Partial<Omit<OnboardingHandlerOptions, 'upstream' | 'resolveUser' | 'webhookSecret'>>;
  upstreamTimeoutMs?: number;
  /** OMS only: the clock of the token cache. */
  now?: () => number;
  /** Verification only on `POST /sandbox/advance`. */
  manual?: boolean;
  /** Whether the sandbox sends its own webhooks to the proxy. @default true */
  sandboxWebhooks?: boolean;
  /** The secrets the proxy checks webhooks with (the sandbox signs with {@link WEBHOOK_SECRET}). @default WEBHOOK_SECRET */
  webhookSecret?: string | string[];
  /** Which Coinbase shapes the sandbox answers in. @default 'spec' */
  dialect?: SandboxDialect;
  /** Users whose sessions have ended (signed out, expired): the session lookup answers nobody for them. */
  endedSessions?: ReadonlySet<string>;
  /** Coinbase only: settings of the upstream client (update method, contact placement, ToS resolver). */
  coinbase?: Pick<CoinbaseUpstreamOptions, 'updateMethod' | 'contactFieldPlacement' | 'resolveTosVersion'>;
}

/** Options of one browser request. */
export interface SendOptions {
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  clientAddress?: string | null;
  /** Aborts the request as a browser does when it gives up on it (a newer read, a closed tab). */
  signal?: AbortSignal;
}

/** A proxy in front of an in-process sandbox, with a browser's-eye view of it. */
export interface ProxyHarness {
  readonly handler: OnboardingHandler;
  /** Replaces the handler with a new one on the same store and upstream, as a process restart would. */
  restart(): void;
  sandbox: Sandbox;
  upstreamCalls: UpstreamCall[];
  /** Waits the sandbox asked for before retries (Retry-After honoured or backoff). */
  retryDelays: number[];
  /** Every log line written so far, as one string. */
  logText(): string;
  /** A request as the browser of `user` sends it (null: signed out). */
  send(user: string | null, method: string, path: string, options?: SendOptions): Promise<Response>;
  /** A write with the headers a kit browser sends: JSON, `X-KYC-Kit: 1`, same origin. */
  write(
    user: string,
    method: 'POST' | 'PATCH',
    path: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
  /** A call to the sandbox's control API. */
  control(method: string, path: string, body?: unknown): Promise<unknown>;
  openEvents(user: string, headers?: Record<string, string>): Promise<EventStream>;
  close(): Promise<void>;
}

function parseBlock(block: string): StreamMessage {
  const message: StreamMessage = {};
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) message.comment = line.slice(1).trim();
    else if (line.startsWith('id: ')) message.id = line.slice(4);
    else if (line.startsWith('event: ')) message.event = line.slice(7);
    else if (line.startsWith('data: ')) message.data = line.slice(6);
    else if (line.startsWith('retry: ')) message.retry = line.slice(7);
  }
  return message;
}

function readEvents(response: Response): EventStream {
  const body = response.body;
  if (!body) throw new Error('event stream without a body');
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const received: StreamMessage[] = [];
  let buffer = '';
  let cursor = 0;

  async function readMessage(): Promise<StreamMessage> {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const message = parseBlock(block);
        received.push(message);
        return message;
      }
      const { done, value } = await reader.read();
      if (done) throw new Error('event stream ended');
      buffer += decoder.decode(value, { stream: true });
    }
  }

  return {
    response,
    received,
    async next(predicate = () => true) {
      for (;;) {
        const message = cursor < received.length ? received[cursor] : await readMessage();
        cursor += 1;
        if (message && predicate(message)) return message;
      }
    },
    async close() {
      await reader.cancel().catch(() => undefined);
    },
  };
}

/**
 * A sandbox (verification at once, webhooks delivered straight into the
 * handler) and a proxy whose upstream client reaches it through the real
 * signing path. Sessions are a `session=<user id>` cookie.
 */
export function createProxyHarness(options: ProxyHarnessOptions): ProxyHarness {
  const upstreamCalls: UpstreamCall[] = [];
  const retryDelays: number[] = [];
  const logLines: string[] = [];
  // Filled once the handler exists: the sandbox is created first because the upstream needs it.
  const delivery: { handler?: OnboardingHandler } = {};

  const sandbox = createSandbox({
    ...(options.dialect === undefined ? {} : { dialect: options.dialect }),
    verifyMs: 0,
    manual: options.manual ?? false,
    publicUrl: SANDBOX_ORIGIN,
    webhooks:
      options.sandboxWebhooks === false
        ? undefined
        : {
            url: `${APP_ORIGIN}${BASE_PATH}/webhooks/coinbase`,
            omsUrl: `${APP_ORIGIN}${BASE_PATH}/webhooks/oms`,
            secret: WEBHOOK_SECRET,
            retryBaseMs: 5,
            maxAttempts: 3,
          },
    // The provider's servers reach the partner's webhook route from their own address.
    fetch: async (input, init) => {
      if (!delivery.handler) throw new Error('handler not ready');
      return delivery.handler(new Request(input, init), { clientAddress: '198.51.100.200' });
    },
  });

  const upstreamFetch = async (request: Request): Promise<Response> => {
    const text = await request.clone().text();
    let body: unknown;
    try {
      body = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      body = text;
    }
    upstreamCalls.push({
      method: request.method,
      path: new URL(request.url).pathname,
      headers: new Headers(request.headers),
      body,
    });
    return sandbox.fetch(request);
  };
  const retry: RetryOptions = {
    baseDelayMs: 10,
    random: () => 0,
    sleep: async (milliseconds) => void retryDelays.push(milliseconds),
  };
  const timeoutMs = options.upstreamTimeoutMs ?? 2000;

  let upstream: Upstream;
  if (options.upstream) upstream = options.upstream({ fetch: upstreamFetch, sandbox, retry });
  else if (options.provider === 'coinbase') {
    const key = options.ed25519 ? sandbox.credentials.coinbaseEd25519 : sandbox.credentials.coinbase;
    upstream = createCoinbaseUpstream({
      baseUrl: `${SANDBOX_ORIGIN}/platform`,
      ...key,
      fetch: upstreamFetch,
      retry,
      timeoutMs,
      ...options.coinbase,
    });
  } else {
    upstream = createOmsUpstream({
      baseUrl: `${SANDBOX_ORIGIN}/v0.9`,
      ...sandbox.credentials.oms,
      fetch: upstreamFetch,
      retry,
      timeoutMs,
      tosVersion: {
        versionId: DEFAULT_TOS_VERSION_ID,
        languages: ['en', 'es'],
        url: `${SANDBOX_ORIGIN}/tos/${DEFAULT_TOS_VERSION_ID}`,
      },
      ...(options.now ? { now: options.now } : {}),
    });
  }

  const logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) });
  // Shared by every handler this harness builds, as a file would be across restarts.
  const store = options.handler?.store ?? createSqliteStore();
  const build = (): OnboardingHandler =>
    createOnboardingHandler({
      upstream,
      webhookSecret: options.webhookSecret ?? WEBHOOK_SECRET,
      resolveUser: (request) => {
        const match = /(?:^|;\s*)session=([^;]+)/.exec(request.headers.get('cookie') ?? '');
        const id = match?.[1] ? decodeURIComponent(match[1]) : undefined;
        return id === undefined || options.endedSessions?.has(id) ? null : { id };
      },
      tosOrigins: [SANDBOX_ORIGIN],
      logger,
      timeoutMs,
      ...options.handler,
      store,
    });
  let created = build();
  delivery.handler = created;

  async function send(
    user: string | null,
    method: string,
    path: string,
    sendOptions: SendOptions = {},
  ): Promise<Response> {
    const headers = new Headers(sendOptions.headers);
    if (user !== null) headers.set('cookie', `session=${encodeURIComponent(user)}`);
    const body =
      sendOptions.rawBody ?? (sendOptions.body === undefined ? undefined : JSON.stringify(sendOptions.body));
    const request = new Request(`${APP_ORIGIN}${BASE_PATH}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
      ...(sendOptions.signal ? { signal: sendOptions.signal } : {}),
    });
    const clientAddress =
      sendOptions.clientAddress === undefined ? CLIENT_ADDRESS : sendOptions.clientAddress;
    return created(request, clientAddress === null ? {} : { clientAddress });
  }

  return {
    get handler() {
      return created;
    },
    restart() {
      created = build();
      delivery.handler = created;
    },
    sandbox,
    upstreamCalls,
    retryDelays,
    logText: () => logLines.join(''),
    send,
    write(user, method, path, body, headers = {}) {
      return send(user, method, path, {
        body,
        headers: {
          'content-type': 'application/json',
          'x-kyc-kit': '1',
          origin: APP_ORIGIN,
          'sec-fetch-site': 'same-origin',
          ...headers,
        },
      });
    },
    async control(method, path, body) {
      const response = await sandbox.fetch(
        new Request(`${SANDBOX_ORIGIN}/sandbox${path}`, {
          method,
          headers: { 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      );
      const text = await response.text();
      if (!response.ok) throw new Error(`sandbox control ${method} ${path}: ${response.status} ${text}`);
      return text === '' ? undefined : (JSON.parse(text) as unknown);
    },
    async openEvents(user, headers = {}) {
      const response = await send(user, 'GET', '/events', { headers });
      if (response.status !== 200) throw new Error(`events answered ${response.status}`);
      return readEvents(response);
    },
    async close() {
      await sandbox.close();
    },
  };
}
