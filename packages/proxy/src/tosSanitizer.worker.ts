/**
 * The worker thread of `createTosSanitizer`: sanitizes one Terms document per message, off the proxy's
 * event loop, and answers each with data (errors too: a class does not cross the thread boundary).
 */
import { parentPort } from 'node:worker_threads';
import type { TosDocumentInput, TosSanitizerMessage } from './createTosSanitizer';
import { sanitizeTosDocument } from './sanitizeTosDocument';

const port = parentPort;
if (port === null) throw new Error('tosSanitizer.worker runs in a worker thread only');

function answer(message: TosSanitizerMessage): void {
  port?.postMessage(message);
}

port.on('message', (input: TosDocumentInput) => {
  try {
    answer({ type: 'sanitized', document: sanitizeTosDocument(input) });
  } catch (error) {
    answer(
      error instanceof Error
        ? { type: 'failed', name: error.name, message: error.message }
        : { type: 'failed', name: 'Error', message: String(error) },
    );
  }
});
answer({ type: 'ready' });
