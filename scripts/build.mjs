// Bundles the server into dist/ with esbuild (packages stay external). Type checking is
// `npm run check`; building stays fast so `npm start` is quick on a fresh machine.
import { build } from 'esbuild';
import { buildClient } from './build-client.mjs';

await build({
  // pdf-worker: the worker thread that rewrites uploaded PDFs (src/core/media/media-jobs.ts loads it by this name)
  entryPoints: {
    main: 'src/main.ts',
    migrate: 'src/db/migrate-cli.ts',
    cli: 'src/cli.ts',
    backup: 'src/db/backup-cli.ts',
    'pdf-worker': 'src/core/media/pdf.worker.ts',
  },
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
