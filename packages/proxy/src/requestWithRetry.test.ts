import { describe, expect, it } from 'vitest';
import { parseRetryAfter, requestWithRetry } from './requestWithRetry';
import { UpstreamError } from './UpstreamError';

function recorder(): { delays: number[]; sleep: (milliseconds: number) => Promise<void> } {
  const delays: number[] = [];
  return { delays, sleep: async (milliseconds) => void delays.push(milliseconds) };
}

function answers(...responses: (() => Response | Promise<Response>)[]): {
  send: () => Promise<Response>;
  calls: () => number;
} {
  let calls = 0;
  return {
    send: async () => {
      const next = responses[Math.min(calls, responses.length - 1)];
      calls += 1;
      if (!next) throw new Error('no response configured');
      return next();
    },
    calls: () => calls,
  };
}

describe('requestWithRetry', () => {
  it('sends a retryable request again after a 503 and returns the success', async () => {
    const { delays, sleep } = recorder();
    const upstream = answers(
      () => new Response('busy', { status: 503 }),
      () => new Response('{"ok":true}', { status: 200 }),
    );
    const response = await requestWithRetry(upstream.send, {
      canRetry: true,
      timeoutMs: 1000,
      retry: { sleep, random: () => 0.5 },
    });
    expect(response.status).toBe(200);
    expect(upstream.calls()).toBe(2);
    expect(delays).toEqual([125]);
  });

  it('waits at least as long as Retry-After says', async () => {
    const { delays, sleep } = recorder();
    const upstream = answers(
      () => new Response('slow down', { status: 429, headers: { 'retry-after': '2' } }),
      () => new Response('{}', { status: 200 }),
    );
    await requestWithRetry(upstream.send, {
      canRetry: true,
      timeoutMs: 1000,
      retry: { sleep, random: () => 0 },
    });
    expect(delays).toEqual([2000]);
  });

  it('grows the backoff exponentially and stops after the configured retries', async () => {
    const { delays, sleep } = recorder();
    const upstream = answers(() => new Response('down', { status: 500 }));
    const response = await requestWithRetry(upstream.send, {
      canRetry: true,
      timeoutMs: 1000,
      retry: { retries: 3, baseDelayMs: 100, sleep, random: () => 0.999999 },
    });
    expect(response.status).toBe(500);
    expect(upstream.calls()).toBe(4);
    expect(delays.map(Math.round)).toEqual([100, 200, 400]);
  });

  it('never sends a write without an idempotency key twice', async () => {
    const upstream = answers(() => new Response('down', { status: 502 }));
    const response = await requestWithRetry(upstream.send, { canRetry: false, timeoutMs: 1000 });
    expect(response.status).toBe(502);
    expect(upstream.calls()).toBe(1);
  });

  it('does not retry an answer the provider gave on purpose, such as 400', async () => {
    const upstream = answers(() => new Response('{}', { status: 400 }));
    await requestWithRetry(upstream.send, { canRetry: true, timeoutMs: 1000 });
    expect(upstream.calls()).toBe(1);
  });

  it('ends a hanging attempt at the timeout, even when the fetch ignores its signal', async () => {
    const { sleep } = recorder();
    const upstream = answers(() => new Promise<Response>(() => undefined));
    const failure = await requestWithRetry(upstream.send, {
      canRetry: true,
      timeoutMs: 5,
      retry: { retries: 1, sleep },
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UpstreamError);
    expect((failure as UpstreamError).failure).toBe('timeout');
    expect(upstream.calls()).toBe(2);
  });

  it('reports a network failure after retrying it', async () => {
    const { sleep } = recorder();
    const upstream = answers(() => Promise.reject(new TypeError('fetch failed')));
    const failure = await requestWithRetry(upstream.send, {
      canRetry: true,
      timeoutMs: 1000,
      retry: { retries: 2, sleep },
    }).catch((error: unknown) => error);
    expect((failure as UpstreamError).failure).toBe('network');
    expect(upstream.calls()).toBe(3);
  });

  it('gives up with a retryable error carrying Retry-After when the wait would be too long', async () => {
    const { delays, sleep } = recorder();
    const upstream = answers(() => new Response('later', { status: 503, headers: { 'retry-after': '120' } }));
    const failure = await requestWithRetry(upstream.send, {
      canRetry: true,
      timeoutMs: 1000,
      retry: { sleep, maxDelayMs: 5000 },
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UpstreamError);
    expect((failure as UpstreamError).status).toBe(503);
    expect((failure as UpstreamError).retryAfterSeconds).toBe(120);
    expect(delays).toEqual([]);
  });
});

describe("requestWithRetry under a caller signal shared by many calls (a connection's)", () => {
  /** A send that answers when `answer` is called, or rejects when its attempt is aborted. */
  function held(): { send: (signal: AbortSignal) => Promise<Response>; answer: () => void } {
    let answer: () => void = () => undefined;
    return {
      send: (signal) =>
        new Promise<Response>((resolve, reject) => {
          signal.addEventListener('abort', () => reject(signal.reason as Error));
          answer = () => resolve(new Response('{}', { status: 200 }));
        }),
      answer: () => answer(),
    };
  }

  it('cancels every call still in flight when the signal aborts, and none that already ended', async () => {
    const connection = new AbortController();
    const options = { canRetry: true, timeoutMs: 5000, signal: connection.signal };
    const done = held();
    const finished = requestWithRetry(done.send, options);
    done.answer();
    expect((await finished).status).toBe(200);

    const first = requestWithRetry(held().send, options).catch((error: unknown) => error);
    const second = requestWithRetry(held().send, options).catch((error: unknown) => error);
    connection.abort(new Error('connection closed'));
    expect(await first).toMatchObject({ message: 'connection closed' });
    expect(await second).toMatchObject({ message: 'connection closed' });
    // A call made once the signal has aborted fails at once, with the same reason.
    const late = await requestWithRetry(held().send, options).catch((error: unknown) => error);
    expect(late).toMatchObject({ message: 'connection closed' });
  });

  it('lets later calls run to their answer after earlier ones ended', async () => {
    const connection = new AbortController();
    const options = { canRetry: true, timeoutMs: 5000, signal: connection.signal };
    for (let call = 0; call < 50; call += 1) {
      const next = held();
      const answer = requestWithRetry(next.send, options);
      next.answer();
      expect((await answer).status).toBe(200);
    }
    expect(connection.signal.aborted).toBe(false);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('7')).toBe(7);
    expect(parseRetryAfter(new Date(10_000 + 30_000).toUTCString(), 10_000)).toBe(30);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
