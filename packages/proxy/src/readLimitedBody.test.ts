import { describe, expect, it } from 'vitest';
import { ProxyError } from './ProxyError';
import { readLimitedBody } from './readLimitedBody';

/** A body that streams the given chunks and records how many were pulled. */
function streamedBody(chunks: Uint8Array<ArrayBuffer>[]): {
  body: ReadableStream<Uint8Array<ArrayBuffer>>;
  pulled: () => number;
} {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array<ArrayBuffer>>(
    {
      pull(controller) {
        const next = chunks[pulled];
        pulled += 1;
        if (next) controller.enqueue(next);
        else controller.close();
      },
    },
    // No read-ahead: a chunk is pulled only when the reader asks for it.
    { highWaterMark: 0 },
  );
  return { body, pulled: () => pulled };
}

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProxyError);
  return (error as ProxyError).reason;
}

describe('readLimitedBody', () => {
  it('reads a body within the limit as UTF-8 text', async () => {
    const { body } = streamedBody([
      new TextEncoder().encode('{"name":"Jos'),
      new TextEncoder().encode('é"}'),
    ]);
    expect(await readLimitedBody({ headers: new Headers(), body }, 64)).toBe('{"name":"José"}');
  });

  it('reads a missing body as empty text', async () => {
    expect(await readLimitedBody({ headers: new Headers(), body: null }, 64)).toBe('');
  });

  it('refuses a declared Content-Length over the limit with 413 without reading the body', async () => {
    const { body, pulled } = streamedBody([new Uint8Array(10)]);
    const refused = readLimitedBody({ headers: new Headers({ 'content-length': '2048' }), body }, 1024);
    expect(await reasonOf(refused)).toBe('payload_too_large');
    expect(pulled()).toBe(0);
    expect(new ProxyError('payload_too_large').status).toBe(413);
  });

  it('cuts off a body that streams past the limit without declaring its length', async () => {
    const chunk = new Uint8Array(512).fill(0x61);
    // Far more chunks than the limit allows: reading must stop at the third.
    const { body, pulled } = streamedBody(Array.from({ length: 100 }, () => chunk));
    const refused = readLimitedBody({ headers: new Headers(), body }, 1024);
    expect(await reasonOf(refused)).toBe('payload_too_large');
    expect(pulled()).toBeLessThan(10);
  });

  it('refuses bytes that are not UTF-8 as an unreadable body (400)', async () => {
    const { body } = streamedBody([new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])]);
    const refused = readLimitedBody({ headers: new Headers(), body }, 64);
    expect(await reasonOf(refused)).toBe('invalid_json');
    expect(new ProxyError('invalid_json').status).toBe(400);
  });
});
