import {
  apiErrorSchema,
  customerReadResponseSchema,
  customerResponseSchema,
  messages,
  tosDocumentSchema,
} from '@kyc-kit/core';
import type {
  CreateCustomerBody as WireCreateCustomerBody,
  Customer,
  ProviderName,
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
  /**
   * The provider behind the proxy (`'coinbase'` or `'oms'`), when the page knows it: a new customer's
   * steps are that provider's from the first render, before `GET /customer` answers (which says it too).
   * @default undefined: Coinbase's steps until the first read names the provider
   */
  provider?: ProviderName;
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
  /**
   * The provider behind the proxy: the `provider` option, then the one each `getCustomer` that answered
   * `null` named; the onboarding plans a new customer's steps from it.
   */
  readonly provider?: ProviderName | undefined;
  /** `GET /customer`; resolves `null` when the user has no customer yet (200 `{ customer: null, provider }`). */
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

/** The answer's shape, as core's schemas check it. */
interface AnswerSchema<Answer> {
  safeParse: (body: unknown) => { success: true; data: Answer } | { success: false };
}

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

  /** One request: the answer parsed with `schema`, or a {@link KycKitApiError} for whatever went wrong. */
  async function request<Answer>(
    path: string,
    schema: AnswerSchema<Answer>,
    init: RequestInit,
  ): Promise<Answer> {
    let response: Response;
    try {
      response = await (options.fetch ?? globalThis.fetch)(`${baseUrl}${path}`, {
        ...init,
        credentials: 'same-origin',
        headers: { Accept: 'application/json', ...init.headers },
      });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw apiError('network_error', 0, true, messages.en['error.api.network']);
    }
    const body: unknown = await response.json().catch(() => undefined);
    const { status } = response;
    if (!response.ok) {
      const parsed = apiErrorSchema.safeParse(body);
      if (parsed.success) throw new KycKitApiError({ ...parsed.data.error, status });
      // Not the proxy's error shape (a gateway or CDN answered): only server-side and rate-limit statuses are worth retrying.
      throw apiError(`http_${status}`, status, status >= 500 || status === 429);
    }
    const parsed = schema.safeParse(body);
    // A 2xx answer that is not the contract's shape: a version skew between page and proxy, worth one more try.
    if (!parsed.success) throw apiError('malformed_response', status, true);
    return parsed.data;
  }

  const write = (method: 'POST' | 'PATCH', path: string, body: unknown, writeOptions: ProxyWriteOptions) =>
    request(path, customerResponseSchema, {
      method,
      body: JSON.stringify(body),
      headers: { ...WRITE_HEADERS, 'Idempotency-Key': writeOptions.idempotencyKey },
      signal: writeOptions.signal,
    }).then((answer) => answer.customer);

  const client: ProxyClient & { provider?: ProviderName | undefined } = {
    baseUrl,
    provider: options.provider,
    // "No customer yet" is a 200 with `customer: null`, never an error status the browser would log.
    getCustomer: (readOptions = {}) =>
      request('/customer', customerReadResponseSchema, { signal: readOptions.signal }).then(
        (answer) => ((client.provider = answer.provider ?? client.provider), answer.customer),
      ),
    createCustomer: (body, writeOptions) => write('POST', '/customer', body, writeOptions),
    updateCustomer: (body, writeOptions) => write('PATCH', '/customer', body, writeOptions),
    acceptTermsOfService: (body, writeOptions) => write('POST', '/customer/tos', body, writeOptions),
    getTermsOfServiceDocument: (input, readOptions = {}) =>
      request(
        `/tos/${encodeURIComponent(input.versionId)}?${new URLSearchParams({ language: input.language })}`,
        tosDocumentSchema,
        { signal: readOptions.signal },
      ),
    eventsUrl: () => `${baseUrl}/events`,
  };
  return client;
}

/** An error the client makes itself (no proxy error body): the catalogue's English unless told otherwise. */
function apiError(
  code: string,
  status: number,
  retryable: boolean,
  message = messages.en['error.api.internal'],
): KycKitApiError {
  return new KycKitApiError({ code, message, status, retryable });
}
