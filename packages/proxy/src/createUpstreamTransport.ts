import { Agent, type Dispatcher } from 'undici';
import {
  requestWithAttempts,
  requestWithRetry,
  parseRetryAfter,
  raceAbort,
  type AttemptListener,
  type RetryableAnswer,
  type RetryOptions,
  type UpstreamAttempt,
} from './requestWithRetry';
import type { UpstreamCallContext } from './Upstream';
import { UpstreamError } from './UpstreamError';

/** Options shared by both provider clients. */
export interface UpstreamTransportOptions {
  /** Provider base URL, e.g. `https://api.cdp.coinbase.com/platform`. */
  baseUrl: string;
  /**
   * How requests leave the process; the sandbox's `fetch` in tests. Always
   * called with a single `Request`. By default JSON calls are dispatched
   * straight to undici's keep-alive pool (a fraction of `fetch`'s cost per call)
   * and documents through `globalThis.fetch`.
   */
  fetch?: (request: Request) => Promise<Response>;
  /** Time limit of each attempt. @default 10000 */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** The provider's idempotency header name. */
  idempotencyHeader: string;
  /**
   * Returns the `Authorization` value for one attempt of one request (or a
   * promise of it, when it must be fetched first); undefined sends none.
   */
  authorize(request: {
    method: string;
    url: RequestTarget;
  }): string | undefined | Promise<string | undefined>;
  /** Called once when the provider answers 401; true to send the request again (a refreshed token). */
  onUnauthorized?(): boolean;
}

/** One JSON request to the provider. */
export interface UpstreamJsonRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  /** Below the base URL, starting with "/". */
  path: string;
  /** Repeat a write that has no idempotency key (only for writes without side effects, like a token). */
  canRetry?: boolean;
  body?: unknown;
  idempotencyKey?: string;
  context?: UpstreamCallContext;
}

/** Sends signed JSON requests with timeouts and retries. */
export interface UpstreamTransport {
  /** Resolves with the parsed JSON of a 2xx answer; rejects with an {@link UpstreamError}. */
  requestJson(request: UpstreamJsonRequest): Promise<unknown>;
  /** Resolves with the text of a 2xx answer, unparsed; rejects with an {@link UpstreamError}. */
  requestText(request: UpstreamJsonRequest): Promise<string>;
  /** Unsigned GET of a document; no redirects are followed. */
  fetchDocument(url: URL, context?: UpstreamCallContext): Promise<Response>;
}

/** Where one request goes below the origin: what it is signed for and sent to. */
export interface RequestTarget {
  /** The origin's host, with its port when it has one. */
  readonly host: string;
  readonly pathname: string;
  readonly search: string;
}

/**
 * A path (or base path) that WHATWG URL parsing leaves as it is: segments of
 * unreserved characters, with no dot segment and no percent-escape to decode.
 * Only such paths skip `new URL`; any other is parsed as before.
 */
const PLAIN_PATH = /^(?:\/[\w~-]+)*$/;

/** Connections to the providers, kept alive across requests; one pool per origin. */
const dispatcher = new Agent({ keepAliveTimeout: 30_000, connections: 64 });

/** A provider's answer to a JSON call: a `Response` (from `options.fetch`) or one already read by {@link sendJson}. */
interface JsonAnswer extends RetryableAnswer {
  readonly ok: boolean;
  text(): Promise<string>;
}

/** Reads one header of undici's raw `[name, value, name, value, ...]` list; names compared case-insensitively. */
function rawHeader(rawHeaders: Buffer[], name: string): string | null {
  const values: string[] = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    if (String(rawHeaders[index]).toLowerCase() === name) values.push(String(rawHeaders[index + 1]));
  }
  return values.length === 0 ? null : values.join(', ');
}

/** An answer {@link JsonCall} has read whole: one object, which is also its own header list. */
class ReadAnswer implements JsonAnswer {
  readonly ok: boolean;
  readonly body = null;

  constructor(
    readonly status: number,
    private readonly rawHeaders: Buffer[],
    readonly bodyText: string,
  ) {
    this.ok = status >= 200 && status < 300;
  }

  get headers(): { get(name: string): string | null } {
    return this;
  }

  get(name: string): string | null {
    return rawHeader(this.rawHeaders, name.toLowerCase());
  }

  text(): Promise<string> {
    return Promise.resolve(this.bodyText);
  }
}

/**
 * One JSON call as an undici dispatch handler: the answer's bytes are
 * collected as they arrive and handed over whole, with no body stream built
 * around them (undici's `request` wraps each answer in a `Readable` that is
 * then read back into a string). One object per call; it is the attempt's
 * abort listener (no closure, no `AbortSignal`), and the abort ends the call
 * at any point, before the connection or mid-body.
 */
class JsonCall implements Dispatcher.DispatchHandler, AttemptListener {
  private status = 0;
  private rawHeaders: Buffer[] = [];
  private readonly chunks: Buffer[] = [];
  private abort: ((reason?: Error) => void) | undefined;
  private settled = false;

  constructor(
    private readonly attempt: UpstreamAttempt,
    private readonly resolve: (answer: JsonAnswer) => void,
    private readonly reject: (error: unknown) => void,
  ) {
    attempt.watch(this);
  }

  /** The attempt's time limit, or the caller's signal, aborted it. */
  attemptAborted(reason: unknown): void {
    if (this.settled) return;
    this.abort?.(reason as Error);
    this.fail(reason);
  }

  onConnect(abort: (reason?: Error) => void): void {
    if (this.attempt.aborted) abort(this.attempt.reason as Error);
    else this.abort = abort;
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    this.status = statusCode;
    this.rawHeaders = rawHeaders;
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    if (this.settled) return;
    this.settled = true;
    const { status, rawHeaders } = this;
    if (status >= 300 && status < 400) {
      this.reject(new TypeError('upstream answered with a redirect, which is never followed'));
      return;
    }
    // 204 and 304 carry no body.
    const text =
      status === 204 || status === 304
        ? ''
        : (this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks)).toString(
            'utf8',
          );
    this.resolve(new ReadAnswer(status, rawHeaders, text));
  }

  onError(error: Error): void {
    this.fail(error);
  }

  private fail(error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.reject(error);
  }
}

/**
 * A JSON call dispatched straight to undici's keep-alive pool: no `Request`
 * object, no fetch algorithm, no body stream, and the answer, already read,
 * is a plain object rather than a `Response` (whose body would be a stream
 * to read again). Redirects are not followed (`fetch`'s `redirect: 'error'`).
 */
function sendJson(input: {
  url: RequestTarget;
  /** The base URL's origin, the same for every call (its paths start with "/"). */
  origin: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  attempt: UpstreamAttempt;
}): Promise<JsonAnswer> {
  return new Promise<JsonAnswer>((resolve, reject) => {
    if (input.attempt.aborted) {
      reject(input.attempt.reason);
      return;
    }
    dispatcher.dispatch(
      {
        origin: input.origin,
        path: `${input.url.pathname}${input.url.search}`,
        method: input.method as Dispatcher.HttpMethod,
        headers: input.headers,
        body: input.body ?? null,
      },
      new JsonCall(input.attempt, resolve, reject),
    );
  });
}

/** One attempt of a JSON call, once authorized: a module function, so a call makes no closure for it. */
function sendAttempt(
  options: UpstreamTransportOptions,
  origin: string,
  request: UpstreamJsonRequest,
  url: RequestTarget,
  body: string | undefined,
  attempt: UpstreamAttempt,
  authorization: string | undefined,
): Promise<JsonAnswer> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (authorization !== undefined) headers.authorization = authorization;
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (request.idempotencyKey !== undefined)
    headers[options.idempotencyHeader.toLowerCase()] = request.idempotencyKey;
  // The default call settles as soon as its attempt is aborted.
  if (!options.fetch) return sendJson({ url, origin, method: request.method, headers, body, attempt });
  // Always a Request object: the sandbox's in-process fetch takes only that. A partner's fetch may
  // ignore the signal, so the call is raced against it: a time limit holds anyway.
  const { signal } = attempt;
  return raceAbort(
    options.fetch(
      new Request(`${origin}${url.pathname}${url.search}`, {
        method: request.method,
        headers,
        body,
        signal,
        redirect: 'error',
      }),
    ),
    signal,
  );
}

/** Error bodies are short; a larger one is not read at all. */
const MAX_ERROR_BODY_CHARACTERS = 16_384;

/** Provider error types are identifiers; anything else is free text and is dropped. */
const ERROR_TYPE_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

function pickErrorType(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const nested =
    typeof record.error === 'object' && record.error !== null
      ? (record.error as Record<string, unknown>)
      : {};
  // Coinbase says `errorType`; other providers say `code` or `type`, flat or under `error`.
  for (const candidate of [
    record.errorType,
    record.code,
    record.type,
    nested.code,
    nested.type,
    record.error,
  ]) {
    if (typeof candidate === 'string' && ERROR_TYPE_PATTERN.test(candidate)) return candidate;
  }
  return undefined;
}

async function readErrorType(response: JsonAnswer): Promise<string | undefined> {
  try {
    const text = await response.text();
    if (text.length > MAX_ERROR_BODY_CHARACTERS) return undefined;
    return pickErrorType(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/**
 * Builds the request machinery both provider clients share: URL joining,
 * per-attempt authorization, the idempotency header, timeouts, retries and
 * the reduction of provider errors to an {@link UpstreamError} that carries a
 * status and an error type but never the provider's message.
 */
export function createUpstreamTransport(options: UpstreamTransportOptions): UpstreamTransport {
  const fetchImplementation = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const defaultTimeoutMs = options.timeoutMs ?? 10_000;
  const base = options.baseUrl.replace(/\/+$/, '');
  const baseUrl = new URL(base);
  const origin = baseUrl.origin;
  const basePath = baseUrl.pathname === '/' ? '' : baseUrl.pathname;
  const plainBase = baseUrl.search === '' && baseUrl.hash === '' && PLAIN_PATH.test(basePath);

  /** The request's URL: built from the parts parsed once when the path is plain, else parsed. */
  function targetOf(path: string): RequestTarget {
    if (plainBase && PLAIN_PATH.test(path))
      return { host: baseUrl.host, pathname: `${basePath}${path}`, search: '' };
    return new URL(`${base}${path}`);
  }

  function send(request: UpstreamJsonRequest): Promise<JsonAnswer> {
    const url = targetOf(request.path);
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    // GETs are safe to repeat; writes only when the provider can de-duplicate them.
    const canRetry = request.canRetry ?? (request.method === 'GET' || request.idempotencyKey !== undefined);
    return requestWithAttempts<JsonAnswer>(
      (attempt) => {
        // Each attempt is authorized afresh (a CDP JWT is single-use); a signature is synchronous.
        const authorization = options.authorize({ method: request.method, url });
        return typeof authorization === 'object'
          ? authorization.then((value) => sendAttempt(options, origin, request, url, body, attempt, value))
          : sendAttempt(options, origin, request, url, body, attempt, authorization);
      },
      {
        canRetry,
        timeoutMs: request.context?.timeoutMs ?? defaultTimeoutMs,
        ...(options.retry ? { retry: options.retry } : {}),
        ...(request.context?.signal ? { signal: request.context.signal } : {}),
      },
    );
  }

  async function requestText(request: UpstreamJsonRequest): Promise<string> {
    let response = await send(request);
    if (response.status === 401 && options.onUnauthorized?.()) {
      await response.body?.cancel().catch(() => undefined);
      response = await send(request);
    }
    if (!response.ok) {
      throw new UpstreamError('http', {
        status: response.status,
        errorType: await readErrorType(response),
        retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')),
      });
    }
    // The default transport's answer is already read: its text is taken with no promise hop.
    if (response instanceof ReadAnswer) return response.bodyText;
    try {
      return await response.text();
    } catch (error) {
      throw new UpstreamError('network', { status: response.status, cause: error });
    }
  }

  return {
    requestText,

    async requestJson(request) {
      const text = await requestText(request);
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        throw new UpstreamError('malformed', { cause: error });
      }
    },

    fetchDocument(url, context) {
      return requestWithRetry(
        (signal) =>
          fetchImplementation(
            new Request(url, {
              method: 'GET',
              headers: { accept: 'text/html, text/plain' },
              signal,
              redirect: 'manual',
            }),
          ),
        {
          canRetry: true,
          timeoutMs: context?.timeoutMs ?? defaultTimeoutMs,
          ...(options.retry ? { retry: options.retry } : {}),
          ...(context?.signal ? { signal: context.signal } : {}),
        },
      );
    },
  };
}
