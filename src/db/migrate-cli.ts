import { loadConfig } from '../config.js';
import { openDatabase } from './database.js';
import { restrictNewFiles } from './data-dir.js';
import { migrateToLatest } from './migrate.js';

restrictNewFiles();
const config = loadConfig();
const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const applied = await migrateToLatest(database);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
} finally {
  await database.close();
}
