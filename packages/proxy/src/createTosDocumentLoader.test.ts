import { once } from 'node:events';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { TosVersion } from '@kyc-kit/core/server';
import { describe, expect, it } from 'vitest';
import { createTosDocumentLoader, type TosDocumentLoader } from './createTosDocumentLoader';
import {
  createTosSanitizer,
  startTosSanitizerWorker,
  TOS_WORKER_RESOURCE_LIMITS,
} from './createTosSanitizer';
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

/** A loader over `upstream` allowing docs.example, with a 1 s fetch limit unless `options` say otherwise. */
function loaderOf(
  upstream: Upstream,
  options: Partial<Parameters<typeof createTosDocumentLoader>[0]> = {},
): TosDocumentLoader {
  return createTosDocumentLoader({
    upstream,
    tosOrigins: new Set(['https://docs.example']),
    timeoutMs: 1000,
    ...options,
  });
}

function html(body: string): () => Response {
  return () => new Response(body, { headers: { 'content-type': 'text/html; charset=utf-8' } });
}

/** A Terms document as documentation sites publish them: sections of headings, paragraphs, links, lists and tables. */
function termsDocument(sections: number): string {
  const parts = [
    '<!doctype html><html><head><title>Customer Agreement</title></head><body><h1>Customer Agreement</h1>',
  ];
  for (let section = 1; section <= sections; section += 1) {
    parts.push(`<section id="s${section}"><h2>Section ${section}</h2>`);
    for (let paragraph = 1; paragraph <= 4; paragraph += 1)
      parts.push(
        `<p class="clause">You agree that <strong>clause ${section}.${paragraph}</strong> applies, as <a href="#s${section}">section ${section}</a> and the <a href="https://docs.example/fees">fee schedule</a> say; <em>nothing</em> here limits your rights.</p>`,
      );
    parts.push(
      `<ul><li>First item of ${section}</li><li>Second item</li></ul><table><tr><th scope="row">Fee</th><td>1%</td></tr></table></section>`,
    );
  }
  return `${parts.join('')}</body></html>`;
}

/** Worker starts through the real worker file, each kept with a promise of its exit. */
function countedWorkers(): { startWorker: () => Worker; exits: Promise<unknown>[] } {
  const exits: Promise<unknown>[] = [];
  return {
    exits,
    startWorker() {
      const worker = startTosSanitizerWorker();
      exits.push(once(worker, 'exit'));
      return worker;
    },
  };
}

/**
 * Worker starts whose first is a stand-in that says it is ready and then runs `onDocument` (source) on its
 * first document; the later ones are real. Each start is counted and kept with a promise of its exit.
 */
function firstWorkerThenReal(
  onDocument: string,
  workerOptions: { resourceLimits?: ResourceLimits } = {},
): { startWorker: () => Worker; exits: Promise<unknown>[]; started: () => number } {
  const real = countedWorkers();
  let started = 0;
  return {
    exits: real.exits,
    started: () => started,
    startWorker() {
      started += 1;
      if (started > 1) return real.startWorker();
      const standIn = new Worker(
        `const { parentPort } = require('node:worker_threads');
        parentPort.on('message', () => { ${onDocument} });
        parentPort.postMessage({ type: 'ready' });`,
        { eval: true, ...workerOptions },
      );
      // Its exit, not its error: one that runs out of memory emits both.
      real.exits.push(new Promise((resolve) => standIn.once('exit', resolve)));
      return standIn;
    },
  };
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
    const loader = loaderOf(upstream);
    expect(await loader.load(version, 'en')).toEqual({ title: 'Terms', html: '<p>Agree</p>' });
    await loader.load(version, 'en');
    expect(fetched).toEqual(['https://docs.example/legal/terms?lang=en']);
  });

  it('answers that a document nested deeper than any real one is unavailable, and fetches it again next time', async () => {
    const { upstream, fetched } = documentsFrom({
      'https://docs.example/legal/terms?lang=en': html(`<title>Terms</title>${'<b>'.repeat(100_000)}`),
    });
    const loader = loaderOf(upstream);
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
    const loader = loaderOf(upstream);
    expect(await reason(loader.load(version, 'en'))).toBe('tos_document_unavailable');
  });

  it('refuses a URL off the allow-list without fetching it, and anything that is not a text document', async () => {
    const { upstream, fetched } = documentsFrom({
      'https://docs.example/legal/terms?lang=en': () =>
        new Response('{"a":1}', { headers: { 'content-type': 'application/json' } }),
    });
    const strict = loaderOf(upstream, { tosOrigins: new Set(['https://other.example']) });
    expect(await reason(strict.load(version, 'en'))).toBe('tos_document_unavailable');
    expect(fetched).toEqual([]);
    const loader = loaderOf(upstream);
    expect(await reason(loader.load(version, 'en'))).toBe('tos_document_unavailable');
  });

  it('refuses a document over 1 MB', async () => {
    const { upstream } = documentsFrom({
      'https://docs.example/legal/terms?lang=en': html(`<p>${'a'.repeat(1_048_577)}</p>`),
    });
    const loader = loaderOf(upstream);
    expect(await reason(loader.load(version, 'en'))).toBe('tos_document_unavailable');
  });

  it('loads a document once for every user who asks while it loads, and one leaving stops it for no one', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { upstream, fetched } = documentsFrom({
      'https://docs.example/legal/terms?lang=en': () =>
        new Response(
          new ReadableStream<Uint8Array>({
            async pull(controller) {
              await held;
              controller.enqueue(new TextEncoder().encode('<title>Terms</title><p>Agree</p>'));
              controller.close();
            },
          }),
          { headers: { 'content-type': 'text/html; charset=utf-8' } },
        ),
    });
    let sanitized = 0;
    const sanitizer = createTosSanitizer({ startWorker: startTosSanitizerWorker });
    const loader = loaderOf(upstream, {
      timeoutMs: 5000,
      sanitizer: {
        sanitize: (input) => ((sanitized += 1), sanitizer.sanitize(input)),
        close: () => sanitizer.close(),
      },
    });
    const leaving = new AbortController();
    const first = loader.load(version, 'en', leaving.signal);
    const others = [loader.load(version, 'en'), loader.load(version, 'en', new AbortController().signal)];
    leaving.abort(new Error('the user left'));
    await expect(first).rejects.toThrow('the user left');
    release();
    for (const document of await Promise.all(others))
      expect(document).toEqual({ title: 'Terms', html: '<p>Agree</p>' });
    expect(fetched).toEqual(['https://docs.example/legal/terms?lang=en']);
    expect(sanitized).toBe(1);
    // Loaded once, then served from memory.
    expect(await loader.load(version, 'en')).toEqual({ title: 'Terms', html: '<p>Agree</p>' });
    expect(fetched).toHaveLength(1);
    await loader.close();
  });

  it('keeps the event loop turning while a large document is sanitized', async () => {
    const bytes = new TextEncoder().encode(termsDocument(700));
    expect(bytes.byteLength).toBeGreaterThan(700_000);
    let turns = 0;
    let turnsAtRead = -1;
    let counting = true;
    const turn = () => {
      turns += 1;
      if (counting) setImmediate(turn);
    };
    const { upstream } = documentsFrom({
      'https://docs.example/legal/terms?lang=en': html('<title>Terms</title><p>Agree</p>'),
      // The body is handed over in one read, at the last moment before sanitizing: the turns counted
      // from then on are those the event loop made while the document was being sanitized.
      'https://docs.example/legal/terms?lang=es': () =>
        new Response(
          new ReadableStream<Uint8Array>(
            {
              pull(controller) {
                controller.enqueue(bytes);
                controller.close();
                turnsAtRead = turns;
              },
            },
            { highWaterMark: 0 },
          ),
          { headers: { 'content-type': 'text/html; charset=utf-8' } },
        ),
    });
    const loader = loaderOf(upstream);
    // The worker is started (on the first document) before the large one is asked for.
    await loader.load(version, 'en');
    setImmediate(turn);
    const document = await loader.load(version, 'es');
    counting = false;
    expect(document.title).toBe('Customer Agreement');
    expect(document.html).toContain('<a href="#kyc-tos-s700">section 700</a>');
    expect(turnsAtRead).toBeGreaterThanOrEqual(0);
    // Sanitized on the event loop, a document lets no turn through until it is done.
    expect(turns - turnsAtRead).toBeGreaterThan(0);
    await loader.close();
  });

  it("answers a too-deep document's refusal from the worker as unavailable, and keeps that worker until closed", async () => {
    const { startWorker, exits } = countedWorkers();
    const { upstream } = documentsFrom({
      'https://docs.example/legal/terms?lang=en': html(`<title>Terms</title>${'<b>'.repeat(100_000)}`),
      'https://docs.example/legal/terms?lang=es': html('<title>Términos</title><p>Acepto</p>'),
    });
    const loader = loaderOf(upstream, { sanitizer: createTosSanitizer({ startWorker }) });
    expect(await reason(loader.load(version, 'en'))).toBe('tos_document_unavailable');
    expect(await loader.load(version, 'es')).toEqual({ title: 'Términos', html: '<p>Acepto</p>' });
    expect(exits).toHaveLength(1);
    await loader.close();
    await exits[0];
  });

  it('refuses a document that takes longer than the time limit, stops its worker and starts another for the next', async () => {
    // The first worker takes forever over its document, as a pathological one would.
    const { startWorker, exits, started } = firstWorkerThenReal('for (;;);');
    const sanitizer = createTosSanitizer({ timeLimitMs: 1000, startWorker });
    const { upstream } = documentsFrom({
      'https://docs.example/legal/terms?lang=en': html('<title>Terms</title><p>Agree</p>'),
      'https://docs.example/legal/terms?lang=es': html('<title>Términos</title><p>Acepto</p>'),
    });
    const loader = loaderOf(upstream, { sanitizer });
    expect(await reason(loader.load(version, 'en'))).toBe('tos_document_unavailable');
    await exits[0];
    expect(await loader.load(version, 'es')).toEqual({ title: 'Términos', html: '<p>Acepto</p>' });
    expect(started()).toBe(2);
    await loader.close();
  });

  it('sanitizes inline, after one warning naming no document, where no worker can start', async () => {
    const failures: Array<() => Worker> = [
      () => {
        throw new Error('no worker file beside the bundle');
      },
      () => new Worker(`throw new Error('cannot load sanitize-html');`, { eval: true }),
    ];
    for (const fail of failures) {
      let started = 0;
      const warnings: string[] = [];
      const { upstream } = documentsFrom({
        'https://docs.example/legal/terms?lang=en': html('<title>Terms</title><p>Agree</p>'),
        'https://docs.example/legal/terms?lang=es': html(`<title>Términos</title>${'<b>'.repeat(1000)}`),
      });
      const loader = loaderOf(upstream, {
        sanitizer: createTosSanitizer({
          warn: (message) => warnings.push(message),
          startWorker: () => {
            started += 1;
            return fail();
          },
        }),
      });
      expect(await loader.load(version, 'en')).toEqual({ title: 'Terms', html: '<p>Agree</p>' });
      expect(await reason(loader.load(version, 'es'))).toBe('tos_document_unavailable');
      expect(started).toBe(1);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(
        /^Terms documents are sanitized on the event loop, as no worker thread could start/,
      );
      expect(warnings[0]).not.toMatch(/Agree|Terms<|Términos/);
      await loader.close();
    }
  });

  it('never tries a worker start that threw again, even with no wait before a retry', async () => {
    let started = 0;
    const warnings: string[] = [];
    const { upstream } = documentsFrom({
      'https://docs.example/legal/terms?lang=en': html('<title>Terms</title><p>Agree</p>'),
      'https://docs.example/legal/terms?lang=es': html('<title>Términos</title><p>Acepto</p>'),
    });
    const loader = loaderOf(upstream, {
      sanitizer: createTosSanitizer({
        warn: (message) => warnings.push(message),
        retryFirstMs: 0,
        startWorker: () => {
          started += 1;
          throw new Error('no worker file beside the bundle');
        },
      }),
    });
    expect(await loader.load(version, 'en')).toEqual({ title: 'Terms', html: '<p>Agree</p>' });
    expect(await loader.load(version, 'es')).toEqual({ title: 'Términos', html: '<p>Acepto</p>' });
    expect(started).toBe(1);
    expect(warnings).toEqual([
      expect.stringMatching(/keep it external \(Next\.js: serverExternalPackages\)$/),
    ]);
    await loader.close();
  });

  it('tries a worker that failed before it was ready again after a wait, and says when one runs again', async () => {
    const { startWorker: startReal, exits } = countedWorkers();
    let started = 0;
    const warnings: string[] = [];
    const sanitizer = createTosSanitizer({
      warn: (message) => warnings.push(message),
      retryFirstMs: 200,
      startWorker() {
        started += 1;
        // The first thread fails as it loads, as one the system could not give would.
        if (started === 1) return new Worker(`throw new Error('thread failed to start');`, { eval: true });
        return startReal();
      },
    });
    const { upstream } = documentsFrom({
      'https://docs.example/legal/terms?lang=en': html('<title>Terms</title><p>Agree</p>'),
      'https://docs.example/legal/terms?lang=es': html('<title>Términos</title><p>Acepto</p>'),
      'https://docs.example/legal/terms?lang=fr': html('<title>Conditions</title><p>J’accepte</p>'),
    });
    const loader = loaderOf(upstream, { sanitizer });
    // Inline meanwhile: the documents are still served.
    expect(await loader.load(version, 'en')).toEqual({ title: 'Terms', html: '<p>Agree</p>' });
    expect(await loader.load(version, 'es')).toEqual({ title: 'Términos', html: '<p>Acepto</p>' });
    expect(started).toBe(1);
    expect(warnings).toEqual([expect.stringMatching(/thread failed to start.*tried again in 0 s$/)]);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await loader.load(version, 'fr')).toEqual({ title: 'Conditions', html: '<p>J’accepte</p>' });
    expect(started).toBe(2);
    expect(exits).toHaveLength(1);
    expect(warnings[1]).toBe('Terms documents are sanitized in a worker thread again');
    await loader.close();
    await exits[0];
  });

  it('refuses a document its worker cannot hold in memory, replaces the worker, and bounds the real one', async () => {
    // The first worker's document grows its heap without end, as a pathological one could.
    const { startWorker, exits, started } = firstWorkerThenReal(
      'const kept = []; for (;;) kept.push(new Array(1e5).fill(kept.length));',
      { resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 } },
    );
    const sanitizer = createTosSanitizer({ startWorker });
    const { upstream } = documentsFrom({
      'https://docs.example/legal/terms?lang=en': html('<title>Terms</title><p>Agree</p>'),
      'https://docs.example/legal/terms?lang=es': html('<title>Términos</title><p>Acepto</p>'),
    });
    const loader = loaderOf(upstream, { sanitizer });
    expect(await reason(loader.load(version, 'en'))).toBe('tos_document_unavailable');
    expect(await loader.load(version, 'es')).toEqual({ title: 'Términos', html: '<p>Acepto</p>' });
    expect(started()).toBe(2);
    await loader.close();
    await Promise.all(exits);

    const worker = startTosSanitizerWorker();
    expect(worker.resourceLimits).toMatchObject(TOS_WORKER_RESOURCE_LIMITS);
    await worker.terminate();
  });
});
