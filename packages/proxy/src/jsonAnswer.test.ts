import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonAnswer, jsonAnswerParts } from './jsonAnswer';

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

describe('jsonAnswer', () => {
  it('is a Response whose members read as one, made only when a member other than status is read', async () => {
    const answer = jsonAnswer({ ok: true }, 201, { 'x-kit': '1' });
    expect(answer).toBeInstanceOf(Response);
    expect(answer.status).toBe(201);
    expect(answer.ok).toBe(true);
    expect(jsonAnswerParts(answer)).toEqual({
      status: 201,
      body: '{"ok":true}',
      headers: { 'content-type': 'application/json; charset=utf-8', 'x-kit': '1' },
    });
    expect(answer.headers.get('x-kit')).toBe('1');
    expect(jsonAnswerParts(answer)).toBeUndefined();
    await expect(answer.json()).resolves.toEqual({ ok: true });
  });

  it("answers through @hono/node-server's serve(), which puts its own Response class on the global", async () => {
    const server = serve({ fetch: () => jsonAnswer({ ok: true }, 201), port: 0, hostname: '127.0.0.1' });
    closers.push(() => server.close());
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const answer = await fetch(`http://127.0.0.1:${port}/`);
    expect(answer.status).toBe(201);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    await expect(answer.json()).resolves.toEqual({ ok: true });
  });
});
