import { randomUUID } from 'node:crypto';

/** The kinds of trouble the sandbox can simulate. */
export type FaultKind = 'status' | 'latency' | 'timeout' | 'malformed';

/** The error statuses a `status` fault may answer with. */
export const FAULT_STATUSES = [500, 502, 503, 429] as const;

/** A status a `status` fault may answer with. */
export type FaultStatus = (typeof FAULT_STATUSES)[number];

/** A fault armed for the next `remaining` matching requests. */
export interface Fault {
  id: string;
  kind: FaultKind;
  /** Only requests with this method (any when absent). */
  method?: string;
  /** Only requests whose path starts with this (any provider route when absent). */
  path?: string;
  /** `status`: the status to answer with. */
  status?: FaultStatus;
  /** `status` 429 or 503: the `Retry-After` seconds to send. */
  retryAfterSeconds?: number;
  /** `latency`: the delay before the request is handled; `timeout`: how long to hang before a 504 (forever when absent). */
  delayMs?: number;
  remaining: number;
}

/** Arms faults and hands them to matching requests. */
export interface FaultInjector {
  add(fault: Omit<Fault, 'id'>): Fault;
  list(): Fault[];
  clear(): void;
  /** The fault for this request, if any; counts it as used. */
  take(method: string, path: string): Fault | undefined;
}

/** Creates an in-memory fault injector (faults are test set-up, not state worth persisting). */
export function createFaultInjector(): FaultInjector {
  let faults: Fault[] = [];
  return {
    add(fault) {
      const armed: Fault = { id: randomUUID(), ...fault };
      faults.push(armed);
      return armed;
    },
    list() {
      return faults.map((fault) => ({ ...fault }));
    },
    clear() {
      faults = [];
    },
    take(method, path) {
      const fault = faults.find(
        (candidate) =>
          (candidate.method === undefined || candidate.method.toUpperCase() === method.toUpperCase()) &&
          (candidate.path === undefined || path.startsWith(candidate.path)),
      );
      if (fault === undefined) return undefined;
      fault.remaining -= 1;
      if (fault.remaining <= 0) faults = faults.filter((candidate) => candidate !== fault);
      return { ...fault };
    },
  };
}
