import type { CustomerState, SandboxProvider } from './customerState';
import type { SandboxDatabase } from './openSandboxDatabase';

/** Reads and writes customer records; each record is one JSON row. */
export interface CustomerStore {
  get(id: string): CustomerState | undefined;
  insert(state: CustomerState): void;
  save(state: CustomerState): void;
  /** Non-deleted customers of one provider in creation order, after the given position. */
  list(
    provider: SandboxProvider,
    options: { after: number; limit: number },
  ): { customers: CustomerState[]; last: number; more: boolean };
  /** Every customer record, deleted ones included (for the verifier and the control panel). */
  all(): CustomerState[];
  /** The creation position of a customer, used as a paging cursor. */
  positionOf(id: string): number | undefined;
}

interface CustomerRow {
  state: string;
  sequence: number;
}

/** Creates the SQLite-backed customer store. */
export function createCustomerStore(database: SandboxDatabase): CustomerStore {
  const select = database.prepare('SELECT state, sequence FROM customers WHERE id = ?');
  const insert = database.prepare(
    'INSERT INTO customers (id, provider, sequence, state) VALUES (?, ?, (SELECT COALESCE(MAX(sequence), 0) + 1 FROM customers), ?)',
  );
  const update = database.prepare('UPDATE customers SET state = ? WHERE id = ?');
  const page = database.prepare(
    'SELECT state, sequence FROM customers WHERE provider = ? AND sequence > ? ORDER BY sequence LIMIT ?',
  );
  const everything = database.prepare('SELECT state, sequence FROM customers ORDER BY sequence');
  return {
    get(id) {
      const row = select.get(id) as CustomerRow | undefined;
      return row === undefined ? undefined : (JSON.parse(row.state) as CustomerState);
    },
    insert(state) {
      insert.run(state.id, state.provider, JSON.stringify(state));
    },
    save(state) {
      update.run(JSON.stringify(state), state.id);
    },
    list(provider, options) {
      const customers: CustomerState[] = [];
      let last = options.after;
      let more = false;
      // Deleted customers are skipped, so read in batches until the page is full.
      for (;;) {
        const rows = page.all(provider, last, options.limit + 1) as CustomerRow[];
        for (const row of rows) {
          const state = JSON.parse(row.state) as CustomerState;
          if (state.deleted) {
            last = row.sequence;
            continue;
          }
          if (customers.length === options.limit) {
            more = true;
            break;
          }
          customers.push(state);
          last = row.sequence;
        }
        if (more || rows.length <= options.limit) break;
      }
      return { customers, last, more };
    },
    all() {
      return (everything.all() as CustomerRow[]).map((row) => JSON.parse(row.state) as CustomerState);
    },
    positionOf(id) {
      const row = select.get(id) as CustomerRow | undefined;
      return row?.sequence;
    },
  };
}
