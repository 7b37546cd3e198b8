import pg from 'pg';

/**
 * What node-postgres says, in a plain `Error`, when the database could not be
 * reached in time: a pool with no free connection, a connection or query
 * timeout, a connection lost or never made, a client or pool already ended.
 */
const UNREACHABLE_MESSAGE =
  /timeout exceeded when trying to connect|connection timeout|query read timeout|connection terminated|not queryable|after calling end on the pool/i;

/**
 * Whether a failure of a Postgres call says the database could not be reached
 * in time (a timeout, a refused or lost connection, a server shutting down or
 * out of connections), as opposed to a query the database refused or a fault
 * in the code around it — those stay what they are (a 500 and its log line),
 * not a 503 inviting a retry that would fail the same way.
 */
export function isUnreachable(error: unknown): boolean {
  if (error instanceof pg.DatabaseError) {
    // 08: connection exception; 53: insufficient resources; 57: operator intervention (57014: statement_timeout).
    return ['08', '53', '57'].includes((error.code ?? '').slice(0, 2));
  }
  if (!(error instanceof Error)) return false;
  // A socket's own failure: ECONNREFUSED, ECONNRESET, ETIMEDOUT, EHOSTUNREACH, ENOTFOUND, EPIPE, ...
  const { code } = error as NodeJS.ErrnoException;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return true;
  return UNREACHABLE_MESSAGE.test(error.message);
}
