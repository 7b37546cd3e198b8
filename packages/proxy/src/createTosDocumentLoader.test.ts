import type { TosVersion } from '@kyc-kit/core/server';
import { describe, expect, it } from 'vitest';
import { createTosDocumentLoader } from './createTosDocumentLoader';
import { ProxyError } from './ProxyError';
import type { Upstream } from './Upstream';

const version: TosVersion = {
  versionId: 'us_individual_2026-05-29',
  languages: ['en'],
  url: 'https://docs.example/legal/terms',
};

/** An upstream whose document fetches answer from a table, recording each URL asked for. */
function documentsFrom(pages: Record<string, () => Response>): { upstream: Upstream; fetched: string[] } {
  const fetched: string[] = [];
  const refuse = (): never => {
    throw new Error('not used');
  };
  const upstream: Upstream = {
    provider: 'coinbase',
    createCustomer: refuse,
    getCustomer: refuse,
    updateCustomer: refuse,
    readWebhookEvent: refuse,
    async fetchDocument(url) {
      fetched.push(url.href);
      const page = pages[url.href];
      return page ? page() : new Response('missing', { status: 404 });
    },
  };
  return { upstream, fetched };
}

function html(body: string): () => Response {
  return () => new Response(body, { headers: { 'content-type': 'text/html; charset=utf-8' } });
}

async function reason(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.catch((caught: unknown) => caught);
  return error instanceof ProxyError ? error.reason : undefined;
}

describe('createTosDocumentLoader', () => {
  it('fetches the requirement URL with ?lang=, sanitizes it and serves repeats from memory', async () => {
    const { upstream, fetched } = documentsFrom({
      'https://docs.example/legal/terms?lang=en': html(
        '<title>Terms</title><p>Agree<script>x()</script></p>',
      ),
    });
    const loader = createTosDocumentLoader({
      upstream,
      tosOrigins: new Set(['https://docs.example']),
      timeoutMs: 1000,
    });
    expect(await loader.load(version, 'en')).toEqual({ title: 'Terms', html: '<p>Agree</p>' });
    await loader.load(version, 'en');
    expect(fetched).toEqual(['https://docs.example/legal/terms?lang=en']);
  });

  it('answers that a document nested deeper than any real one is unavailable, and fetches it again next time', async () => {
    const { upstream, fetched } = documentsFrom({
      'https://docs.example/legal/terms?lang=en': html(`<title>Terms</title>${'<b>'.repeat(100_000)}`),
    });
    const loader = createTosDocumentLoader({
      upstream,
      tosOrigins: new Set(['https://docs.example']),
      timeoutMs: 1000,
    });
    expect(await reason(loader.load(version, 'en'))).toBe('tos_document_unavailable');
    expect(await reason(loader.load(version, 'en'))).toBe('tos_document_unavailable');
    expect(fetched).toHaveLength(2);
  });

  it('follows redirects on allow-listed origins only', async () => {
    const { upstream } = documentsFrom({
      'https://docs.example/legal/terms?lang=en': () =>
        new Response(null, { status: 301, headers: { location: '/legal/terms/?lang=en' } }),
      'https://docs.example/legal/terms/?lang=en': () =>
        new Response(null, { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data' } }),
    });
    const loader = createTosDocumentLoader({
      upstream,
      tosOrigins: new Set(['https://docs.example']),
      timeoutMs: 1000,
    });
    expect(await reason(loader.load(version, 'en'))).toBe('tos_document_unavailable');
  });

  it('refuses a URL off the allow-list without fetching it, and anything that is not a text document', async () => {
    const { upstream, fetched } = documentsFrom({
      'https://docs.example/legal/terms?lang=en': () =>
        new Response('{"a":1}', { headers: { 'content-type': 'application/json' } }),
    });
    const strict = createTosDocumentLoader({
      upstream,
      tosOrigins: new Set(['https://other.example']),
      timeoutMs: 1000,
    });
    expect(await reason(strict.load(version, 'en'))).toBe('tos_document_unavailable');
    expect(fetched).toEqual([]);
    const loader = createTosDocumentLoader({
      upstream,
      tosOrigins: new Set(['https://docs.example']),
      timeoutMs: 1000,
    });
    expect(await reason(loader.load(version, 'en'))).toBe('tos_document_unavailable');
  });

  it('refuses a document over 1 MB', async () => {
    const { upstream } = documentsFrom({
      'https://docs.example/legal/terms?lang=en': html(`<p>${'a'.repeat(1_048_577)}</p>`),
    });
    const loader = createTosDocumentLoader({
      upstream,
      tosOrigins: new Set(['https://docs.example']),
      timeoutMs: 1000,
    });
    expect(await reason(loader.load(version, 'en'))).toBe('tos_document_unavailable');
  });
});
