import { COINBASE_CAPABILITY_STATUSES, OMS_ENDORSEMENT_STATUSES } from '@kyc-kit/core/server';
import { Hono } from 'hono';
import { z } from 'zod';
import type { CustomerState, ForcedRequirementStatus } from './customerState';
import { FAULT_STATUSES } from './faultInjector';
import { COINBASE_CAPABILITIES, OMS_ENDORSEMENTS } from './requirementRules';
import type { SandboxEngine } from './sandboxEngine';
import { ensureDefaultTosVersion, publishTosVersion, tosDocumentUrl } from './termsOfService';

const coinbaseRequirementStatuses = [
  'eventually_due',
  'due',
  'pending',
  'rejected',
  'overdue',
  'complete',
] as const;
const omsRequirementStatuses = ['complete', 'pending', 'missing', 'issues'] as const;

const faultSchema = z
  .strictObject({
    kind: z.enum(['status', 'latency', 'timeout', 'malformed']),
    method: z.string().min(1).optional(),
    path: z.string().startsWith('/').optional(),
    status: z.union(FAULT_STATUSES.map((status) => z.literal(status))).optional(),
    retryAfterSeconds: z.number().int().min(0).optional(),
    delayMs: z.number().int().min(0).optional(),
    count: z.number().int().min(1).default(1),
  })
  .refine((fault) => fault.kind !== 'status' || fault.status !== undefined, {
    message: 'a status fault needs a status (500, 502, 503 or 429)',
    path: ['status'],
  })
  .refine((fault) => fault.kind !== 'latency' || fault.delayMs !== undefined, {
    message: 'a latency fault needs delayMs',
    path: ['delayMs'],
  });

const tosSchema = z.strictObject({
  versionId: z.string().min(1).max(64),
  languages: z
    .array(z.enum(['en', 'es']))
    .min(1)
    .default(['en', 'es']),
  deadline: z.iso.datetime({ offset: true }).optional(),
});

const omsShapesSchema = z.strictObject({
  endorsements: z.enum(['objects', 'typed', 'names']).optional(),
  issues: z.enum(['names', 'objects']).optional(),
});

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function problem(status: number, message: string): Response {
  return json({ error: { message } }, status);
}

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === '') return {};
  return JSON.parse(text) as unknown;
}

function describe(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.map(String).join('.') || 'body'}: ${issue.message}`)
    .join('; ');
}

/**
 * The control API under `/sandbox`, for tests and the demo's sandbox panel: advance
 * verification, force statuses, publish Terms of Service, inject faults, read the
 * webhook log and reset. JSON in and out; errors are `{ error: { message } }`.
 */
export function createControlRoutes(engine: SandboxEngine): Hono {
  const app = new Hono();

  const view = (state: CustomerState): unknown =>
    state.provider === 'coinbase' ? engine.coinbaseView(state) : engine.omsView(state);

  const load = (customerId: string): CustomerState | Response => {
    const state = engine.customers.get(customerId);
    if (state === undefined || state.deleted) return problem(404, `No customer ${customerId}.`);
    return state;
  };

  app.onError((error) => {
    if (error instanceof SyntaxError) return problem(400, 'body: not valid JSON.');
    return problem(500, 'The sandbox failed to handle this control request.');
  });

  app.get('/customers', () =>
    json({
      customers: engine.customers
        .all()
        .filter((state) => !state.deleted)
        .map((state) => ({ provider: state.provider, customer: view(state) })),
    }),
  );

  app.post('/advance', async (c) => {
    const parsed = z
      .strictObject({ customerId: z.string().min(1).optional() })
      .safeParse(await readJson(c.req.raw));
    if (!parsed.success) return problem(400, describe(parsed.error));
    if (parsed.data.customerId !== undefined) {
      const state = load(parsed.data.customerId);
      if (state instanceof Response) return state;
    }
    return json({ advanced: engine.advance(parsed.data.customerId) });
  });

  app.post('/customers/:customerId/capabilities/:name', async (c) => {
    const state = load(c.req.param('customerId'));
    if (state instanceof Response) return state;
    const name = c.req.param('name');
    const body = await readJson(c.req.raw);
    const parsed =
      state.provider === 'coinbase'
        ? z.strictObject({ status: z.enum(COINBASE_CAPABILITY_STATUSES) }).safeParse(body)
        : z.strictObject({ status: z.enum(OMS_ENDORSEMENT_STATUSES) }).safeParse(body);
    if (!parsed.success) return problem(400, describe(parsed.error));
    const known: readonly string[] = state.provider === 'coinbase' ? COINBASE_CAPABILITIES : OMS_ENDORSEMENTS;
    if (!known.includes(name)) return problem(400, `name: expected one of ${known.join(', ')}.`);
    state.forcedStatuses[name] = parsed.data.status;
    if (state.provider === 'oms' && !state.requested.includes(name))
      state.requested = [...state.requested, name];
    state.updatedAt = new Date().toISOString();
    engine.commit(state);
    return json({ customer: view(state) });
  });

  app.delete('/customers/:customerId/capabilities/:name', (c) => {
    const state = load(c.req.param('customerId'));
    if (state instanceof Response) return state;
    delete state.forcedStatuses[c.req.param('name')];
    state.updatedAt = new Date().toISOString();
    engine.commit(state);
    return json({ customer: view(state) });
  });

  app.post('/customers/:customerId/requirements/:key', async (c) => {
    const state = load(c.req.param('customerId'));
    if (state instanceof Response) return state;
    const body = await readJson(c.req.raw);
    const deadline = z.iso.datetime({ offset: true }).optional();
    const parsed =
      state.provider === 'coinbase'
        ? z.strictObject({ status: z.enum(coinbaseRequirementStatuses), deadline }).safeParse(body)
        : z.strictObject({ status: z.enum(omsRequirementStatuses), deadline }).safeParse(body);
    if (!parsed.success) return problem(400, describe(parsed.error));
    const status: ForcedRequirementStatus = parsed.data.status;
    // "Overdue" means a deadline has passed: give it one if the caller did not.
    const effectiveDeadline =
      parsed.data.deadline ?? (status === 'overdue' ? new Date().toISOString() : undefined);
    state.requirementOverrides[c.req.param('key')] = {
      status,
      ...(effectiveDeadline === undefined ? {} : { deadline: effectiveDeadline }),
    };
    state.updatedAt = new Date().toISOString();
    engine.commit(state);
    return json({ customer: view(state) });
  });

  app.delete('/customers/:customerId/requirements/:key', (c) => {
    const state = load(c.req.param('customerId'));
    if (state instanceof Response) return state;
    delete state.requirementOverrides[c.req.param('key')];
    state.updatedAt = new Date().toISOString();
    engine.commit(state);
    return json({ customer: view(state) });
  });

  app.get('/tos', () =>
    json({
      versions: engine
        .tosVersions()
        .map((version) => ({ ...version, url: tosDocumentUrl(engine.publicUrl, version.versionId) })),
    }),
  );

  app.post('/tos', async (c) => {
    const parsed = tosSchema.safeParse(await readJson(c.req.raw));
    if (!parsed.success) return problem(400, describe(parsed.error));
    const version = publishTosVersion(engine.database, {
      versionId: parsed.data.versionId,
      languages: parsed.data.languages,
      publishedAt: new Date().toISOString(),
      ...(parsed.data.deadline === undefined ? {} : { deadline: parsed.data.deadline }),
    });
    // Customers who accepted an earlier version now owe this one: their statuses may change.
    engine.reannounceAll();
    return json({ version: { ...version, url: tosDocumentUrl(engine.publicUrl, version.versionId) } }, 201);
  });

  app.get('/faults', () => json({ faults: engine.faults.list() }));

  app.post('/faults', async (c) => {
    const parsed = faultSchema.safeParse(await readJson(c.req.raw));
    if (!parsed.success) return problem(400, describe(parsed.error));
    const { count, ...fault } = parsed.data;
    return json({ fault: engine.faults.add({ ...fault, remaining: count }) }, 201);
  });

  app.delete('/faults', () => {
    engine.faults.clear();
    return json({ faults: [] });
  });

  app.get('/webhooks', () => json({ deliveries: engine.dispatcher?.list() ?? [] }));

  // The dialect the Coinbase API answers in (set per run) and the OMS shapes (changeable here).
  app.get('/dialect', () => json({ dialect: engine.dialect, omsShapes: engine.omsShapes }));
  app.post('/oms-shapes', async (c) => {
    const parsed = omsShapesSchema.safeParse(await readJson(c.req.raw).catch(() => null));
    if (!parsed.success) return problem(400, describe(parsed.error));
    Object.assign(engine.omsShapes, parsed.data);
    return json({ omsShapes: engine.omsShapes });
  });

  app.post('/reset', () => {
    engine.cancelVerifications();
    engine.faults.clear();
    engine.dispatcher?.clear();
    engine.database.exec(
      'DELETE FROM customers; DELETE FROM idempotency; DELETE FROM access_tokens; DELETE FROM tos_versions;',
    );
    ensureDefaultTosVersion(engine.database, new Date().toISOString());
    return json({ reset: true });
  });

  app.notFound(() => problem(404, 'No such control route.'));
  return app;
}
