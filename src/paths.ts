import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (where package.json is), whether we run from src/ or from a bundle in dist/. */
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

export const projectRoot = findRoot();
export const assetsDir = path.join(projectRoot, 'assets');
/** Browser scripts bundled by scripts/build-client.mjs (generated, never committed). */
export const builtAssetsDir = path.join(projectRoot, 'dist', 'assets');
