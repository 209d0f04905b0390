/**
 * A ReDoS check for every regular expression literal in src/ (issue 17): a module heading of
 * 2,000 spaces once took the server 5 s, because its pattern backtracked cubically.
 *
 * How it stays meaningful on a noisy, shared machine: no absolute time budget. Each pattern is
 * fed inputs built from its own literal characters and common troublemakers (a repeated unit
 * after the pattern's literal prefix, ending in a character nothing expects), first once at a
 * large size, compared with a linear reference scan of the same input in the same run. Only a
 * pattern that is far slower than the reference is measured again at n and 4n (best of three,
 * each repeated until it takes a measurable time; the least growth of three trials): a linear
 * pattern grows about 4×, a quadratic one 16×, a cubic one 64×; growth above 9× fails, naming
 * the pattern, its file and the input.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { expect, it } from 'vitest';
import { ROOT } from '../support/server';

interface Found {
  where: string;
  source: string;
  regex: RegExp;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function regexLiterals(): Found[] {
  const found: Found[] = [];
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    const tree = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const literal = node.getText(tree);
        const end = literal.lastIndexOf('/');
        const flags = literal.slice(end + 1).replace(/[gy]/g, '');
        const { line } = tree.getLineAndCharacterOfPosition(node.getStart(tree));
        found.push({
          where: `${relative(ROOT, file)}:${line + 1}`,
          source: literal.slice(1, end),
          regex: new RegExp(literal.slice(1, end), flags),
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(tree);
  }
  return found;
}

/** The literal text a pattern starts with (after `^`), e.g. `##` for `^##\s+…`. */
function literalPrefix(source: string): string {
  let out = '';
  for (let i = source.startsWith('^') ? 1 : 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      if (/[a-zA-Z0-9]/.test(next)) break;
      out += next;
      i++;
    } else if ('.*+?()[]{}|$^'.includes(ch)) {
      // A quantifier applies to the last character: leave it out.
      if ('*+?{'.includes(ch)) out = out.slice(0, -1);
      break;
    } else out += ch;
  }
  return out;
}

const TROUBLE = [' ', '\t', 'a', '0', '-', '.', '!', '[', ']', '(', ')', '{', '}', '#', '>', '<'];

function inputsFor(source: string): Array<(n: number) => string> {
  const prefix = literalPrefix(source);
  const own = [...new Set(source.replace(/\\[a-zA-Z]/g, '').split(''))];
  const units = [...new Set([...TROUBLE, ...own, prefix, `${prefix} `].filter(Boolean))];
  const heads = [...new Set(['', prefix, `${prefix} `])];
  return heads.flatMap((head) =>
    units.map((unit) => (n: number) => head + unit.repeat(Math.ceil(n / unit.length)) + '\u0000'),
  );
}

// An anchored scan to a character the inputs never hold: linear by construction.
const reference = /^[^~]*~/;

function timeOnce(regex: RegExp, input: string, times = 1): number {
  const start = performance.now();
  for (let i = 0; i < times; i++) regex.test(input);
  return (performance.now() - start) / times;
}

/** Best of three, each repeated until it takes at least ~2 ms in all. */
function measure(regex: RegExp, input: string): number {
  let times = 1;
  while (timeOnce(regex, input, times) * times < 2 && times < 1 << 16) times *= 4;
  return Math.min(...[0, 1, 2].map(() => timeOnce(regex, input, times)));
}

it('finds the patterns it checks (the parser’s among them)', () => {
  const found = regexLiterals();
  expect(found.length).toBeGreaterThan(50);
  expect(found.some((f) => f.where.startsWith('src/server/content/parse.ts'))).toBe(true);
});

it('no regular expression in src/ backtracks super-linearly on a pathological input', () => {
  const SCREEN = 4_000;
  const slow: string[] = [];
  // The linear reference: one anchored scan of an input of the screening size, in this run.
  const linear = measure(reference, ' '.repeat(SCREEN));
  for (const { where, source, regex } of regexLiterals()) {
    for (const make of inputsFor(source)) {
      const big = make(SCREEN);
      if (timeOnce(regex, big) < 100 * linear + 0.05) continue;
      const n = 500;
      // The least growth of three trials: noise can inflate one, rarely all three.
      const growth = Math.min(
        ...[0, 1, 2].map(() => measure(regex, make(4 * n)) / measure(regex, make(n))),
      );
      if (growth > 9) {
        slow.push(`${where} /${source}/ grows ${growth.toFixed(0)}× on ${JSON.stringify(make(8))}`);
        break; // one finding per pattern is enough
      }
    }
  }
  expect(slow).toEqual([]);
}, 120_000);
