// First-input time in Chromium: each page is served from the Vite build, loaded in a fresh
// context (cold cache) with the CPU slowed 4x through CDP, and timed from navigation start
// to the moment its first focusable input is in the document. Runs are interleaved (every
// page once per round, in a shuffled order) so machine noise hits every page alike.
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

// Runs in the page before its scripts: notes when a focusable input first appears.
const watchFirstInput = () => {
  const selector =
    'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled])';
  const check = () => {
    if (window.__firstInput !== undefined) return;
    const element = document.querySelector(selector);
    if (element && element.getClientRects().length > 0) {
      window.__firstInput = performance.now();
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

/** Median first-input milliseconds per page, over `runs` interleaved rounds. */
export async function measureFirstInput({ outDir, pages, runs = 15, cpuSlowdown = 4 }) {
  const server = await serve(outDir, pages);
  const { port } = server.address();
  const browser = await chromium.launch(chromiumLaunchOptions());
  const times = Object.fromEntries(Object.keys(pages).map((name) => [name, []]));
  try {
    // One unmeasured round first: the disk cache of the OS and Chromium's own start-up.
    for (const round of [-1, ...Array.from({ length: runs }, (_, index) => index)]) {
      for (const name of shuffled(Object.keys(pages))) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.addInitScript(watchFirstInput);
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
        await page.goto(`http://127.0.0.1:${port}/${name}.html`);
        const time = await page.waitForFunction(() => window.__firstInput, undefined, { timeout: 30_000 });
        if (round >= 0) times[name].push(await time.jsonValue());
        await context.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  return Object.fromEntries(
    Object.entries(times).map(([name, values]) => [name, { median: median(values), runs: values }]),
  );
}

/** Serves the build for a look in a real browser: `node bench/firstInput.mjs --serve` after a build. */
export { serve };
