/**
 * JSON answers that are a `Response` only when someone needs one. The
 * handler is web-standard, so every answer must behave as a `Response`; but
 * through `createNodeListener` a JSON answer is written straight from its
 * string and its header record, and building a `Response` (its `Headers`,
 * its body stream) only to read it back at once was a tenth of the proxy's
 * time per request. A `JsonAnswer` keeps status, body text and headers as
 * plain values and turns into a real `Response` the first time any other
 * member is touched (a Fetch-API server, a test, Hono copying it), so it
 * behaves as one everywhere.
 */

import type { Customer, ProviderName } from '@kyc-kit/core/server';
import { customerEnvelopeJson } from './customerJson';

/** What a {@link JsonAnswer} is made of; read by `createNodeListener` to write it in one piece. */
export interface JsonAnswerParts {
  status: number;
  body: string;
  /** Lower-case names. */
  headers: Record<string, string>;
}

const parts = Symbol('kyc-kit.jsonAnswer.parts');
const real = Symbol('kyc-kit.jsonAnswer.response');

/**
 * A JSON answer held as plain values; see the module comment. One class, so
 * every answer shares one shape. Its prototype's prototype is
 * `Response.prototype` (set below), so an answer is `instanceof Response`
 * although no `Response` constructor ran.
 */
/**
 * `Response` as it was when this module loaded. A server may replace the
 * global later (`@hono/node-server`'s `serve()` puts its own lighter class
 * there), so answers chain to, and are checked against, this one.
 */
const WebResponse = Response;

class PlainJsonAnswer {
  [parts]: JsonAnswerParts | undefined;
  [real]: Response | undefined = undefined;

  constructor(own: JsonAnswerParts) {
    this[parts] = own;
  }
}
Object.setPrototypeOf(PlainJsonAnswer.prototype, WebResponse.prototype);

function materialize(answer: PlainJsonAnswer): Response {
  let response = answer[real];
  if (response === undefined) {
    const { status, body, headers } = answer[parts] as JsonAnswerParts;
    response = new Response(body, { status, headers });
    answer[real] = response;
    answer[parts] = undefined;
  }
  return response;
}

// Each `Response` member reads the real `Response`, made on first use.
for (const name of ['headers', 'body', 'bodyUsed', 'statusText', 'type', 'url', 'redirected'] as const) {
  Object.defineProperty(PlainJsonAnswer.prototype, name, {
    get(this: PlainJsonAnswer) {
      return materialize(this)[name];
    },
  });
}
for (const name of ['status', 'ok'] as const) {
  Object.defineProperty(PlainJsonAnswer.prototype, name, {
    get(this: PlainJsonAnswer) {
      const own = this[parts];
      if (own === undefined) return materialize(this)[name];
      return name === 'status' ? own.status : own.status >= 200 && own.status < 300;
    },
  });
}
for (const name of ['arrayBuffer', 'blob', 'bytes', 'formData', 'json', 'text', 'clone'] as const) {
  Object.defineProperty(PlainJsonAnswer.prototype, name, {
    value(this: PlainJsonAnswer) {
      return materialize(this)[name]();
    },
  });
}

/**
 * A JSON answer of `value` with `status`; `headers` (lower-case names) are
 * added to its content type. Routes return it instead of `c.json(...)`; as it
 * is not built by Hono's context, headers must be passed here (a `c.header()`
 * set before it would not apply), or set afterwards with {@link setAnswerHeader}.
 */
export function jsonAnswer(value: unknown, status = 200, headers?: Record<string, string>): Response {
  return jsonTextAnswer(JSON.stringify(value), status, headers);
}

/**
 * The answer `{ customer }` of the customer routes, as {@link jsonAnswer}
 * would make it, with the customer's JSON made once per frozen customer
 * (`customerJson`): a customer read again from an identical answer, or the
 * update whose event row already serialized it, costs no second `JSON.stringify`.
 */
export function customerAnswer(customer: Customer | null, status = 200, provider?: ProviderName): Response {
  return jsonTextAnswer(customerEnvelopeJson(customer, provider), status);
}

function jsonTextAnswer(body: string, status: number, headers?: Record<string, string>): Response {
  const record: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (headers !== undefined) Object.assign(record, headers);
  const answer = new PlainJsonAnswer({ status, body, headers: record });
  // Always true (see PlainJsonAnswer); the check is what makes it a Response to the type checker.
  if (answer instanceof WebResponse) return answer;
  throw new TypeError('kyc-kit: a JSON answer must be a Response');
}

/** The plain parts of an answer made by {@link jsonAnswer} that no one has turned into a `Response` yet. */
export function jsonAnswerParts(response: Response): JsonAnswerParts | undefined {
  return response instanceof PlainJsonAnswer ? response[parts] : undefined;
}

/** Sets a header on any answer: on the plain record while there is one, else on the real `Headers`. */
export function setAnswerHeader(
  response: Response,
  name: string,
  value: string,
  mode: 'set' | 'append' | 'default' = 'set',
): void {
  const own = jsonAnswerParts(response);
  if (own !== undefined) {
    const current = own.headers[name];
    if (current === undefined) own.headers[name] = value;
    else if (mode === 'append') own.headers[name] = `${current}, ${value}`;
    else if (mode === 'set') own.headers[name] = value;
    return;
  }
  if (mode === 'append') response.headers.append(name, value);
  else if (mode === 'set' || !response.headers.has(name)) response.headers.set(name, value);
}
