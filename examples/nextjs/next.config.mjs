/** @type {import('next').NextConfig} */
const nextConfig = {
  // This folder is the app's root (it sits inside the kit's repository, which has its own lockfile).
  turbopack: { root: import.meta.dirname },
  outputFileTracingRoot: import.meta.dirname,
  // The proxy runs on Node (SQLite through better-sqlite3, pino): load it as a package, not through the bundler.
  serverExternalPackages: ['@kyc-kit/proxy', '@kyc-kit/sandbox'],
};

export default nextConfig;
