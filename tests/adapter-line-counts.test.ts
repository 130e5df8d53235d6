/**
 * Each adapter's README and guide say how many lines of `src` it is ("N lines of `src`", every file except those
 * counted apart as "`file.ts` (M lines)"): the sentences are checked against the files, so they cannot drift.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const ADAPTERS = ['knex', 'sequelize', 'typeorm', 'drizzle'] as const;

async function sourceLines(adapter: string): Promise<Map<string, number>> {
  const folder = join(root, 'packages', `adapter-${adapter}`, 'src');
  const files = (await readdir(folder)).filter((file) => file.endsWith('.ts'));
  const lines = new Map<string, number>();
  for (const file of files) {
    const text = await readFile(join(folder, file), 'utf8');
    lines.set(file, text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length);
  }
  return lines;
}

/** The counts a document states: the total of `src`, and the files it counts apart. */
function statedCounts(text: string): { total: number | undefined; apart: Map<string, number> } {
  const flat = text.replace(/\s+/g, ' ');
  const total = /(\d+) lines of `src`/.exec(flat)?.[1];
  const apart = new Map<string, number>();
  for (const [, file = '', count] of flat.matchAll(/`([a-z-]+\.ts)` \((\d+) lines\)/g))
    apart.set(file, Number(count));
  return { total: total === undefined ? undefined : Number(total), apart };
}

describe.each(ADAPTERS)('the line counts of adapter-%s', (adapter) => {
  it.each([
    ['README', join('packages', `adapter-${adapter}`, 'README.md')],
    ['guide', join('docs', 'adapters', `${adapter}.md`)],
  ])('its %s states them as the files hold them', async (_, document) => {
    const lines = await sourceLines(adapter);
    const { total, apart } = statedCounts(await readFile(join(root, document), 'utf8'));
    const actualApart = new Map([...apart.keys()].map((file) => [file, lines.get(file)]));
    expect(actualApart).toEqual(apart);
    let rest = 0;
    for (const [file, count] of lines) if (!apart.has(file)) rest += count;
    expect(total).toBe(rest);
  });
});
