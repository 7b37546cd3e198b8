import {
  apiErrorSchema,
  customerReadResponseSchema,
  customerResponseSchema,
  tosDocumentSchema,
} from '@kyc-kit/core';
import type {
  CreateCustomerBody as WireCreateCustomerBody,
  Customer,
  TosAcceptBody,
  TosDocument,
  UpdateCustomerBody as WireUpdateCustomerBody,
} from '@kyc-kit/core';
import { KycKitApiError } from './KycKitApiError';

/** Options of {@link createProxyClient}. */
export interface ProxyClientOptions {
  /**
   * Where @kyc-kit/proxy is mounted, on the page's own origin.
   * @default '/api/onboarding'
   */
  baseUrl?: string;
  /**
   * The fetch to use; tests pass one that calls the proxy handler in-process.
   * Read at call time, so a page that polyfills fetch late still works.
   * @default globalThis.fetch
   */
  fetch?: typeof fetch;
}

/** Per-call options of a read. */
export interface ProxyReadOptions {
  /** Aborts the request (TanStack Query passes one per query). */
  signal?: AbortSignal;
}

/** Per-call options of a write. */
export interface ProxyWriteOptions extends ProxyReadOptions {
  /** One key per logical submit; a retry of the same submit sends the same key. */
  idempotencyKey: string;
}

// The wire types are core's, inferred from the schemas the proxy parses with: one definition for both ends.
/** Body of `POST /customer` (core's `CreateCustomerBody`). */
export type CreateCustomerBody = WireCreateCustomerBody;
/** Body of `PATCH /customer` (core's `UpdateCustomerBody`). */
export type UpdateCustomerBody = WireUpdateCustomerBody;
/** Body of `POST /customer/tos` (core's `TosAcceptBody`). */
export type AcceptTermsOfServiceBody = TosAcceptBody;
/** A Terms of Service document as the proxy serves it (core's `TosDocument`; `html` sanitized by the proxy). */
export type TermsOfServiceDocument = TosDocument;

/**
 * A typed client of @kyc-kit/proxy's routes (see docs/contracts.md). Every
 * method rejects with {@link KycKitApiError}.
 */
export interface ProxyClient {
  /** The base URL the client was created with. */
  readonly baseUrl: string;
  /** `GET /customer`; resolves `null` when the user has no customer yet (200 `{ customer: null }`). */
  getCustomer(options?: ProxyReadOptions): Promise<Customer | null>;
  /** `POST /customer`. */
  createCustomer(body: CreateCustomerBody, options: ProxyWriteOptions): Promise<Customer>;
  /** `PATCH /customer`. */
  updateCustomer(body: UpdateCustomerBody, options: ProxyWriteOptions): Promise<Customer>;
  /** `POST /customer/tos`. */
  acceptTermsOfService(body: AcceptTermsOfServiceBody, options: ProxyWriteOptions): Promise<Customer>;
  /** `GET /tos/:versionId?language=`. */
  getTermsOfServiceDocument(
    input: { versionId: string; language: string },
    options?: ProxyReadOptions,
  ): Promise<TermsOfServiceDocument>;
  /** The URL of the server-sent event stream (`GET /events`). */
  eventsUrl(): string;
}

/** Headers every write carries: `X-KYC-Kit` is the proxy's CSRF check (a cross-site form cannot send it). */
const WRITE_HEADERS = { 'Content-Type': 'application/json', 'X-KYC-Kit': '1' } as const;

/**
 * Creates a {@link ProxyClient} for @kyc-kit/proxy mounted at `baseUrl`.
 * Requests send cookies only to the same origin: the proxy resolves the user
 * from the partner's session cookie, and no token ever lives in the page.
 *
 * @example
 * const client = createProxyClient({ baseUrl: '/api/onboarding' });
 */
export function createProxyClient(options: ProxyClientOptions = {}): ProxyClient {
  const baseUrl = (options.baseUrl ?? '/api/onboarding').replace(/\/+$/, '');
  const fetchImplementation = (): typeof fetch => options.fetch ?? globalThis.fetch;

  async function send(path: string, init: RequestInit): Promise<{ status: number; body: unknown }> {
    let response: Response;
    try {
      response = await fetchImplementation()(`${baseUrl}${path}`, {
        ...init,
        credentials: 'same-origin',
        headers: { Accept: 'application/json', ...init.headers },
      });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw new KycKitApiError({
        code: 'network_error',
        message: 'The connection failed. Check your connection and try again.',
        status: 0,
        retryable: true,
      });
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw errorFromResponse(response.status, body);
    return { status: response.status, body };
  }

  function write(method: 'POST' | 'PATCH', path: string, body: unknown, writeOptions: ProxyWriteOptions) {
    return send(path, {
      method,
      body: JSON.stringify(body),
      headers: { ...WRITE_HEADERS, 'Idempotency-Key': writeOptions.idempotencyKey },
      signal: writeOptions.signal,
    }).then(readCustomer);
  }

  return {
    baseUrl,
    async getCustomer(readOptions = {}) {
      // "No customer yet" is a 200 with `customer: null`, never an error status the browser would log.
      const answer = await send('/customer', { method: 'GET', signal: readOptions.signal });
      const parsed = customerReadResponseSchema.safeParse(answer.body);
      if (!parsed.success) throw malformedResponse(answer.status);
      return parsed.data.customer;
    },
    createCustomer: (body, writeOptions) => write('POST', '/customer', body, writeOptions),
    updateCustomer: (body, writeOptions) => write('PATCH', '/customer', body, writeOptions),
    acceptTermsOfService: (body, writeOptions) => write('POST', '/customer/tos', body, writeOptions),
    async getTermsOfServiceDocument(input, readOptions = {}) {
      const query = new URLSearchParams({ language: input.language });
      const answer = await send(`/tos/${encodeURIComponent(input.versionId)}?${query.toString()}`, {
        method: 'GET',
        signal: readOptions.signal,
      });
      const parsed = tosDocumentSchema.safeParse(answer.body);
      if (!parsed.success) throw malformedResponse(answer.status);
      return parsed.data;
    },
    eventsUrl: () => `${baseUrl}/events`,
  };
}

function readCustomer(answer: { status: number; body: unknown }): Customer {
  const parsed = customerResponseSchema.safeParse(answer.body);
  if (!parsed.success) throw malformedResponse(answer.status);
  return parsed.data.customer;
}

/** A 2xx answer that is not the contract's shape: a version skew between page and proxy, worth one more try. */
function malformedResponse(status: number): KycKitApiError {
  return new KycKitApiError({
    code: 'malformed_response',
    message: 'Something went wrong on our side. Try again in a moment.',
    status,
    retryable: true,
  });
}

function errorFromResponse(status: number, body: unknown): KycKitApiError {
  const parsed = apiErrorSchema.safeParse(body);
  if (parsed.success) {
    const { code, message, fields, retryable } = parsed.data.error;
    return new KycKitApiError({ code, message, status, fields, retryable });
  }
  // Not the proxy's error shape (a gateway or CDN answered): only server-side and rate-limit statuses are worth retrying.
  return new KycKitApiError({
    code: `http_${status}`,
    message: 'Something went wrong on our side. Try again in a moment.',
    status,
    retryable: status >= 500 || status === 429,
  });
}
