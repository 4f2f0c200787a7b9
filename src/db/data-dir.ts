import fs from 'node:fs';
import path from 'node:path';

/**
 * DATA_DIR holds the database and its -wal and -shm files, master.key, uploads, mail written
 * as .eml files outside production and backups written there: none of it is for other users
 * of the machine. Directories are 0700 and files 0600.
 */
export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;
/** the group and other bits: none may be set on anything in DATA_DIR */
const OTHERS = 0o077;

/**
 * Files the process creates from now on get no group or other bits, whatever the code that
 * creates them (SQLite, sharp, nodemailer) asks for. The entry points call it first.
 */
export function restrictNewFiles(): void {
  process.umask(OTHERS);
}

/**
 * Creates the data directory for the server's user only, or, when it exists, takes the group
 * and other bits off it and off everything in it (an installation from before this rule, or a
 * copy made with a wide umask), with a warning naming how many it changed. Symbolic links are
 * left alone: their target is not ours to change. Returns the paths it changed.
 */
export function protectDataDir(dir: string, warn: (message: string) => void = console.warn): string[] {
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir, { recursive: true, mode: DIR_MODE });
    // mkdir applies the umask and, with `recursive`, leaves existing parents as they are.
    fs.chmodSync(dir, DIR_MODE);
    return [];
  }
  const changed: string[] = [];
  const failed: string[] = [];
  const fix = (p: string, st: fs.Stats) => {
    if ((st.mode & OTHERS) === 0) return;
    try {
      fs.chmodSync(p, st.mode & 0o7700 & ~OTHERS);
      changed.push(p);
    } catch {
      failed.push(p);
    }
  };
  const walk = (p: string) => {
    const st = fs.lstatSync(p);
    if (st.isSymbolicLink()) return;
    fix(p, st);
    if (st.isDirectory()) for (const name of fs.readdirSync(p)) walk(path.join(p, name));
  };
  walk(dir);
  if (changed.length)
    warn(`DATA_DIR ${dir} was readable by other users: removed group and other permissions from ${changed.length} files and directories (now 0700 and 0600)`);
  if (failed.length) warn(`DATA_DIR ${dir}: could not restrict the permissions of ${failed.length} files (owned by another user?), first ${failed[0]}`);
  return changed;
}
