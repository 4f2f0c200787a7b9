/**
 * Thin handlers (CONTRIBUTING.md): in the route files of src/web, no function is longer than
 * 50 lines, so a handler reads as input, one domain call and one answer, and a page's
 * rendering is split into named parts. The `register*` functions that only declare routes
 * are exempt. Shown on a fixture first, then run on every route file.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { parse, sourceFiles } from '../../support/source-files.js';

const LIMIT = 50;

/** A readable name for a function: its own, its variable's, or the route it handles (`GET /admin/x`). */
function nameOf(node: ts.Node): string {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name) return node.name.getText();
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) return parent.name.getText();
  if (ts.isCallExpression(parent) && ts.isPropertyAccessExpression(parent.expression)) {
    const route = parent.arguments[0];
    const method = parent.expression.name.getText();
    if (route && (ts.isStringLiteral(route) || ts.isNoSubstitutionTemplateLiteral(route) || ts.isTemplateExpression(route)))
      return `${method.toUpperCase()} ${route.getText().slice(1, -1)}`;
    return `a function passed to ${method}()`;
  }
  return 'a function';
}

/** Functions of the file longer than the limit, as `file:line name (n lines)`. */
function longFunctions(source: ts.SourceFile): string[] {
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node)) {
      const name = nameOf(node);
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const lines = source.getLineAndCharacterOfPosition(node.getEnd()).line - first + 1;
      if (lines > LIMIT && !/^register[A-Z]/.test(name)) out.push(`${source.fileName}:${first + 1} ${name} (${lines} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

describe('handlers are thin', () => {
  it('finds a long handler and a long render function, and lets a long register function be', () => {
    const body = (n: number) => Array.from({ length: n }, (_, i) => `    const v${i} = ${i};`).join('\n');
    const text = [
      `export function registerThings(app: any) {`,
      `  app.get('/admin/things', async (request: any, reply: any) => {\n${body(LIMIT)}\n  });`,
      `  const renderThing = async () => {\n${body(10)}\n  };`,
      `  app.post('/admin/things/:id', async () => {\n${body(LIMIT - 2)}\n  });`,
      `}`,
      `function renderList() {\n${body(LIMIT)}\n}`,
    ].join('\n');
    const found = longFunctions(parse('src/web/admin/things.routes.ts', text)).map((f) => f.replace(/:\d+ /, ' '));
    assert.deepEqual(found, [
      `src/web/admin/things.routes.ts GET /admin/things (${LIMIT + 2} lines)`,
      `src/web/admin/things.routes.ts renderList (${LIMIT + 2} lines)`,
    ]);
  });

  it(`no function in a route file of src/web is longer than ${LIMIT} lines`, () => {
    const files = sourceFiles('src/web', /\.routes\.tsx?$/);
    assert.ok(files.length > 20, `route files read: ${files.length}`);
    const long = files.flatMap((f) => longFunctions(parse(f)));
    assert.deepEqual(long, [], `split these into named parts:\n${long.join('\n')}`);
  });
});
