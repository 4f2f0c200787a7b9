/**
 * The layout rules of CONTRIBUTING.md are lint rules (eslint.config.js). Each one is shown
 * here catching a fixture that breaks it, and letting through the code that may do it, so
 * a rule that is loosened or mistyped fails this test and not a later review.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ESLint } from 'eslint';
import { projectRoot } from '../../../src/paths.js';

const FIXTURES = [
  'src/core/events/lint-fixture.ts',
  'src/core/events/lint-fixture.repository.ts',
  'src/web/lint-fixture.ts',
  'src/db/lint-fixture.ts',
  'src/security/lint-fixture.ts',
];

let eslint: ESLint;
/** The layout rules a fixture breaks, as `rule: message` lines. */
async function broken(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax' || m.fatal)
    .map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
}

const DB = `import type { Db } from '../../db/database.js';\n`;

describe('the layout rules are lint rules', () => {
  before(() => {
    // The fixtures are not files of the project: they are linted from text, in the project's config.
    eslint = new ESLint({ cwd: projectRoot, overrideConfig: { languageOptions: { parserOptions: { projectService: { allowDefaultProject: FIXTURES } } } } });
  });

  it('a query built outside a repository is an error, in src/core and in src/web', async () => {
    const query = `${DB}export async function names(db: Db) {\n  return db.selectFrom('users').select('email').execute();\n}\n`;
    const core = await broken('src/core/events/lint-fixture.ts', query);
    assert.equal(core.length, 1, core.join('\n'));
    assert.match(core[0] ?? '', /no-restricted-syntax: \.selectFrom\(\): SQL lives in a repository/);
    for (const [method, call] of [
      ['insertInto', `db.insertInto('users').values({} as never).execute()`],
      ['updateTable', `db.updateTable('users').set({ email: 'x' }).execute()`],
      ['deleteFrom', `db.deleteFrom('users').execute()`],
    ]) {
      const web = await broken('src/web/lint-fixture.ts', `${DB.replace('../../', '../')}export async function f(db: Db) {\n  await ${call};\n}\n`);
      assert.ok(
        web.some((m) => m.includes(`.${method}(): SQL lives`)),
        `${method}: ${web.join('\n')}`,
      );
    }
    const security = await broken('src/security/lint-fixture.ts', query.replace('../../', '../'));
    assert.equal(security.length, 1, security.join('\n'));
  });

  it('the sql tag and value imports from kysely are errors outside repositories; type imports are fine', async () => {
    const tagged = await broken('src/core/events/lint-fixture.ts', `import { sql } from 'kysely';\nexport const one = sql\`select 1\`;\n`);
    assert.deepEqual(
      tagged.map((m) => m.split(':')[0]),
      ['no-restricted-imports', 'no-restricted-syntax'],
      tagged.join('\n'),
    );
    assert.deepEqual(await broken('src/core/events/lint-fixture.ts', `import type { Kysely } from 'kysely';\nexport type K = Kysely<object>;\n`), []);
  });

  it('src/core imports nothing of HTTP: neither fastify nor src/web', async () => {
    const fastify = await broken('src/core/events/lint-fixture.ts', `import type { FastifyRequest } from 'fastify';\nexport type R = FastifyRequest;\n`);
    assert.match(fastify.join('\n'), /src\/core knows nothing of HTTP/);
    const web = await broken('src/core/events/lint-fixture.ts', `import { formBody } from '../../web/forms.js';\nexport const f = formBody;\n`);
    assert.match(web.join('\n'), /src\/core knows nothing of HTTP/);
    const repo = await broken(
      'src/core/events/lint-fixture.repository.ts',
      `import type { FastifyRequest } from 'fastify';\nexport type R = FastifyRequest;\n`,
    );
    assert.match(repo.join('\n'), /src\/core knows nothing of HTTP/);
  });

  it('repositories and src/db may write SQL', async () => {
    const code = `import { sql } from 'kysely';\n${DB}export async function n(db: Db) {\n  await sql\`select 1\`.execute(db);\n  return db.selectFrom('users').select('id').execute();\n}\n`;
    assert.deepEqual(await broken('src/core/events/lint-fixture.repository.ts', code), []);
    assert.deepEqual(await broken('src/db/lint-fixture.ts', code.replace('../../db/', './')), []);
  });
});
