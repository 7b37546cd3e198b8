import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { CdpKeyring } from './verifyCdpRequest';
import { createCdpNonceMemory, verifyCdpRequest } from './verifyCdpRequest';
import { coinbaseError } from './coinbaseError';
import {
  coinbaseCreateRequestSchema,
  coinbaseGuidesCreateRequestSchema,
  coinbaseGuidesUpdateRequestSchema,
  coinbaseUpdateRequestSchema,
  describeFirstIssue,
} from './coinbaseRequestSchema';
import type { SandboxDialect } from './sandboxDialect';
import type { CoinbaseWriteRequest } from './coinbaseRequestSchema';
import { newCustomerState, submitField } from './customerState';
import type { CustomerState } from './customerState';
import { requestFingerprint } from './idempotencyStore';
import { coinbaseFieldVerdicts } from './magicValues';
import type { SandboxEngine } from './sandboxEngine';

const CUSTOMER_ID_PATTERN = /^customer_[a-f0-9-]{36}$/;
const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;
/** Acceptance times further ahead than this are "obviously non-credible" (the spec's words). */
const ACCEPTED_AT_FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

function json(body: unknown, status: number): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

type Parsed = { ok: true; body: CoinbaseWriteRequest } | { ok: false; response: Response };

function parseWrite(raw: string, mode: 'create' | 'update', dialect: SandboxDialect): Parsed {
  let value: unknown;
  try {
    value = raw.trim() === '' ? {} : JSON.parse(raw);
  } catch {
    return { ok: false, response: coinbaseError(400, 'invalid_request', 'body: not valid JSON.') };
  }
  if (dialect === 'guides') {
    const schema = mode === 'create' ? coinbaseGuidesCreateRequestSchema : coinbaseGuidesUpdateRequestSchema;
    const result = schema.safeParse(value);
    if (!result.success)
      return { ok: false, response: coinbaseError(400, 'invalid_request', describeFirstIssue(result.error)) };
    // The guides' top-level contact fields are the same values the spec keeps in `individual`.
    const { email, phone, ...rest } = result.data;
    const contact = {
      ...(typeof email === 'string' ? { email } : {}),
      ...(typeof phone === 'string' ? { phoneNumber: phone } : {}),
    };
    const body: CoinbaseWriteRequest =
      Object.keys(contact).length === 0 ? rest : { ...rest, individual: { ...rest.individual, ...contact } };
    return { ok: true, body };
  }
  const schema = mode === 'create' ? coinbaseCreateRequestSchema : coinbaseUpdateRequestSchema;
  const result = schema.safeParse(value);
  if (!result.success)
    return { ok: false, response: coinbaseError(400, 'invalid_request', describeFirstIssue(result.error)) };
  return { ok: true, body: result.data };
}

/** Checks `tosAcceptances` against the published versions: unknown versions, unpublished languages, future times. */
function checkTosAcceptances(engine: SandboxEngine, body: CoinbaseWriteRequest): Response | undefined {
  const versions = engine.tosVersions();
  for (const [index, acceptance] of (body.tosAcceptances ?? []).entries()) {
    const version = versions.find((candidate) => candidate.versionId === acceptance.versionId);
    if (version === undefined) {
      return coinbaseError(
        400,
        'invalid_request',
        `tosAcceptances.${index}.versionId: Terms of Service version '${acceptance.versionId}' is not published.`,
      );
    }
    if (!version.languages.includes(acceptance.language)) {
      return coinbaseError(
        400,
        'unsupported_tos_language',
        `Terms of Service version '${version.versionId}' is not published in language '${acceptance.language}'. Supported languages: [${version.languages
          .map((language) => `'${language}'`)
          .join(', ')}].`,
      );
    }
    if (Date.parse(acceptance.acceptedAt) > Date.now() + ACCEPTED_AT_FUTURE_TOLERANCE_MS) {
      return coinbaseError(
        400,
        'invalid_request',
        `tosAcceptances.${index}.acceptedAt: must not be in the future.`,
      );
    }
  }
  for (const [index, attestation] of (body.taxAttestations ?? []).entries()) {
    if (Date.parse(attestation.acceptedAt) > Date.now() + ACCEPTED_AT_FUTURE_TOLERANCE_MS) {
      return coinbaseError(
        400,
        'invalid_request',
        `taxAttestations.${index}.acceptedAt: must not be in the future.`,
      );
    }
  }
  return undefined;
}

/** Applies a validated create/update body. Only names and email are kept; other values only leave a verdict. */
function applyWrite(state: CustomerState, body: CoinbaseWriteRequest, now: string): void {
  for (const [name, input] of Object.entries(body.capabilities ?? {})) {
    if (input === undefined) continue;
    const requested = new Set(state.requested);
    if (input.requested) requested.add(name);
    else requested.delete(name);
    state.requested = [...requested];
  }
  const individual = body.individual;
  if (individual !== undefined) {
    if (individual.firstName !== undefined) state.profile.firstName = individual.firstName;
    if (individual.lastName !== undefined) state.profile.lastName = individual.lastName;
    if (individual.email !== undefined) state.profile.email = individual.email;
    for (const verdict of coinbaseFieldVerdicts(individual))
      submitField(state, verdict.key, verdict.passes, now);
  }
  for (const acceptance of body.tosAcceptances ?? []) {
    state.tosAcceptances = [
      ...state.tosAcceptances.filter((existing) => existing.versionId !== acceptance.versionId),
      { versionId: acceptance.versionId, language: acceptance.language, acceptedAt: acceptance.acceptedAt },
    ];
    delete state.requirementOverrides.tos;
  }
  for (const attestation of body.taxAttestations ?? []) {
    if (!state.attestedTaxForms.includes(attestation.form)) state.attestedTaxForms.push(attestation.form);
    delete state.requirementOverrides.taxAttestation;
  }
  if (body.projectIds !== undefined) state.projectIds = [...body.projectIds];
  // `compliance.requesterIpAddress` is write-only and is deliberately not kept.
  state.updatedAt = now;
}

/**
 * Runs a write once per `X-Idempotency-Key`: the same key and body replay the first
 * response; the same key with another body is a 422 `idempotency_error`.
 */
async function idempotent(
  engine: SandboxEngine,
  c: Context,
  rawBody: string,
  run: () => Response | Promise<Response>,
): Promise<Response> {
  const key = c.req.header('x-idempotency-key');
  if (key === undefined) return run();
  if (key.length < 1 || key.length > 128) {
    return coinbaseError(400, 'invalid_request', 'X-Idempotency-Key: must be 1 to 128 characters.');
  }
  const fingerprint = requestFingerprint(c.req.method, new URL(c.req.url).pathname, rawBody);
  return engine.idempotency.serialize('coinbase', key, async () => {
    const found = engine.idempotency.lookup('coinbase', key, fingerprint);
    if (found.kind === 'replay') {
      if (found.response.status === 204) return new Response(null, { status: 204 });
      return json(JSON.parse(found.response.body), found.response.status);
    }
    if (found.kind === 'conflict') {
      return coinbaseError(
        422,
        'idempotency_error',
        `Idempotency key '${key}' was already used with a different request payload. Please try again with a new idempotency key.`,
      );
    }
    const response = await run();
    // Server failures are not remembered: a retry with the same key should get a real answer.
    if (response.status < 500) {
      const text = await response.clone().text();
      engine.idempotency.remember('coinbase', key, fingerprint, {
        status: response.status,
        body: text === '' ? 'null' : text,
      });
    }
    return response;
  });
}

function loadCustomer(engine: SandboxEngine, customerId: string): CustomerState | Response {
  if (!CUSTOMER_ID_PATTERN.test(customerId)) {
    return coinbaseError(400, 'invalid_request', 'customerId: must look like customer_<uuid>.');
  }
  const state = engine.customers.get(customerId);
  if (state === undefined || state.provider !== 'coinbase' || state.deleted) {
    return coinbaseError(404, 'not_found', 'Customer not found.');
  }
  return state;
}

function encodePageToken(position: number): string {
  return Buffer.from(JSON.stringify({ after: position })).toString('base64url');
}

function decodePageToken(token: string): number | undefined {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { after?: unknown };
    return typeof value.after === 'number' && Number.isInteger(value.after) && value.after >= 0
      ? value.after
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The Coinbase Customers API (CDP platform v2), mounted at `/platform`: create,
 * get, update, list and delete. Update is `PUT` in the spec dialect and `POST`
 * in the guides dialect; the other method is answered 404, as an unknown route.
 */
export function createCoinbaseRoutes(engine: SandboxEngine, keyring: CdpKeyring): Hono {
  const app = new Hono();
  // A token is good for one request: its nonce is refused while the token is still valid.
  const nonces = createCdpNonceMemory();

  app.use('*', async (c, next) => {
    const verdict = await verifyCdpRequest(c.req.raw, keyring, nonces);
    if (!verdict.ok) {
      return coinbaseError(
        401,
        'unauthorized',
        `The request is not properly authenticated: ${verdict.reason}.`,
      );
    }
    await next();
  });

  app.post('/v2/customers', async (c) => {
    const raw = await c.req.text();
    return idempotent(engine, c, raw, () => {
      const parsed = parseWrite(raw, 'create', engine.dialect);
      if (!parsed.ok) return parsed.response;
      const tosProblem = checkTosAcceptances(engine, parsed.body);
      if (tosProblem !== undefined) return tosProblem;
      const now = new Date().toISOString();
      const state = newCustomerState({ id: `customer_${randomUUID()}`, provider: 'coinbase', now });
      applyWrite(state, parsed.body, now);
      engine.commit(state, { created: true });
      return json(engine.coinbaseView(state), 201);
    });
  });

  app.get('/v2/customers', (c) => {
    const pageSizeText = c.req.query('pageSize');
    // Digits only: Number() would also take "1e1", "0x10" or " 5", which an integer parameter refuses.
    const pageSize =
      pageSizeText === undefined
        ? DEFAULT_PAGE_SIZE
        : /^\d+$/.test(pageSizeText)
          ? Number(pageSizeText)
          : NaN;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      return coinbaseError(
        400,
        'invalid_request',
        `pageSize: must be a whole number from 1 to ${MAX_PAGE_SIZE}.`,
      );
    }
    const pageToken = c.req.query('pageToken');
    const after = pageToken === undefined || pageToken === '' ? 0 : decodePageToken(pageToken);
    if (after === undefined)
      return coinbaseError(400, 'invalid_request', 'pageToken: not a token this API issued.');
    const page = engine.customers.list('coinbase', { after, limit: pageSize });
    return json(
      {
        customers: page.customers.map((state) => engine.coinbaseView(state)),
        ...(page.more ? { nextPageToken: encodePageToken(page.last) } : {}),
      },
      200,
    );
  });

  app.get('/v2/customers/:customerId', (c) => {
    const state = loadCustomer(engine, c.req.param('customerId'));
    if (state instanceof Response) return state;
    return json(engine.coinbaseView(state), 200);
  });

  const update = async (c: Context): Promise<Response> => {
    const raw = await c.req.text();
    return idempotent(engine, c, raw, () => {
      const state = loadCustomer(engine, c.req.param('customerId') ?? '');
      if (state instanceof Response) return state;
      const parsed = parseWrite(raw, 'update', engine.dialect);
      if (!parsed.ok) return parsed.response;
      // The spec's 403: a customer whose capabilities are permanently inactive cannot be modified.
      if (state.sanctionApplied)
        return coinbaseError(403, 'forbidden', 'This customer cannot be modified at this time.');
      const tosProblem = checkTosAcceptances(engine, parsed.body);
      if (tosProblem !== undefined) return tosProblem;
      applyWrite(state, parsed.body, new Date().toISOString());
      engine.commit(state);
      return json(engine.coinbaseView(state), 200);
    });
  };
  if (engine.dialect === 'guides') app.post('/v2/customers/:customerId', update);
  else app.put('/v2/customers/:customerId', update);

  app.delete('/v2/customers/:customerId', async (c) => {
    const raw = await c.req.text();
    return idempotent(engine, c, raw, () => {
      const customerId = c.req.param('customerId');
      if (!CUSTOMER_ID_PATTERN.test(customerId)) {
        return coinbaseError(400, 'invalid_request', 'customerId: must look like customer_<uuid>.');
      }
      const state = engine.customers.get(customerId);
      if (state === undefined || state.provider !== 'coinbase')
        return coinbaseError(404, 'not_found', 'Customer not found.');
      // Deleting twice is fine: the spec makes DELETE idempotent (204 again).
      if (!state.deleted) {
        state.deleted = true;
        // Deletion takes the customer's data with it; only the id stays, so a second DELETE is still a 204.
        state.profile = {};
        state.fields = {};
        state.updatedAt = new Date().toISOString();
        engine.customers.save(state);
        engine.announceDeletion(state);
      }
      return new Response(null, { status: 204 });
    });
  });

  app.notFound(() => coinbaseError(404, 'not_found', 'No such route.'));
  return app;
}
