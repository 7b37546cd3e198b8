import { isBodyReadElsewhere, readIncomingBody, unreadExchangeOf } from './nodeRequestBody';
import { ProxyError } from './ProxyError';

/** Decodes strictly: bytes that are not UTF-8 throw. Stateless between calls (no `stream` option), so made once. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch (error) {
    throw new ProxyError('invalid_json', { detail: 'body is not UTF-8', cause: error });
  }
}

/** The refusals of an over-long and of a too-slow body (module functions: no closures per read). */
function tooLarge(): ProxyError {
  return new ProxyError('payload_too_large');
}
function tooSlow(): ProxyError {
  return new ProxyError('body_timeout');
}

/**
 * Reads a request (or response) body as UTF-8 text, refusing it (413) as soon as it passes
 * `maxBytes`, before it is buffered whole: a declared `Content-Length` over
 * the limit is refused without reading, and a body that streams on past the
 * limit is cut off. Bytes that are not UTF-8 are refused as unreadable (400).
 * A request from `createNodeListener` is read straight from its `node:http`
 * stream, under the same limits, without a web stream around it.
 */
export async function readLimitedBody(
  request: Pick<Request, 'headers' | 'body'>,
  maxBytes: number,
  options: { timeoutMs?: number } = {},
): Promise<string> {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > maxBytes)
    throw new ProxyError('payload_too_large');
  const exchange = request instanceof Request ? unreadExchangeOf(request) : undefined;
  if (exchange === undefined && request instanceof Request && isBodyReadElsewhere(request))
    throw new ProxyError('internal_error', {
      detail:
        'the request body was already read before createNodeListener: mount it before any body parser (express.json()), or keep the raw bytes as req.rawBody',
    });
  if (exchange !== undefined)
    return decodeUtf8(
      await readIncomingBody(exchange, {
        maxBytes,
        timeoutMs: options.timeoutMs,
        tooLarge,
        tooSlow,
      }),
    );
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  // A body that trickles in holds a connection and a buffer: the whole body must arrive within the time limit.
  let timer: NodeJS.Timeout | undefined;
  const timedOut =
    options.timeoutMs === undefined
      ? undefined
      : new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new ProxyError('body_timeout')), options.timeoutMs);
        });
  timedOut?.catch(() => undefined);
  const read = async () => {
    try {
      return await (timedOut ? Promise.race([reader.read(), timedOut]) : reader.read());
    } catch (error) {
      clearTimeout(timer);
      await reader.cancel().catch(() => undefined);
      throw error;
    }
  };
  for (;;) {
    const { done, value } = await read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      clearTimeout(timer);
      await reader.cancel().catch(() => undefined);
      throw new ProxyError('payload_too_large');
    }
    chunks.push(value);
  }
  clearTimeout(timer);
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return decodeUtf8(bytes);
}
