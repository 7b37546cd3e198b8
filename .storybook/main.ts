import type { StorybookConfig } from '@storybook/react-vite';
import react from '@vitejs/plugin-react';

const config: StorybookConfig = {
  stories: ['../packages/react/src/**/*.stories.tsx', '../packages/elements/src/**/*.stories.tsx'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true },
  // Served by the demo server under /storybook.
  viteFinal: (viteConfig) => ({
    ...viteConfig,
    // The React transform the demo and the tests use (Storybook's Vite builder adds none of its own):
    // it also knows that a dependency's "use client" has no meaning in a browser bundle.
    plugins: [...(viteConfig.plugins ?? []), react()],
    resolve: { ...viteConfig.resolve, conditions: ['source', 'module', 'browser', 'development|production'] },
    // The catalogue's largest chunks are Storybook's own preview runtime (about 1.2 MB), its docs renderer and
    // axe for the accessibility panel; a developer tool read locally, not a page partners' users load.
    build: { ...viteConfig.build, chunkSizeWarningLimit: 1300 },
  }),
};

export default config;
