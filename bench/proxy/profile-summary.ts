// Where a CPU profile of the bench's processes spends its time (a tool, not a test):
//   node --conditions=source --import tsx bench/proxy/profile-summary.ts <file.cpuprofile> [by]
//   node --conditions=source --import tsx bench/proxy/profile-summary.ts <file.cpuprofile> piece [requests] [splitMs]
// `piece` splits the run into its GET and its update half and gives each piece of the work (the JWT, the
// answer read, the store, Hono, ...: a sample goes to the first piece its stack matches) in microseconds
// per request, `requests` being the requests each half served (default 2 x 1200: two concurrencies of
// BENCH_REQUESTS plus the warm-up). The proxy's halves are told apart by its routes; the hop's, which has
// none, by time: `splitMs` (the length of the proxy's GET half, which this prints for the proxy's profile).
// `inclusive` (same arguments as `piece`): per half, the time of each of the kit's own functions (packages/)
// with what it calls, in microseconds per request. `by` is `file` (default) or `function`. Self time per file or function, in ms and as a share of the time
// the process was busy: idle samples, and samples inside a socket or file write (on a shared machine they
// mostly measure the wait for a CPU, not work), are left out, as is the first second after the first request
// (start-up, module loading). Profiles come from `BENCH_CPU_PROF=<folder> pnpm run bench:proxy`.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, by = 'file'] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [file|function|piece|inclusive]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parents = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
const LEFT_OUT = new Set([
  '(idle)',
  'writev',
  'writeLatin1String',
  'writeUtf8String',
  'writeBuffer',
  'writeString',
]);

function serving(id: number): boolean {
  for (let at: number | undefined = id; at !== undefined; at = parents.get(at))
    if (nodes.get(at)?.callFrame.functionName === 'parserOnIncoming') return true;
  return false;
}

const shortUrl = (url: string): string =>
  url
    .replace(/.*node_modules\/\.pnpm\/([^/]+)\/.*\/([^/]+)$/, '$1 $2')
    .replace(/^.*\/(packages|bench)\//, '$1/');
/** The pieces of `piece` mode, in the order a sample's stack is tested against them. */
const PIECES: readonly (readonly [string, (frame: ProfileNode['callFrame']) => boolean])[] = [
  ['JWT signature', (f) => f.functionName === 'signOneShot' || f.url.includes('createCdpJwt')],
  ['store (SQLite, event hub)', (f) => /better-sqlite3|createSqliteStore|createEventHub/.test(f.url)],
  ['request log line', (f) => /pino|createProxyLogger/.test(f.url)],
  ['zod and core (answer read, browser input)', (f) => /zod|core\/src|createCustomerReader/.test(f.url)],
  ['JSON of answers', (f) => f.functionName === 'stringify' || f.url.includes('jsonAnswer')],
];
/** Pieces told by a sample's own frame (its leaf), when no stack piece matched. */
function leafPiece({ functionName, url }: ProfileNode['callFrame']): string {
  if (functionName === '(garbage collector)') return 'GC (main thread)';
  if (functionName === '(program)') return '(program)';
  if (/undici/.test(url) || url.startsWith('wasm')) return 'undici';
  if (/hono/.test(url)) return 'Hono and @hono/node-server';
  if (url.includes('packages/proxy/src')) return "proxy's own code (routes, deps, transport, retry)";
  if (url.includes('bench/')) return 'bench (the hop) code';
  if (functionName === 'runMicrotasks' || /task_queues|promises/.test(url)) return 'microtasks and ticks';
  if (/timers/.test(url)) return 'timers';
  if (/abort_controller|event_target/.test(url)) return 'AbortSignal and its listeners';
  if (url.startsWith('node:')) return 'node:http, net, streams, events';
  return 'other native';
}

if (by === 'piece' || by === 'inclusive') {
  const requests = Number(process.argv[4] ?? 2400);
  const splitMs = process.argv[5] === undefined ? undefined : Number(process.argv[5]);
  const stackOf = (id: number) => {
    const frames: ProfileNode['callFrame'][] = [];
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at))
      frames.push((nodes.get(at) as ProfileNode).callFrame);
    return frames;
  };
  const under = (id: number, name: string) => stackOf(id).some((frame) => frame.functionName === name);
  let start: number | undefined;
  let boundary: number | undefined;
  let at = 0;
  const clocks = profile.samples.map((id, index) => {
    at += profile.timeDeltas[index] ?? 0;
    if (start === undefined && under(id, splitMs === undefined ? 'getCustomer' : 'parserOnIncoming'))
      start = at;
    if (splitMs === undefined && start !== undefined && boundary === undefined && under(id, 'updateCustomer'))
      boundary = at;
    return at;
  });
  if (start === undefined) throw new Error('no request served in this profile');
  boundary = splitMs === undefined ? (boundary ?? Infinity) : start + splitMs * 1000;
  const halves = { GET: new Map<string, number>(), update: new Map<string, number>() };
  profile.samples.forEach((id, index) => {
    if ((clocks[index] ?? 0) < (start as number)) return;
    const stack = stackOf(id);
    const leaf = stack[0] as ProfileNode['callFrame'];
    if (LEFT_OUT.has(leaf.functionName)) return;
    if (by === 'inclusive') {
      // Each of the kit's own functions on the stack, once per sample: its time with what it calls.
      const half = (clocks[index] ?? 0) < (boundary as number) ? halves.GET : halves.update;
      const seen = new Set<string>();
      for (const frame of stack) {
        if (!frame.url.includes('/packages/')) continue;
        const name = `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}`;
        if (seen.has(name)) continue;
        seen.add(name);
        half.set(name, (half.get(name) ?? 0) + (profile.timeDeltas[index] ?? 0));
      }
      return;
    }
    const piece =
      leaf.functionName === '(garbage collector)' || leaf.functionName === '(program)'
        ? leafPiece(leaf)
        : (PIECES.find(([, matches]) => stack.some(matches))?.[0] ?? leafPiece(leaf));
    const half = (clocks[index] ?? 0) < (boundary as number) ? halves.GET : halves.update;
    half.set(piece, (half.get(piece) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  if (splitMs === undefined) process.stdout.write(`GET half: ${((boundary - start) / 1000).toFixed(0)} ms\n`);
  for (const [name, half] of Object.entries(halves)) {
    const total = [...half.values()].reduce((sum, micros) => sum + micros, 0);
    process.stdout.write(
      by === 'inclusive'
        ? `${name}: the kit's own functions, inclusive us per request\n`
        : `${name}: busy ${(total / requests).toFixed(0)} us per request\n`,
    );
    for (const [piece, micros] of [...half]
      .sort((a, b) => b[1] - a[1])
      .slice(0, by === 'inclusive' ? 40 : undefined))
      process.stdout.write(`${(micros / requests).toFixed(0).padStart(6)} us  ${piece}\n`);
  }
  process.exit(0);
}

const totals = new Map<string, number>();
let busy = 0;
let clock = 0;
let from: number | undefined;
profile.samples.forEach((id, index) => {
  const delta = profile.timeDeltas[index] ?? 0;
  clock += delta;
  if (from === undefined && serving(id)) from = clock + 1_000_000;
  if (from === undefined || clock < from) return;
  const { functionName, url, lineNumber } = (nodes.get(id) as ProfileNode).callFrame;
  if (LEFT_OUT.has(functionName)) return;
  busy += delta;
  const key =
    by === 'function'
      ? `${functionName || '(anonymous)'} ${shortUrl(url)}:${lineNumber + 1}`
      : shortUrl(url) || functionName;
  totals.set(key, (totals.get(key) ?? 0) + delta);
});
process.stdout.write(`busy ${(busy / 1000).toFixed(0)} ms\n`);
for (const [key, micros] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 40))
  process.stdout.write(
    `${((100 * micros) / busy).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(6)} ms  ${key}\n`,
  );
