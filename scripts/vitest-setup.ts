import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// `findBy*` and `waitFor` wait for what a user would wait for, not for a fast machine: the suite runs
// on shared 2-core machines beside Storybook and Chromium, where a render can take more than the
// default second. A real failure still fails, only later.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  // SSR tests run in a node environment, where there is no window at all.
  if (typeof window === 'undefined') return;
  window.sessionStorage.clear();
  window.localStorage.clear();
});
