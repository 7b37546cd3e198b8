/** The Chromium executable to launch: `KYC_KIT_CHROMIUM` wins, then the usual install paths. */
export function findChromium(): string | undefined;
/** Flags for a headless Chromium on a machine without outside network. */
export const chromiumArgs: string[];
/** Launch options shared by Playwright and Vitest's Playwright provider. */
export function chromiumLaunchOptions(): { executablePath?: string; args: string[] };
