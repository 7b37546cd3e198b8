/**
 * The self-contained build of `@kyc-kit/elements`: one ES module with its renderer (Preact through
 * `preact/compat`, see docs/architecture.md) and every dependency bundled, for a page with no build step:
 *
 *     <script type="module" src="/kyc-kit/kyc-kit-elements.js"></script>
 */
import './jitless';

export * from './index';
