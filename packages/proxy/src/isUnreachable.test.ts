import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { isUnreachable } from './isUnreachable';

function databaseError(code: string): pg.DatabaseError {
  const error = new pg.DatabaseError('refused', 0, 'error');
  error.code = code;
  return error;
}

function socketError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });
}

describe('isUnreachable', () => {
  it('takes a database out of reach in time for what it is (the request answers 503)', () => {
    for (const error of [
      databaseError('57014'), // statement_timeout
      databaseError('57P01'), // the server shutting down
      databaseError('53300'), // too many connections
      databaseError('08006'), // connection failure
      socketError('ECONNREFUSED'),
      socketError('ECONNRESET'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Connection terminated due to connection timeout'),
      new Error('Connection terminated unexpectedly'),
      new Error('Query read timeout'),
      new Error('Client has encountered a connection error and is not queryable'),
      new Error('Cannot use a pool after calling end on the pool'),
    ]) {
      expect(isUnreachable(error), String(error)).toBe(true);
    }
  });

  it('leaves a refused query and a fault in the code around it as they are (a 500, not a retry)', () => {
    for (const error of [
      databaseError('23505'), // unique violation
      databaseError('42P01'), // no such table
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      new RangeError('Invalid time value'),
      'a string thrown',
      undefined,
    ]) {
      expect(isUnreachable(error), String(error)).toBe(false);
    }
  });
});
