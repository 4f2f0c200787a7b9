// Type-aware lint; every rule is an error (CI fails on it), never a warning.
import tseslint from 'typescript-eslint';

/** Where SQL may be written: repositories anywhere, and the database layer. */
const REPOSITORIES = ['src/**/*.repository.ts', 'src/db/**'];
const SQL_HOME = 'SQL lives in a repository (*.repository.ts) or src/db (CONTRIBUTING.md)';
const KYSELY = { name: 'kysely', allowTypeImports: true, message: SQL_HOME };
const NO_HTTP = { group: ['fastify', '@fastify/*', '**/web/**'], message: 'src/core knows nothing of HTTP' };
const NO_SQL = [
  ...['selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'replaceInto', 'mergeInto', 'selectNoFrom', 'with'].map((m) => ({
    selector: `CallExpression[callee.type='MemberExpression'][callee.property.name='${m}'][arguments.length>0][arguments.0.type='Literal']`,
    message: `.${m}(): ${SQL_HOME}`,
  })),
  { selector: "TaggedTemplateExpression[tag.name='sql']", message: `sql\`...\`: ${SQL_HOME}` },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'bench/tmp/', 'test-results/', '**/*.js', '**/*.mjs'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // node:test's describe/it return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] },
          ],
        },
      ],
      '@typescript-eslint/require-await': 'off',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  // The layout rules of CONTRIBUTING.md: src/core knows nothing of HTTP, and SQL lives in
  // repositories (`*.repository.ts`) and src/db only. test/unit/architecture/lint-rules.test.ts
  // shows each rule catching a fixture that breaks it.
  {
    files: ['src/core/**/*.ts', 'src/core/**/*.tsx'],
    ignores: REPOSITORIES,
    rules: { 'no-restricted-imports': ['error', { paths: [KYSELY], patterns: [NO_HTTP] }], 'no-restricted-syntax': ['error', ...NO_SQL] },
  },
  {
    files: ['src/core/**/*.repository.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_HTTP] }] },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: [...REPOSITORIES, 'src/core/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [KYSELY] }], 'no-restricted-syntax': ['error', ...NO_SQL] },
  },
);
