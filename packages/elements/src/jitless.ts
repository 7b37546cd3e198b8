import { config } from 'zod/mini';

// zod compiles object parsers with `new Function` when it may, deciding as each schema is built; under a strict
// CSP (no 'unsafe-eval') the probe logs a violation. Imported first by the standalone entry, before any schema of
// the kit exists, so the bundle's own zod never tries. A page's own zod is another copy and is not affected.
config({ jitless: true });
