#!/usr/bin/env node
// Where a page's first-input time goes: builds the given pages (default native and kit) with the
// bench's Vite config, loads each in Chromium with the CPU slowed 4x, records a CPU profile (CDP
// Profiler) from navigation to the first focusable input, and prints the self time by script and
// by function, plus what the runtime itself reports (compile, GC, idle: waiting on the network
// or a timer), and when each Intl constructor ran, before or after the first input. Only the
// samples taken before the first input count: the page marks that moment by running a named
// function for 20 ms (after the time is taken), and the profile is cut at its first sample, so
// what a page does after its first input (a re-plan, a long list filled in) is never counted
// against it. A look for a person optimising, not a figure: bench/run.mjs measures.
//   node bench/profile.mjs [--runs 5] [page ...]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { chromiumLaunchOptions } from '../scripts/chromium.mjs';
import { buildPages } from './buildPages.mjs';
import { serve } from './firstInput.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const runsIndex = args.indexOf('--runs');
const runs = runsIndex === -1 ? 5 : Number(args[runsIndex + 1]);
const names = args.filter((arg, index) => !arg.startsWith('--') && index !== runsIndex + 1);
const pagesToBuild = names.length > 0 ? names : ['native', 'kit'];
const resolveFrom = process.argv.includes('--workspace')
  ? path.join(benchDir, '..', 'packages', 'react')
  : benchDir;

const watchFirstInput = () => {
  // Notes when each Intl constructor runs and how long it takes: before or after the first input?
  window.__intl = [];
  for (const name of ['DisplayNames', 'Collator', 'DateTimeFormat', 'NumberFormat', 'PluralRules']) {
    const Original = Intl[name];
    Intl[name] = new Proxy(Original, {
      construct(target, args) {
        const start = performance.now();
        const made = Reflect.construct(target, args);
        window.__intl.push({ name, at: start, ms: performance.now() - start });
        return made;
      },
    });
  }
  const selector =
    'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled])';
  const observer = new MutationObserver(() => {
    if (window.__firstInput !== undefined) return;
    const element = document.querySelector(selector);
    if (element && element.getClientRects().length > 0) {
      window.__firstInput = performance.now();
      observer.disconnect();
      // The mark the profile is cut at: long enough to be sampled under a throttled CPU.
      const until = performance.now() + 20;
      (function kycKitBenchFirstInputSeen() {
        while (performance.now() < until);
      })();
    }
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
};

const MARK = 'kycKitBenchFirstInputSeen';

/** The index of the first sample taken in the first-input mark (every sample when it was never sampled). */
function cutAtFirstInput(profile, nodes) {
  const parents = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const inMark = new Map();
  const isInMark = (id) => {
    if (id === undefined) return false;
    if (!inMark.has(id))
      inMark.set(id, nodes.get(id).callFrame.functionName === MARK || isInMark(parents.get(id)));
    return inMark.get(id);
  };
  const index = profile.samples.findIndex((id) => isInMark(id));
  return index === -1 ? profile.samples.length : index;
}

const scratch = mkdtempSync(path.join(tmpdir(), 'kyc-kit-profile-'));
try {
  const pages = await buildPages({ pages: pagesToBuild, outDir: scratch, resolveFrom });
  const server = await serve(scratch, pages);
  const { port } = server.address();
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    // Interleaved, as bench/firstInput.mjs: every page once per round, so a busy machine slows each alike.
    const perPage = new Map(
      pagesToBuild.map((name) => [name, { byUrl: new Map(), byFunction: new Map(), times: [], unmarked: 0 }]),
    );
    for (let run = 0; run <= runs; run += 1) {
      for (const name of pagesToBuild) {
        const { byUrl, byFunction, times } = perPage.get(name);
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.addInitScript(watchFirstInput);
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
        await cdp.send('Profiler.start');
        await page.goto(`http://127.0.0.1:${port}/${name}.html`);
        const time = await (await page.waitForFunction(() => window.__firstInput)).jsonValue();
        const { profile } = await cdp.send('Profiler.stop');
        const intl = await page.evaluate(() => window.__intl);
        if (run === 1) {
          for (const { name: constructor, at, ms } of intl)
            process.stdout.write(
              `  ${name}: Intl.${constructor} at ${Math.round(at)} ms (${at < time ? 'before' : 'after'} the first input at ${Math.round(time)}), ${ms.toFixed(1)} ms\n`,
            );
        }
        await context.close();
        if (run === 0) continue; // warm-up
        times.push(time);
        const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
        const self = new Map();
        const cut = cutAtFirstInput(profile, nodes);
        if (cut === profile.samples.length) perPage.get(name).unmarked += 1;
        for (let index = 0; index < cut; index += 1) {
          const id = profile.samples[index];
          self.set(id, (self.get(id) ?? 0) + profile.timeDeltas[index] / 1000);
        }
        for (const [id, ms] of self) {
          const { callFrame } = nodes.get(id);
          const url = callFrame.url.replace(/^.*\//, '') || callFrame.functionName || '(native)';
          byUrl.set(url, (byUrl.get(url) ?? 0) + ms / runs);
          const key = `${callFrame.functionName || '(anonymous)'} ${url}:${callFrame.lineNumber}:${callFrame.columnNumber}`;
          byFunction.set(key, (byFunction.get(key) ?? 0) + ms / runs);
        }
      }
    }
    for (const [name, { byUrl, byFunction, times, unmarked }] of perPage) {
      times.sort((left, right) => left - right);
      process.stdout.write(
        `\n${name}: first input ${times.map(Math.round).join(', ')} ms\n  self time before the first input by script (ms, mean${unmarked > 0 ? `; ${unmarked} of ${runs} profiles had no mark and count whole` : ''}):\n`,
      );
      for (const [url, ms] of [...byUrl].sort((left, right) => right[1] - left[1]).slice(0, 12))
        process.stdout.write(`    ${ms.toFixed(0).padStart(6)}  ${url}\n`);
      process.stdout.write('  self time before the first input by function (ms, mean):\n');
      for (const [key, ms] of [...byFunction].sort((left, right) => right[1] - left[1]).slice(0, 25))
        process.stdout.write(`    ${ms.toFixed(1).padStart(6)}  ${key}\n`);
    }
  } finally {
    await browser.close();
    server.close();
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
