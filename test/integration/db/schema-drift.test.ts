import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import ts from 'typescript';
import { projectRoot } from '../../../src/paths.js';
import { freshDatabase, testDialects, type TestDatabase } from '../../support/db.js';

/** Tables and their columns as src/db/schema.ts declares them: `interface Database` and each row interface. */
function declaredSchema(): Map<string, string[]> {
  const file = path.join(projectRoot, 'src/db/schema.ts');
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, node);
  });
  const propertyNames = (decl: ts.InterfaceDeclaration) =>
    decl.members.filter(ts.isPropertySignature).map((m) => {
      assert.ok(ts.isIdentifier(m.name) || ts.isStringLiteral(m.name), `unexpected property name in ${decl.name.text}`);
      return m.name.text;
    });
  const database = interfaces.get('Database');
  assert.ok(database, 'src/db/schema.ts declares no interface Database');
  const out = new Map<string, string[]>();
  for (const member of database.members) {
    assert.ok(ts.isPropertySignature(member) && member.type && ts.isTypeReferenceNode(member.type), 'Database members must be `table: SomeTable`');
    const table = (member.name as ts.Identifier).text;
    const typeName = member.type.typeName.getText(source);
    const row = interfaces.get(typeName);
    assert.ok(row, `interface ${typeName} (for table ${table}) is not declared in schema.ts`);
    out.set(table, propertyNames(row).sort());
  }
  return out;
}

/** Tables and columns as the migrated database has them; Kysely's own bookkeeping tables left out. */
async function actualSchema(database: TestDatabase): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (database.dialect === 'sqlite') {
    const tables = await sql<{
      name: string;
    }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(database.db);
    for (const { name } of tables.rows) {
      const cols = await sql<{ name: string }>`select name from pragma_table_info(${name})`.execute(database.db);
      out.set(name, cols.rows.map((c) => c.name).sort());
    }
  } else {
    const cols = await sql<{ table_name: string; column_name: string }>`
      select c.table_name, c.column_name from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.table_name not like 'kysely_%'`.execute(database.db);
    for (const r of cols.rows) out.set(r.table_name, [...(out.get(r.table_name) ?? []), r.column_name]);
    for (const [k, v] of out) out.set(k, v.sort());
  }
  return out;
}

const sortedObject = (m: Map<string, string[]>) => Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b)));

describe('schema.ts parser', () => {
  it('finds every table of the Database interface with its columns', () => {
    const declared = declaredSchema();
    assert.ok(declared.size >= 20);
    assert.deepEqual(declared.get('settings'), ['key', 'value']);
    assert.ok(declared.get('events')?.includes('live_stream_url'));
  });
});

for (const dialect of testDialects()) {
  describe(`schema drift (${dialect})`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await freshDatabase(dialect);
    });
    after(async () => {
      await database.drop();
    });

    it('the migrated database has exactly the tables and columns of src/db/schema.ts', async () => {
      const declared = declaredSchema();
      const actual = await actualSchema(database);
      const onlyDeclared = [...declared.keys()].filter((t) => !actual.has(t));
      const onlyMigrated = [...actual.keys()].filter((t) => !declared.has(t));
      assert.deepEqual(onlyDeclared, [], 'tables in schema.ts that no migration creates');
      assert.deepEqual(onlyMigrated, [], 'tables the migrations create that schema.ts does not declare');
      for (const [table, columns] of declared) {
        assert.deepEqual(actual.get(table), columns, `columns of ${table}: migrated (actual) vs schema.ts (expected)`);
      }
      assert.deepEqual(sortedObject(actual), sortedObject(declared));
    });
  });
}
