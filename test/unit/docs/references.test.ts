import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * Pointers in comments and READMEs must lead somewhere inside the repository: a security
 * requirement named in code ("requirement 7", "R7") must have its heading in
 * docs/requirements.md, and a pointer to a numbered issue is refused outright, since the
 * issue tracker is not part of the repository. Code (strings, names) is not read, only
 * comments and Markdown.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const scanned = ['src', 'test', 'scripts', 'bench', 'docs'];
const codeFile = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

/** The requirement numbers docs/requirements.md has a heading for (`### R7 …`). */
function knownRequirements(markdown: string): Set<number> {
  return new Set([...markdown.matchAll(/^#{2,4} R(\d+)\b/gm)].map((m) => Number(m[1])));
}

/** Every comment of a TypeScript or JavaScript source, with the line it starts on. */
function commentsOf(name: string, text: string): { line: number; text: string }[] {
  const kind = name.endsWith('x') ? ts.ScriptKind.TSX : name.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, false, kind);
  const seen = new Map<number, string>();
  const collect = (ranges: ts.CommentRange[] | undefined) => {
    for (const r of ranges ?? []) seen.set(r.pos, text.slice(r.pos, r.end));
  };
  const visit = (node: ts.Node, parent?: ts.Node) => {
    // JSX text is page content: a "//" in it is not a comment, so nothing next to a JSX
    // child or tag is read as one.
    const inJsx = (n: ts.Node | undefined) => n !== undefined && ts.SyntaxKind[n.kind].startsWith('Jsx');
    if (!inJsx(node) && !inJsx(parent)) collect(ts.getLeadingCommentRanges(text, node.pos));
    if (!inJsx(node)) collect(ts.getTrailingCommentRanges(text, node.end));
    node.forEachChild((child) => visit(child, node));
  };
  visit(source);
  collect(ts.getLeadingCommentRanges(text, source.endOfFileToken.pos));
  return [...seen].map(([pos, body]) => ({ line: source.getLineAndCharacterOfPosition(pos).line + 1, text: body }));
}

/** The numbers a piece of prose points at: "requirement 7", "requirements 2, 12 and 17", "5-9", "R7". */
function requirementNumbers(prose: string): number[] {
  const found: number[] = [];
  const list = /\brequirements?\s+(R?\d+(?:(?:\s*,\s*|\s+and\s+|\s*[-–]\s*)R?\d+)*)/gi;
  for (const m of prose.matchAll(list)) {
    for (const part of (m[1] ?? '').split(/\s*,\s*|\s+and\s+/)) {
      const [from, to] = part.split(/\s*[-–]\s*/).map((n) => Number(n.replace(/^R/, '')));
      if (from === undefined) continue;
      for (let n = from; n <= (to ?? from); n++) found.push(n);
    }
  }
  for (const m of prose.matchAll(/\bR(\d+)\b/g)) found.push(Number(m[1]));
  return found;
}

const outsidePointer = /\b(issues?|findings?)\s+#?\d+/gi;

/** What is wrong with one file's comments (or, for Markdown, its text), one line per problem. */
export function problemsIn(name: string, text: string, known: Set<number>): string[] {
  const pieces = name.endsWith('.md') ? [{ line: 1, text }] : codeFile.test(name) ? commentsOf(name, text) : [];
  const problems: string[] = [];
  for (const piece of pieces) {
    const lineOf = (index: number) => piece.line + piece.text.slice(0, index).split('\n').length - 1;
    for (const m of piece.text.matchAll(outsidePointer)) {
      problems.push(`${name}:${lineOf(m.index)}: "${m[0]}" points outside the repository; say what it meant`);
    }
    piece.text.split('\n').forEach((line, i) => {
      for (const n of requirementNumbers(line)) {
        if (!known.has(n)) problems.push(`${name}:${piece.line + i}: requirement R${n} is not in docs/requirements.md`);
      }
    });
  }
  return [...new Set(problems)];
}

function* filesUnder(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else if (codeFile.test(entry.name) || entry.name.endsWith('.md')) yield full;
  }
}

const known = knownRequirements(fs.readFileSync(path.join(root, 'docs/requirements.md'), 'utf8'));

describe('references in comments and READMEs', () => {
  it('docs/requirements.md has the 22 security requirements, R1 to R22', () => {
    assert.deepEqual(
      [...known].sort((a, b) => a - b),
      Array.from({ length: 22 }, (_, i) => i + 1),
    );
  });

  it('every requirement named in src, test, scripts, bench, docs and the top READMEs exists, and no comment points at an issue', () => {
    const problems: string[] = [];
    let files = 0;
    const topFiles = ['README.md', 'CONTRIBUTING.md'].map((f) => path.join(root, f));
    for (const file of [...topFiles, ...scanned.flatMap((top) => [...filesUnder(path.join(root, top))])]) {
      files++;
      problems.push(...problemsIn(path.relative(root, file), fs.readFileSync(file, 'utf8'), known));
    }
    assert.ok(files > 100, `only ${files} files scanned`);
    assert.deepEqual(problems, []);
  });

  it('fails on a fixture that breaks the rule, and passes what is allowed', () => {
    const fixture = [
      '/** Open calls (issue 6, item 2): the list. */',
      "const label = 'issue 4 in a string is code, not a comment';",
      '// security requirement R7 (docs/requirements.md) and requirements 2, 12 and 17',
      '/* requirement 99 does not exist; nor does R23 */',
      'const page = <p>see https://example.org/issue 5</p>;',
      '// the targets of Issue 2 and finding 3',
    ].join('\n');
    assert.deepEqual(problemsIn('fixture.tsx', fixture, known), [
      'fixture.tsx:1: "issue 6" points outside the repository; say what it meant',
      'fixture.tsx:4: requirement R99 is not in docs/requirements.md',
      'fixture.tsx:4: requirement R23 is not in docs/requirements.md',
      'fixture.tsx:6: "Issue 2" points outside the repository; say what it meant',
      'fixture.tsx:6: "finding 3" points outside the repository; say what it meant',
    ]);
    assert.deepEqual(problemsIn('README.md', 'Built for issue 13; follows requirements 5-9 and R30.', known), [
      'README.md:1: "issue 13" points outside the repository; say what it meant',
      'README.md:1: requirement R30 is not in docs/requirements.md',
    ]);
    assert.deepEqual(problemsIn('ok.ts', '// requirement 22; R1 (docs/requirements.md)\nconst n = 1;', known), []);
  });
});
