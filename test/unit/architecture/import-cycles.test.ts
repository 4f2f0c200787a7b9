/**
 * No runtime import cycle in src: a module that imports itself through others runs with
 * half-initialised bindings depending on which file was loaded first. Type-only imports
 * are erased and do not count. The check is a function of the files' text, shown on a
 * fixture to find a cycle, then run on the whole of src.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { parse, sourceFiles } from '../../support/source-files.js';

/** The relative modules a file needs at run time (value imports and re-exports), as paths of `files`. */
function runtimeImports(file: string, source: ts.SourceFile, files: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const statement of source.statements) {
    let specifier: ts.Expression | undefined;
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.isTypeOnly) continue;
      // import { type A, type B } from './x.js' is erased too (no default, no namespace, every name a type)
      const named = clause?.namedBindings;
      if (clause && !clause.name && named && ts.isNamedImports(named) && named.elements.length && named.elements.every((e) => e.isTypeOnly)) continue;
      specifier = statement.moduleSpecifier;
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      const clause = statement.exportClause;
      if (clause && ts.isNamedExports(clause) && clause.elements.length && clause.elements.every((e) => e.isTypeOnly)) continue;
      specifier = statement.moduleSpecifier;
    }
    if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) continue;
    const base = path.posix.join(path.posix.dirname(file), specifier.text).replace(/\.js$/, '');
    const target = [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((f) => files.has(f));
    if (target) out.push(target);
  }
  return out;
}

/** The import cycles among the files (strongly connected components of more than one file, or a file importing itself). */
function importCycles(sources: ReadonlyMap<string, ts.SourceFile>): string[][] {
  const names = new Set(sources.keys());
  const edges = new Map([...sources].map(([f, s]) => [f, runtimeImports(f, s, names)]));
  // Tarjan's algorithm, iterative enough for a tree of a few hundred files.
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    indexOf.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!indexOf.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, indexOf.get(w) ?? 0));
    }
    if (low.get(v) === indexOf.get(v)) {
      const component: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (edges.get(v) ?? []).includes(v)) cycles.push(component.sort());
    }
  };
  for (const v of [...names].sort()) if (!indexOf.has(v)) visit(v);
  return cycles;
}

const fixture = (files: Record<string, string>) => new Map(Object.entries(files).map(([f, text]) => [f, parse(f, text)]));

describe('no runtime import cycles', () => {
  it('finds a cycle through value imports and re-exports, and ignores type-only imports', () => {
    const cyclic = fixture({
      'src/web/a.routes.ts': `import { b } from './b.js';\nexport const a = () => b;`,
      'src/web/b.ts': `export { c as b } from '../core/c.js';`,
      'src/core/c.ts': `import { a } from '../web/a.routes.js';\nexport const c = a;`,
      'src/core/d.ts': `import { c } from './c.js';\nexport const d = c;`,
    });
    assert.deepEqual(importCycles(cyclic), [['src/core/c.ts', 'src/web/a.routes.ts', 'src/web/b.ts']]);
    const typesOnly = fixture({
      'src/web/a.ts': `import type { B } from './b.js';\nimport { type C } from './c.js';\nexport type A = B | C;`,
      'src/web/b.ts': `import { a } from './a.js';\nexport type B = string;\nexport const x = a;`,
      'src/web/c.ts': `import { a } from './a.js';\nexport type C = number;\nexport const y = a;`,
    });
    assert.deepEqual(importCycles(typesOnly), []);
    assert.deepEqual(importCycles(fixture({ 'src/x.ts': `import './x.js';` })), [['src/x.ts']]);
  });

  it('src has none', () => {
    const files = sourceFiles('src');
    assert.ok(files.length > 100, `files read: ${files.length}`);
    const cycles = importCycles(new Map(files.map((f) => [f, parse(f)])));
    assert.deepEqual(cycles, [], `import cycles:\n${cycles.map((c) => c.join(' → ')).join('\n')}`);
  });
});
