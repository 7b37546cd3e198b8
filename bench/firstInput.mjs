// First-input time in Chromium: each page is served from the Vite build, loaded in a fresh
// context (cold cache) with the CPU slowed 4x through CDP, and timed from navigation start
// to the moment its first focusable input is in the document. Runs are interleaved (every
// page once per round, in a shuffled order) so machine noise hits every page alike. A second
// measure, from a Chromium trace, is the main thread's CPU time up to that moment, which another
// job on the machine disturbs far less than the clock.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright';
import { chromiumLaunchOptions } from '../scripts/chromium.mjs';

const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/** Writes nothing: answers `/<page>.html` with a page that loads the build's files for it. */
function serve(outDir, pages) {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const page = pages[url.pathname.replace(/^\/|\.html$/g, '')];
    if (page) {
      const css = page.files.css.map((file) => `<link rel="stylesheet" href="/${file}">`).join('');
      const preload = page.files.js
        .slice(1)
        .map((file) => `<link rel="modulepreload" href="/${file}">`)
        .join('');
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>${css}${preload}` +
          `<script type="module" src="/${page.files.js[0]}"></script></head><body><div id="root"></div></body></html>`,
      );
      return;
    }
    try {
      const file = path.join(outDir, path.normalize(url.pathname).replace(/^(\.\.[/\\])+/, ''));
      const body = await readFile(file);
      response.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => {
    // BENCH_PORT picks the port; by default any free one, so parallel runs never collide.
    server.listen(Number(process.env.BENCH_PORT ?? 0), '127.0.0.1', () => resolve(server));
  });
}

/** The User Timing mark a page makes at its first input, which a trace can find. */
const FIRST_INPUT_MARK = 'kyc-bench-first-input';

// Runs in the page before its scripts: notes when a focusable input first appears.
const watchFirstInput = (markName) => {
  const selector =
    'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled])';
  const check = () => {
    if (window.__firstInput !== undefined) return;
    const element = document.querySelector(selector);
    if (element && element.getClientRects().length > 0) {
      window.__firstInput = performance.now();
      performance.mark(markName);
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true });
};

function shuffled(values) {
  const copy = [...values];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(Math.random() * (index + 1));
    [copy[index], copy[other]] = [copy[other], copy[index]];
  }
  return copy;
}

const median = (values) => {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * Loads every page once per round, `runs` rounds after one unmeasured round (the disk cache of
 * the OS and Chromium's own start-up), in a shuffled order, each in a fresh context (cold
 * cache) that watches for its first input; `measure(page, url)` returns one figure per load.
 * Answers every page's figures and their median.
 */
async function inRounds({ outDir, pages, runs, measure }) {
  const server = await serve(outDir, pages);
  const { port } = server.address();
  const browser = await chromium.launch(chromiumLaunchOptions());
  const figures = Object.fromEntries(Object.keys(pages).map((name) => [name, []]));
  try {
    for (const round of [-1, ...Array.from({ length: runs }, (_, index) => index)]) {
      for (const name of shuffled(Object.keys(pages))) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.addInitScript(watchFirstInput, FIRST_INPUT_MARK);
        const figure = await measure(page, `http://127.0.0.1:${port}/${name}.html`, browser);
        if (round >= 0) figures[name].push(figure);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  return Object.fromEntries(
    Object.entries(figures).map(([name, values]) => [name, { median: median(values), runs: values }]),
  );
}

const untilFirstInput = (page) =>
  page.waitForFunction(() => window.__firstInput, undefined, { timeout: 30_000 });

/** Median first-input milliseconds per page, over `runs` interleaved rounds. */
export function measureFirstInput({ outDir, pages, runs = 15, cpuSlowdown = 4 }) {
  return inRounds({
    outDir,
    pages,
    runs,
    measure: async (page, url) => {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
      await page.goto(url);
      return (await untilFirstInput(page)).jsonValue();
    },
  });
}

/**
 * Median milliseconds of CPU time the page's main thread spent before its first input, per page,
 * over `runs` interleaved rounds: from Chromium's trace, the thread time (`tts`) of the page's
 * first-input mark less that of the first event traced on the same thread. CPU slowdown is off
 * (it would not change a thread's CPU time, only stretch the clock). Another job on the machine
 * lengthens the clock far more than a thread's CPU time, so these ratios move less from run to
 * run than the first-input times; network and timers, which the clock includes, are left out.
 */
export function measureFirstInputCpu({ outDir, pages, runs = 15 }) {
  return inRounds({
    outDir,
    pages,
    runs,
    measure: async (page, url, browser) => {
      await browser.startTracing(page, {
        categories: ['blink.user_timing', 'devtools.timeline', 'toplevel'],
      });
      await page.goto(url);
      await untilFirstInput(page);
      const { traceEvents } = JSON.parse((await browser.stopTracing()).toString());
      const mark = traceEvents.find((event) => event.name === FIRST_INPUT_MARK && event.tts !== undefined);
      if (mark === undefined)
        throw new Error(`${url}: the trace holds no first-input mark with a thread time`);
      const start = Math.min(
        ...traceEvents
          .filter((event) => event.pid === mark.pid && event.tid === mark.tid && event.tts !== undefined)
          .map((event) => event.tts),
      );
      return (mark.tts - start) / 1000;
    },
  });
}

/** Serves the build for a look in a real browser: `node bench/firstInput.mjs --serve` after a build. */
export { serve };
