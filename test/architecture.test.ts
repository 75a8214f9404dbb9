/**
 * The layering is checked, not hoped for: every import in src/ (static `import`, `import type`, `export ... from`,
 * dynamic `import()`) must go to the same layer or a lower one, and no set of files may import each other in a
 * cycle. Type-only imports count: a type is a dependency of meaning even when it is erased at run time.
 *
 * Layers, lowest first: common → rules → scenario → procedure → floor → chair → engine → analyses (and import, the
 * importers beside it) → report → ui → cli; src/index.ts, the library API, sits on top.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '..', 'src');

export const LAYERS: readonly (readonly string[])[] = [['common'], ['rules'], ['scenario'], ['procedure'], ['floor'], ['chair'], ['engine'], ['analyses', 'import'], ['report'], ['ui'], ['cli'], ['index.ts']];

const rankOf = (file: string): number => {
  const top = relative(SRC, file).split(/[\\/]/)[0];
  const rank = LAYERS.findIndex((names) => names.includes(top));
  if (rank < 0) throw new Error(`src/${relative(SRC, file)}: in no layer (top folder "${top}"); add it to LAYERS in test/architecture.test.ts`);
  return rank;
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Module specifiers of a file's imports: static, type-only, re-exports and dynamic `import('...')`. */
export function importSpecifiers(text: string): string[] {
  // drop comments first, so that an example in a comment is not an import (strings are left alone)
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  const out: string[] = [];
  const patterns = [/\bimport\s+(?:type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bexport\s+(?:type\s+)?(?:\*|\{[^}]*\})(?:\s+as\s+\w+)?\s*from\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const m of code.matchAll(pattern)) out.push(m[1]);
  return out;
}

function resolveLocal(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // next candidate
    }
  }
  throw new Error(`src/${relative(SRC, from)}: cannot resolve import "${specifier}"`);
}

function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const targets = importSpecifiers(readFileSync(file, 'utf8'))
      .map((s) => resolveLocal(file, s))
      .filter((t): t is string => t !== undefined);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Strongly connected components with more than one file (or a file importing itself): Tarjan. */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) visit(v);
  return found;
}

const name = (file: string) => `src/${relative(SRC, file).split('\\').join('/')}`;

describe('architecture: layers import one way', () => {
  const graph = importGraph();

  it('reads the imports of every kind', () => {
    const specs = importSpecifiers(
      [
        "import { a } from './a';",
        "import type { B } from '../b';",
        "export { c } from './c';",
        "export * from './d';",
        "const e = await import('./e');",
        "import './f';",
        "// import { g } from './g';",
        "/* import { h } from './h'; */",
        "import {\n  i,\n  j,\n} from './ij';",
      ].join('\n'),
    );
    expect(specs.sort()).toEqual(['../b', './a', './c', './d', './e', './f', './ij'].sort());
    expect(graph.size).toBeGreaterThan(50);
  });

  it('no file imports from a higher layer', () => {
    const violations: string[] = [];
    for (const [file, targets] of graph) {
      for (const target of targets) {
        if (rankOf(target) > rankOf(file)) violations.push(`${name(file)} imports ${name(target)} (${LAYERS[rankOf(file)].join('/')} may not import ${LAYERS[rankOf(target)].join('/')})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('no import cycles', () => {
    expect(cycles(graph).map((c) => c.map(name).join(' ↔ '))).toEqual([]);
  });

  it('detects a cycle and an upward import in a made-up graph', () => {
    const a = join(SRC, 'engine', 'a.ts');
    const b = join(SRC, 'engine', 'b.ts');
    const c = join(SRC, 'cli', 'c.ts');
    const made = new Map([
      [a, [b]],
      [b, [a, c]],
      [c, []],
    ]);
    expect(cycles(made)).toEqual([[a, b].sort()]);
    expect(rankOf(c)).toBeGreaterThan(rankOf(b));
  });
});
