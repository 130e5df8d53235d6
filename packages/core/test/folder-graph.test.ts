/**
 * Core's folders must import each other without a loop, so a reader follows a statement downward (managers →
 * transaction → connection → driver) and never has to climb back up. This reads every relative import under
 * `src/`, builds the graph of top-level folders (the entry files directly in `src/` stand above everything and
 * are left out) and fails with the loop it finds.
 */
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*'(\.{1,2}\/[^']+)'/g;

async function sourceFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      return Promise.resolve(entry.name.endsWith('.ts') ? [path] : []);
    }),
  );
  return nested.flat();
}

/** The top-level folder of a file under `src/`, or `undefined` for the entry files directly in it. */
function folderOf(file: string): string | undefined {
  const parts = relative(SRC, file).split(sep);
  return parts.length > 1 ? parts[0] : undefined;
}

/** Folder → the other folders its files import. */
async function folderGraph(): Promise<Map<string, Set<string>>> {
  const graph = new Map<string, Set<string>>();
  for (const file of await sourceFiles(SRC)) {
    const from = folderOf(file);
    if (from === undefined) continue;
    const targets = graph.get(from) ?? new Set<string>();
    graph.set(from, targets);
    for (const match of (await readFile(file, 'utf8')).matchAll(IMPORT)) {
      const to = folderOf(resolve(dirname(file), String(match[1])));
      if (to !== undefined && to !== from) targets.add(to);
    }
  }
  return graph;
}

/** A loop of folders (first folder repeated at the end), or `undefined` when the graph has none. */
function findLoop(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] | undefined {
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (folder: string): string[] | undefined => {
    const open = path.indexOf(folder);
    if (open >= 0) return [...path.slice(open), folder];
    if (done.has(folder)) return undefined;
    path.push(folder);
    for (const next of graph.get(folder) ?? []) {
      const loop = visit(next);
      if (loop) return loop;
    }
    path.pop();
    done.add(folder);
    return undefined;
  };
  for (const folder of graph.keys()) {
    const loop = visit(folder);
    if (loop) return loop;
  }
  return undefined;
}

describe("core's folder graph", () => {
  it('finds a loop when there is one, and none in a chain', () => {
    const loop = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
    ]);
    expect(findLoop(loop)).toEqual(['a', 'b', 'c', 'a']);
    const chain = new Map([
      ['a', new Set(['b', 'c'])],
      ['b', new Set(['c'])],
      ['c', new Set<string>()],
    ]);
    expect(findLoop(chain)).toBeUndefined();
  });

  it('reads the imports between the folders of src/', async () => {
    const graph = await folderGraph();
    expect(graph.get('managers')).toContain('connection');
    expect(graph.get('client')).toContain('transaction');
    expect(graph.get('adapter')).toContain('transaction');
  });

  it('has no loop: every folder only imports folders below it', async () => {
    expect(findLoop(await folderGraph())).toBeUndefined();
  });

  it('keeps errors/ and events/ apart, and transaction/ below client/', async () => {
    const graph = await folderGraph();
    expect(graph.get('errors')).not.toContain('events');
    expect(graph.get('events')).not.toContain('client');
    expect(graph.get('transaction')).not.toContain('client');
  });
});
