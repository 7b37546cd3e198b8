import { Webhook } from 'standardwebhooks';
import { signHook0Payload } from './hook0Signature';
import type { SandboxDatabase } from './openSandboxDatabase';

/**
 * A Standard Webhooks secret for the library: `whsec_<base64 key>` as OMS hands
 * them out is used as is; any other string is taken as the key bytes (UTF-8),
 * the same rule as the proxy's, so one plain secret configures both.
 */
function toStandardWebhookSecret(secret: string): string {
  const base64 = secret.slice('whsec_'.length);
  return secret.startsWith('whsec_') && base64.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(base64)
    ? secret
    : `whsec_${Buffer.from(secret, 'utf8').toString('base64')}`;
}

/** One try at delivering an event. */
export interface WebhookAttempt {
  at: string;
  /** The receiver's HTTP status, absent when the request itself failed. */
  status?: number;
  error?: string;
}

/** An event the sandbox has sent (or is still trying to send). */
export interface WebhookDelivery {
  eventId: string;
  provider: 'coinbase' | 'oms';
  eventType: string;
  url: string;
  body: unknown;
  attempts: WebhookAttempt[];
  delivered: boolean;
  /** When the next retry is due (ISO 8601); absent once delivered or given up. */
  nextAttemptAt?: string;
}

/** Sends signed webhooks with retries and keeps a log of every delivery. */
export interface WebhookDispatcher {
  enqueue(event: {
    eventId: string;
    provider: 'coinbase' | 'oms';
    eventType: string;
    url: string;
    body: unknown;
  }): void;
  list(): WebhookDelivery[];
  /** Forgets every delivery and cancels pending retries. */
  clear(): void;
  /** Resolves once no delivery attempt is in flight. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

interface DeliveryRow {
  event_id: string;
  provider: 'coinbase' | 'oms';
  event_type: string;
  url: string;
  body: string;
  attempts: string;
  delivered: number;
  next_attempt_at: number | null;
}

/** How the dispatcher is configured. */
export interface WebhookDispatcherOptions {
  database: SandboxDatabase;
  /** Signs Coinbase deliveries (Hook0's `X-Hook0-Signature`). */
  secret: string;
  /** Signs OMS deliveries (Standard Webhooks); `whsec_<base64>`, or a plain string taken as the key bytes. @default secret */
  omsSecret?: string;
  fetch: typeof fetch;
  /** The first retry waits this long; each further retry doubles it. */
  retryBaseMs: number;
  /** Attempts in all, the first included; then the delivery is given up (and still listed). */
  maxAttempts: number;
  /** How long one attempt may wait for the receiver's answer before it counts as failed. */
  deliveryTimeoutMs: number;
}

/**
 * Delivers events at least once: every attempt is signed afresh (Coinbase
 * events with Hook0's `X-Hook0-Signature`, OMS events with the Standard
 * Webhooks headers, through the `standardwebhooks` library), any answer other
 * than 2xx (or a network error) is retried with exponential backoff, and the queue
 * lives in SQLite so undelivered events resume after a restart.
 */
export function createWebhookDispatcher(options: WebhookDispatcherOptions): WebhookDispatcher {
  const { database } = options;
  const omsSecret = options.omsSecret ?? options.secret;
  const omsSigner = new Webhook(toStandardWebhookSecret(omsSecret));
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const inFlight = new Set<Promise<void>>();
  let closed = false;

  const insert = database.prepare(
    `INSERT INTO webhook_deliveries (event_id, sequence, provider, event_type, url, body, attempts, delivered, next_attempt_at)
     VALUES (?, (SELECT COALESCE(MAX(sequence), 0) + 1 FROM webhook_deliveries), ?, ?, ?, ?, '[]', 0, ?)`,
  );
  const select = database.prepare('SELECT * FROM webhook_deliveries WHERE event_id = ?');
  const update = database.prepare(
    'UPDATE webhook_deliveries SET attempts = ?, delivered = ?, next_attempt_at = ? WHERE event_id = ?',
  );

  function schedule(eventId: string, delayMs: number): void {
    if (closed) return;
    const existing = timers.get(eventId);
    if (existing !== undefined) clearTimeout(existing);
    const timer = setTimeout(() => {
      timers.delete(eventId);
      const attempt = attemptDelivery(eventId).finally(() => inFlight.delete(attempt));
      inFlight.add(attempt);
    }, delayMs);
    // A forgotten close() must not keep the partner's test process alive.
    timer.unref?.();
    timers.set(eventId, timer);
  }

  async function attemptDelivery(eventId: string): Promise<void> {
    const row = select.get(eventId) as DeliveryRow | undefined;
    if (row === undefined || row.delivered === 1) return;
    const attempts = JSON.parse(row.attempts) as WebhookAttempt[];
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'content-type': 'application/json',
      'x-event-id': row.event_id,
      'x-event-type': row.event_type,
    };
    // Each provider's own scheme: Hook0 for Coinbase, Standard Webhooks for OMS.
    const signed: Record<string, string> =
      row.provider === 'oms'
        ? {
            'content-type': 'application/json',
            'webhook-id': row.event_id,
            'webhook-timestamp': String(timestamp),
            'webhook-signature': omsSigner.sign(row.event_id, new Date(timestamp * 1000), row.body),
          }
        : {
            ...headers,
            'x-hook0-signature': signHook0Payload({
              secret: options.secret,
              rawBody: row.body,
              timestamp,
              headers,
            }),
          };
    const attempt: WebhookAttempt = { at: new Date().toISOString() };
    // A receiver that never answers fails the attempt, so it is retried like any other failure.
    const abort = new AbortController();
    const giveUp = setTimeout(() => {
      abort.abort(new Error(`no answer within ${options.deliveryTimeoutMs} ms`));
    }, options.deliveryTimeoutMs);
    giveUp.unref?.();
    try {
      const response = await options.fetch(row.url, {
        method: 'POST',
        headers: signed,
        body: row.body,
        signal: abort.signal,
      });
      attempt.status = response.status;
      // Drain the body so keep-alive sockets are released.
      await response.arrayBuffer().catch(() => undefined);
    } catch (error) {
      attempt.error = error instanceof Error ? error.message : 'delivery failed';
    } finally {
      clearTimeout(giveUp);
    }
    attempts.push(attempt);
    const delivered = attempt.status !== undefined && attempt.status >= 200 && attempt.status < 300;
    if (delivered || attempts.length >= options.maxAttempts) {
      update.run(JSON.stringify(attempts), delivered ? 1 : 0, null, eventId);
      return;
    }
    const delayMs = options.retryBaseMs * 2 ** (attempts.length - 1);
    update.run(JSON.stringify(attempts), 0, Date.now() + delayMs, eventId);
    schedule(eventId, delayMs);
  }

  // Resume deliveries a previous run left unfinished.
  const unfinished = database
    .prepare(
      'SELECT event_id, next_attempt_at FROM webhook_deliveries WHERE delivered = 0 AND next_attempt_at IS NOT NULL',
    )
    .all() as { event_id: string; next_attempt_at: number }[];
  for (const row of unfinished) schedule(row.event_id, Math.max(0, row.next_attempt_at - Date.now()));

  return {
    enqueue(event) {
      insert.run(
        event.eventId,
        event.provider,
        event.eventType,
        event.url,
        JSON.stringify(event.body),
        Date.now(),
      );
      schedule(event.eventId, 0);
    },
    list() {
      const rows = database
        .prepare('SELECT * FROM webhook_deliveries ORDER BY sequence')
        .all() as DeliveryRow[];
      return rows.map((row) => ({
        eventId: row.event_id,
        provider: row.provider,
        eventType: row.event_type,
        url: row.url,
        body: JSON.parse(row.body) as unknown,
        attempts: JSON.parse(row.attempts) as WebhookAttempt[],
        delivered: row.delivered === 1,
        ...(row.next_attempt_at === null
          ? {}
          : { nextAttemptAt: new Date(row.next_attempt_at).toISOString() }),
      }));
    },
    clear() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      database.prepare('DELETE FROM webhook_deliveries').run();
    },
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    async close() {
      closed = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await Promise.all([...inFlight]);
    },
  };
}
