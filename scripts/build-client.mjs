// Bundles the browser scripts of src/web/client/ into dist/assets/, which src/web/assets.ts
// serves next to assets/ under content-hashed names. Generated code never goes into assets/.
// `npm start`, `npm run dev` and `npm test` build it; test/support/app.ts builds it when missing.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function buildClient() {
  await build({
    absWorkingDir: root,
    entryPoints: { passkeys: 'src/web/client/passkeys.ts' },
    outdir: 'dist/assets',
    bundle: true,
    platform: 'browser',
    // a classic deferred script: no module loader, nothing global leaks out
    format: 'iife',
    target: ['es2020'],
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildClient();
