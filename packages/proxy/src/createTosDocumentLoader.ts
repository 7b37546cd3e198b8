import type { TosVersion } from '@kyc-kit/core/server';
import {
  createTosSanitizer,
  TosSanitizerCrashedError,
  TosSanitizeTimeoutError,
  type TosSanitizer,
} from './createTosSanitizer';
import { ProxyError } from './ProxyError';
import { readLimitedBody } from './readLimitedBody';
import { TosDocumentTooDeepError, type SanitizedTosDocument } from './sanitizeTosDocument';
import type { Upstream } from './Upstream';

/** Loads Terms of Service documents for the browser. */
export interface TosDocumentLoader {
  /** The sanitized document of one version in one language; throws a `ProxyError` when it cannot be had. */
  load(version: TosVersion, language: string, signal?: AbortSignal): Promise<SanitizedTosDocument>;
  /** Stops the sanitizing worker (the handler's `close()`). */
  close(): Promise<void>;
}

/** Terms documents are text; anything larger than this is not one. */
const MAX_DOCUMENT_BYTES = 1_048_576;
/** Documentation sites redirect a little (trailing slashes, locales); more than this is a loop. */
const MAX_REDIRECTS = 3;
/** How long a sanitized document is served from memory. Versions do not change; this bounds how long a fixed typo takes to show. */
const CACHE_MS = 10 * 60_000;
const CACHE_ENTRIES = 100;

/** The shared work's answer, or the caller's abort as soon as it comes (the work goes on for the others). */
function abandonable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return work;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const abandon = () => reject(signal.reason);
    signal.addEventListener('abort', abandon, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abandon));
  });
}

function unavailable(detail: string, cause?: unknown): ProxyError {
  return new ProxyError('tos_document_unavailable', { detail, ...(cause === undefined ? {} : { cause }) });
}

/**
 * Fetches Terms of Service documents server-side so the browser can show
 * them in-page: only the URL the requirement itself names, only on an
 * allow-listed origin (redirects included, each checked), only text, at most
 * 1 MB, sanitized (in a worker thread: `createTosSanitizer`), and cached
 * briefly; users who ask for a document while it is being loaded wait for
 * that one load. The proxy must not become a way to fetch arbitrary URLs from
 * inside the partner's network.
 */
export function createTosDocumentLoader(options: {
  upstream: Upstream;
  tosOrigins: ReadonlySet<string>;
  timeoutMs: number;
  /** Where the warning goes when no worker thread can start. */
  warn?: (message: string) => void;
  /** Internal, for tests. */
  sanitizer?: TosSanitizer;
}): TosDocumentLoader {
  const sanitizer = options.sanitizer ?? createTosSanitizer(options.warn ? { warn: options.warn } : {});
  const cache = new Map<string, { expiresAt: number; document: SanitizedTosDocument }>();
  /** Documents being fetched and sanitized: the users who ask for one meanwhile wait for the same work. */
  const loading = new Map<string, Promise<SanitizedTosDocument>>();

  function allowed(url: URL): boolean {
    return options.tosOrigins.has(url.origin) && (url.protocol === 'https:' || url.protocol === 'http:');
  }

  async function fetchText(start: URL): Promise<{ body: string; contentType: string }> {
    let url = start;
    for (let hop = 0; ; hop += 1) {
      const response = await options.upstream.fetchDocument(url, { timeoutMs: options.timeoutMs });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location !== null) {
        await response.body?.cancel().catch(() => undefined);
        if (hop >= MAX_REDIRECTS) throw unavailable('too many redirects');
        url = new URL(location, url);
        if (!allowed(url)) throw unavailable(`redirect to origin ${url.origin}, not in tosOrigins`);
        continue;
      }
      const contentType = response.headers.get('content-type') ?? '';
      if (!response.ok || !/^text\/(html|plain)\b/i.test(contentType)) {
        await response.body?.cancel().catch(() => undefined);
        throw unavailable(`document answered ${response.status} ${contentType.slice(0, 40)}`);
      }
      try {
        return { body: await readLimitedBody(response, MAX_DOCUMENT_BYTES), contentType };
      } catch (error) {
        throw unavailable('document too large or not UTF-8', error);
      }
    }
  }

  async function fetchAndSanitize(url: URL): Promise<SanitizedTosDocument> {
    const { body, contentType } = await fetchText(url);
    let document: SanitizedTosDocument;
    try {
      document = await sanitizer.sanitize({ body, contentType, fallbackTitle: 'Terms of Service' });
    } catch (error) {
      if (
        error instanceof TosDocumentTooDeepError ||
        error instanceof TosSanitizeTimeoutError ||
        error instanceof TosSanitizerCrashedError
      )
        throw unavailable(error.message);
      throw error;
    }
    if (document.html === '') throw unavailable('document is empty after sanitizing');
    cache.set(url.href, { expiresAt: Date.now() + CACHE_MS, document });
    if (cache.size > CACHE_ENTRIES) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    return document;
  }

  return {
    async load(version, language, signal) {
      let url: URL;
      try {
        url = new URL(version.url);
      } catch (error) {
        throw unavailable('requirement url is not a URL', error);
      }
      if (!allowed(url)) throw unavailable(`origin ${url.origin} not in tosOrigins`);
      // The published specification: append ?lang=<tag> to the language-agnostic URL.
      url.searchParams.set('lang', language);
      const cached = cache.get(url.href);
      if (cached && cached.expiresAt > Date.now()) return cached.document;
      let shared = loading.get(url.href);
      if (shared === undefined) {
        // Shared, so no one user's leaving stops it: the fetch's own time limit and size bound it.
        shared = fetchAndSanitize(url).finally(() => loading.delete(url.href));
        loading.set(url.href, shared);
      }
      return abandonable(shared, signal);
    },
    close: () => sanitizer.close(),
  };
}
