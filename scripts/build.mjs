// Bundles the server into dist/ with esbuild (packages stay external). Type checking is
// `npm run check`; building stays fast so `npm start` is quick on a fresh machine.
import { build } from 'esbuild';
import { buildClient } from './build-client.mjs';

await build({
  entryPoints: { main: 'src/main.ts', migrate: 'src/db/migrate-cli.ts', cli: 'src/cli.ts', backup: 'src/db/backup-cli.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  jsx: 'automatic',
  jsxImportSource: '@kitajs/html',
  logLevel: 'warning',
});

// The browser scripts (passkeys) into dist/assets/.
await buildClient();
