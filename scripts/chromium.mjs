// One place for the browser every test tool here launches: Vitest's browser
// mode (story tests), Playwright (e2e) and the scripts. Playwright cannot
// download its own browser on a closed network, so we use a system Chromium.
import { existsSync } from 'node:fs';

const candidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** The Chromium executable to launch: `KYC_KIT_CHROMIUM` wins, then the usual install paths. */
export function findChromium() {
  const fromEnvironment = process.env.KYC_KIT_CHROMIUM;
  if (fromEnvironment) return existsSync(fromEnvironment) ? fromEnvironment : undefined;
  return candidates.find((candidate) => existsSync(candidate));
}

/**
 * Flags for a headless Chromium on a machine without outside network:
 * without the background-networking ones it keeps dialling Google's hosts.
 */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

/** Launch options shared by Playwright and Vitest's Playwright provider. */
export function chromiumLaunchOptions() {
  const executablePath = findChromium();
  return executablePath ? { executablePath, args: chromiumArgs } : { args: chromiumArgs };
}
