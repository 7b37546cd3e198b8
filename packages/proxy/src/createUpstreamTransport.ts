import { requestWithRetry, parseRetryAfter, type RetryOptions } from './requestWithRetry';
import type { UpstreamCallContext } from './Upstream';
import { UpstreamError } from './UpstreamError';

/** Options shared by both provider clients. */
export interface UpstreamTransportOptions {
  /** Provider base URL, e.g. `https://api.cdp.coinbase.com/platform`. */
  baseUrl: string;
  /**
   * How requests leave the process; the sandbox's `fetch` in tests. Always
   * called with a single `Request`.
   * @default globalThis.fetch
   */
  fetch?: (request: Request) => Promise<Response>;
  /** Time limit of each attempt. @default 10000 */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** The provider's idempotency header name. */
  idempotencyHeader: string;
  /** Returns the `Authorization` value for one attempt of one request; undefined sends none. */
  authorize(request: { method: string; url: URL }): Promise<string | undefined>;
  /** Called once when the provider answers 401; true to send the request again (a refreshed token). */
  onUnauthorized?(): boolean;
}

/** One JSON request to the provider. */
export interface UpstreamJsonRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
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
  /** Unsigned GET of a document; no redirects are followed. */
  fetchDocument(url: URL, context?: UpstreamCallContext): Promise<Response>;
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

async function readErrorType(response: Response): Promise<string | undefined> {
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

  async function send(request: UpstreamJsonRequest): Promise<Response> {
    const url = new URL(`${base}${request.path}`);
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    // GETs are safe to repeat; writes only when the provider can de-duplicate them.
    const canRetry = request.canRetry ?? (request.method === 'GET' || request.idempotencyKey !== undefined);
    return requestWithRetry(
      async (signal) => {
        const headers = new Headers({ accept: 'application/json' });
        const authorization = await options.authorize({ method: request.method, url });
        if (authorization !== undefined) headers.set('authorization', authorization);
        if (body !== undefined) headers.set('content-type', 'application/json');
        if (request.idempotencyKey !== undefined)
          headers.set(options.idempotencyHeader, request.idempotencyKey);
        // Always a Request object: the sandbox's in-process fetch takes only that.
        return fetchImplementation(
          new Request(url, { method: request.method, headers, body, signal, redirect: 'error' }),
        );
      },
      {
        canRetry,
        timeoutMs: request.context?.timeoutMs ?? defaultTimeoutMs,
        ...(options.retry ? { retry: options.retry } : {}),
        ...(request.context?.signal ? { signal: request.context.signal } : {}),
      },
    );
  }

  return {
    async requestJson(request) {
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
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        throw new UpstreamError('network', { status: response.status, cause: error });
      }
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        throw new UpstreamError('malformed', { status: response.status, cause: error });
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
