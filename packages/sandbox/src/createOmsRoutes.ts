import { randomBytes, randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import { newCustomerState, submitField } from './customerState';
import type { CustomerState } from './customerState';
import { requestFingerprint } from './idempotencyStore';
import { omsFieldVerdicts } from './magicValues';
import { omsError } from './omsError';
import { OMS_DEFAULT_ENDORSEMENTS, OMS_ENDORSEMENTS } from './requirementRules';
import type { SandboxCredentials } from './sandboxCredentials';
import { shapeOmsCustomer } from './omsCustomerView';
import type { SandboxEngine } from './sandboxEngine';

/** Access tokens live this long, as OMS documents (`expiresIn: 3600`). */
const TOKEN_LIFETIME_SECONDS = 3600;
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;
const countryCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code');

const writeFields = {
  firstName: z.string().min(1).optional(),
  middleName: z.string().optional(),
  lastName: z.string().min(1).optional(),
  email: z.email('must be an email address').optional(),
  phone: z
    .string()
    .regex(/^\+[1-9]\d{1,14}$/, 'must be in E.164 format, e.g. +12125551234')
    .optional(),
  birthDate: z.iso.date('must be a date as YYYY-MM-DD').optional(),
  nationality: countryCode.optional(),
  countryCode: countryCode.optional(),
  ipAddress: z.string().min(1).optional(),
  externalId: z.string().min(1).optional(),
  signedAgreement: z.boolean().optional(),
  residentialAddress: z
    .strictObject({
      line1: z.string().min(1),
      line2: z.string().optional(),
      city: z.string().min(1),
      state: z.string().min(1),
      country: countryCode,
      zipCode: z.string().min(1),
    })
    .optional(),
  identifyingInformation: z
    .array(
      z.strictObject({
        type: z.enum(['ssn', 'itin', 'driversLicense', 'passport']),
        issuingCountry: countryCode,
        number: z.string().min(1),
      }),
    )
    .min(1)
    .optional(),
  endorsements: z.array(z.enum(OMS_ENDORSEMENTS)).min(1).optional(),
  metadata: z.record(z.string(), z.string()).optional(),
};

const createSchema = z.strictObject({ type: z.literal('individual'), ...writeFields });
const updateSchema = z.strictObject(writeFields);
type OmsWrite = z.infer<typeof updateSchema>;

function json(body: unknown, status: number): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'Invalid request.';
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys')
    return `${issue.keys.map((key) => (path === '' ? key : `${path}.${key}`)).join(', ')}: unknown field`;
  return `${path === '' ? 'body' : path}: ${issue.message}`;
}

function parse(
  raw: string,
  schema: typeof createSchema | typeof updateSchema,
): { ok: true; body: OmsWrite } | { ok: false; response: Response } {
  let value: unknown;
  try {
    value = raw.trim() === '' ? {} : JSON.parse(raw);
  } catch {
    return { ok: false, response: omsError(400, 'validation_error', 'body: not valid JSON.') };
  }
  const result = schema.safeParse(value);
  if (!result.success)
    return { ok: false, response: omsError(400, 'validation_error', firstIssue(result.error)) };
  return { ok: true, body: result.data };
}

function applyWrite(state: CustomerState, body: OmsWrite, now: string): void {
  if (body.endorsements !== undefined) {
    // Every endorsement builds on basic, so asking for any of them asks for basic too.
    state.requested = [...new Set([...state.requested, 'basic', ...body.endorsements])];
  }
  const profile = state.profile;
  if (body.firstName !== undefined) profile.firstName = body.firstName;
  if (body.middleName !== undefined) profile.middleName = body.middleName;
  if (body.lastName !== undefined) profile.lastName = body.lastName;
  if (body.email !== undefined) profile.email = body.email;
  if (body.phone !== undefined) profile.phone = body.phone;
  if (body.countryCode !== undefined) profile.countryCode = body.countryCode;
  if (body.externalId !== undefined) profile.externalId = body.externalId;
  if (body.metadata !== undefined) state.metadata = { ...body.metadata };
  if (body.signedAgreement === true && state.signedAgreementAt === null) state.signedAgreementAt = now;
  if (body.signedAgreement === false) state.signedAgreementAt = null;
  if (body.signedAgreement !== undefined) delete state.requirementOverrides.signedAgreement;
  // Birth date, address, IP address and documents leave only a verdict: they are write-only.
  for (const verdict of omsFieldVerdicts(body)) submitField(state, verdict.key, verdict.passes, now);
  state.updatedAt = now;
}

function loadCustomer(engine: SandboxEngine, customerId: string): CustomerState | Response {
  const state = engine.customers.get(customerId);
  if (state === undefined || state.provider !== 'oms' || state.deleted)
    return omsError(404, 'not_found', 'Customer not found.');
  return state;
}

async function idempotent(
  engine: SandboxEngine,
  c: Context,
  rawBody: string,
  options: { required: boolean },
  run: () => Response,
): Promise<Response> {
  const key = c.req.header('idempotency-key');
  if (key === undefined || key === '') {
    if (options.required)
      return omsError(
        400,
        'idempotency_key_required',
        'The Idempotency-Key header is required on POST requests.',
      );
    return run();
  }
  const fingerprint = requestFingerprint(c.req.method, new URL(c.req.url).pathname, rawBody);
  return engine.idempotency.serialize('oms', key, async () => {
    const found = engine.idempotency.lookup('oms', key, fingerprint);
    if (found.kind === 'replay') return json(JSON.parse(found.response.body), found.response.status);
    if (found.kind === 'conflict') {
      return omsError(
        422,
        'idempotency_conflict',
        'This Idempotency-Key was already used with a different request.',
      );
    }
    const response = run();
    if (response.status < 500) {
      engine.idempotency.remember('oms', key, fingerprint, {
        status: response.status,
        body: await response.clone().text(),
      });
    }
    return response;
  });
}

/**
 * Polygon's OMS Customers API v0.9, mounted at `/v0.9`: token exchange, then
 * create (Idempotency-Key required), get, PATCH and list with a bearer token.
 */
export function createOmsRoutes(engine: SandboxEngine, credentials: SandboxCredentials['oms']): Hono {
  const app = new Hono();
  const insertToken = engine.database.prepare('INSERT INTO access_tokens (token, expires_at) VALUES (?, ?)');
  const selectToken = engine.database.prepare('SELECT expires_at FROM access_tokens WHERE token = ?');

  app.post('/auth/token', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return omsError(400, 'validation_error', 'body: not valid JSON.');
    }
    const parsed = z
      .strictObject({ apiKey: z.string().min(1), apiSecret: z.string().min(1) })
      .safeParse(body);
    if (!parsed.success) return omsError(400, 'validation_error', firstIssue(parsed.error));
    if (parsed.data.apiKey !== credentials.apiKey || parsed.data.apiSecret !== credentials.apiSecret) {
      return omsError(401, 'unauthorized', 'Invalid API key or secret.');
    }
    const accessToken = `oms_at_${randomBytes(24).toString('hex')}`;
    const expiresAt = new Date(Date.now() + TOKEN_LIFETIME_SECONDS * 1000);
    insertToken.run(accessToken, expiresAt.getTime());
    return json(
      {
        accessToken,
        tokenType: 'bearer',
        expiresIn: TOKEN_LIFETIME_SECONDS,
        expiresAt: expiresAt.toISOString(),
      },
      200,
    );
  });

  // Every customer route needs a live token from POST /auth/token.
  const requireToken = async (c: Context, next: () => Promise<void>): Promise<Response | void> => {
    const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
    const row =
      match?.[1] === undefined
        ? undefined
        : (selectToken.get(match[1]) as { expires_at: number } | undefined);
    if (row === undefined)
      return omsError(401, 'unauthorized', 'Missing or unknown bearer token: get one from POST /auth/token.');
    if (row.expires_at <= Date.now())
      return omsError(
        401,
        'unauthorized',
        'The access token has expired: get a new one from POST /auth/token.',
      );
    await next();
  };
  app.use('/customers', requireToken);
  app.use('/customers/*', requireToken);

  app.post('/customers', async (c) => {
    const raw = await c.req.text();
    return idempotent(engine, c, raw, { required: true }, () => {
      const parsed = parse(raw, createSchema);
      if (!parsed.ok) return parsed.response;
      const now = new Date().toISOString();
      const state = newCustomerState({ id: `cst_${randomUUID().replace(/-/g, '')}`, provider: 'oms', now });
      applyWrite(state, { endorsements: [...OMS_DEFAULT_ENDORSEMENTS], ...parsed.body }, now);
      engine.commit(state, { created: true });
      return json(engine.omsWire(state), 201);
    });
  });

  app.get('/customers', (c) => {
    const limitText = c.req.query('limit');
    const limit = limitText === undefined ? DEFAULT_LIMIT : /^\d+$/.test(limitText) ? Number(limitText) : NaN;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      return omsError(400, 'validation_error', `limit: must be a whole number from 1 to ${MAX_LIMIT}.`);
    }
    const createdAfter = c.req.query('createdAfter');
    if (createdAfter !== undefined && Number.isNaN(Date.parse(createdAfter))) {
      return omsError(400, 'validation_error', 'createdAfter: must be an ISO 8601 date-time.');
    }
    const status = c.req.query('status');
    const email = c.req.query('email');
    const externalId = c.req.query('externalId');
    const cursor = c.req.query('cursor');
    const matching = engine.customers
      .all()
      .filter((state) => state.provider === 'oms' && !state.deleted)
      .map((state) => engine.omsView(state))
      .filter(
        (view) =>
          (status === undefined || view.status === status) &&
          (email === undefined || view.email === email) &&
          (externalId === undefined || view.externalId === externalId) &&
          (createdAfter === undefined || Date.parse(view.createdAt) > Date.parse(createdAfter)),
      );
    let start = 0;
    if (cursor !== undefined && cursor !== '') {
      const index = matching.findIndex((view) => view.id === cursor);
      if (index === -1) return omsError(400, 'validation_error', 'cursor: not a cursor this API issued.');
      start = index + 1;
    }
    const page = matching.slice(start, start + limit);
    const hasMore = start + limit < matching.length;
    const data = page.map((view) => shapeOmsCustomer(view, engine.omsShapes));
    return json({ data, hasMore, cursor: hasMore ? (page.at(-1)?.id ?? null) : null }, 200);
  });

  app.get('/customers/:customerId', (c) => {
    const state = loadCustomer(engine, c.req.param('customerId'));
    if (state instanceof Response) return state;
    return json(engine.omsWire(state), 200);
  });

  app.patch('/customers/:customerId', async (c) => {
    const raw = await c.req.text();
    return idempotent(engine, c, raw, { required: false }, () => {
      const state = loadCustomer(engine, c.req.param('customerId'));
      if (state instanceof Response) return state;
      const parsed = parse(raw, updateSchema);
      if (!parsed.ok) return parsed.response;
      applyWrite(state, parsed.body, new Date().toISOString());
      engine.commit(state);
      return json(engine.omsWire(state), 200);
    });
  });

  app.notFound(() => omsError(404, 'not_found', 'No such route.'));
  return app;
}
