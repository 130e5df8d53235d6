/**
 * Keeps the docs from rotting: every TypeScript code block in `docs/` and in the packages' READMEs is
 * compiled against the real packages. A block is wrapped in an async function whose parameters are the
 * handles guides talk about (`client`, `tx`, `knex`, `trx`, `sequelize`, `t`, `dataSource`, `manager`,
 * `queryRunner`, `mo`), so a snippet may use them without setting them up; its `import` lines are kept at the
 * top of the module. A block fenced as ```ts nocheck is shown, not compiled (for signatures and fragments).
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const examplesDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = join(examplesDir, '..');
const outDir = join(examplesDir, '.doc-snippets');

// The handles' types are imported under private names, so a snippet may import the same names itself.
const PRELUDE = `import type { MatrixOneClient as DocClient, Transaction as DocTransaction } from '@matrixone/core';
import type { Knex as DocKnex } from 'knex';
import type { Sequelize as DocSequelize, Transaction as DocSequelizeTransaction } from 'sequelize';
import type { DataSource as DocDataSource, EntityManager as DocEntityManager, QueryRunner as DocQueryRunner } from 'typeorm';
`;
const HANDLES =
  'client: DocClient, tx: DocTransaction, mo: DocTransaction, knex: DocKnex, trx: DocKnex.Transaction, ' +
  'sequelize: DocSequelize, t: DocSequelizeTransaction, dataSource: DocDataSource, manager: DocEntityManager, ' +
  'queryRunner: DocQueryRunner';

interface Snippet {
  readonly file: string;
  readonly line: number;
  readonly code: string;
}

function markdownFiles(): string[] {
  const docs = readdirSync(join(repoDir, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md') && !name.startsWith('api'))
    .map((name) => join(repoDir, 'docs', name));
  const readmes = readdirSync(join(repoDir, 'packages'))
    .map((name) => join(repoDir, 'packages', name, 'README.md'))
    .filter((path) => {
      try {
        readFileSync(path);
        return true;
      } catch {
        return false;
      }
    });
  return [join(repoDir, 'README.md'), ...docs, ...readmes];
}

function snippetsOf(file: string): Snippet[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const snippets: Snippet[] = [];
  for (let index = 0; index < lines.length; index++) {
    const fence = /^```(ts|typescript)\s*$/.exec(lines[index] ?? '');
    if (!fence) continue;
    const start = index + 1;
    let end = start;
    while (end < lines.length && !(lines[end] ?? '').startsWith('```')) end++;
    snippets.push({ file, line: start + 1, code: lines.slice(start, end).join('\n') });
    index = end;
  }
  return snippets;
}

function moduleFor(snippet: Snippet): string {
  const lines = snippet.code.split('\n');
  const isImport = (line: string) => /^import\s/.test(line) || /^\s+[\w{},\s]*\}?\s*from\s+'/.test(line);
  let split = 0;
  // Leading import statements (possibly spanning lines) stay at module level.
  while (split < lines.length) {
    const line = lines[split] ?? '';
    if (line.trim() === '' || isImport(line)) {
      if (/^import\s.*\{[^}]*$/.test(line)) {
        while (split < lines.length && !/\}\s*from\s/.test(lines[split] ?? '')) split++;
      }
      split++;
      continue;
    }
    break;
  }
  const imports = lines.slice(0, split).join('\n');
  const body = lines.slice(split).join('\n');
  return `${PRELUDE}${imports}\nexport async function snippet(${HANDLES}): Promise<void> {\n{\n${body}\n}\n}\n`;
}

describe('code blocks in the docs compile against the packages', () => {
  const snippets = markdownFiles().flatMap(snippetsOf);

  it('finds code blocks to check', () => {
    expect(snippets.length).toBeGreaterThan(0);
  });

  it('every TypeScript block type-checks', () => {
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    const files = snippets.map((snippet, index) => {
      const path = join(outDir, `snippet-${index}.ts`);
      writeFileSync(path, moduleFor(snippet));
      return { path, snippet };
    });
    const config = ts.getParsedCommandLineOfConfigFile(
      join(examplesDir, 'tsconfig.json'),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
          throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
        },
      },
    );
    if (!config) throw new Error('examples/tsconfig.json could not be read');
    const program = ts.createProgram(
      files.map((file) => file.path),
      { ...config.options, noEmit: true, noUnusedLocals: false },
    );
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((diagnostic) => diagnostic.file?.fileName.startsWith(outDir) === true)
      .map((diagnostic) => {
        const file = files.find((candidate) => candidate.path === diagnostic.file?.fileName);
        const where = file ? `${relative(repoDir, file.snippet.file)}:${file.snippet.line}` : 'unknown';
        return `${where}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
      });
    rmSync(outDir, { recursive: true, force: true });
    expect(problems).toEqual([]);
  });
});
