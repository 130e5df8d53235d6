import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PUBLISHABLE_PACKAGES } from '../scripts/publishable-packages.js';

const run = promisify(execFile);
const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

/** Names each built package must export as functions (classes and factories), in both formats. */
const REQUIRED_FUNCTIONS: Record<string, readonly string[]> = {
  '@matrixone/core': [
    'createClient',
    'createClientFromDriver',
    'toMatrixOneError',
    'isMatrixOneError',
    'MatrixOneError',
    'ConstraintError',
    'TransactionRuleError',
  ],
  '@matrixone/adapter-knex': ['matrixone'],
  '@matrixone/adapter-sequelize': ['matrixone'],
  '@matrixone/adapter-typeorm': ['matrixone'],
  '@matrixone/adapter-drizzle': ['matrixone'],
  '@matrixone/testing': ['seedTemplate', 'templateSetup', 'openClone', 'cloneFixture', 'useClone'],
};

/** The functions the adapter kit exports (`@matrixone/core/adapter`) and the user entry point must not. */
const ADAPTER_ONLY = [
  'defineOrmAdapter',
  'OrmDriver',
  'statementResultOf',
  'beginFromManaged',
  'mysql2ClientMembers',
  'releaseAfterEnd',
  'eachPoolConnection',
  'noteRollbackCause',
  'carryCallbackErrors',
  'sameColumnDefinition',
  'foreignKeyRule',
  'tableForeignKeysOf',
  'tableForeignKeysStatement',
  'primaryKeyColumnsOf',
  'primaryKeyColumnsStatement',
  'primaryKeyOf',
  'declaredNames',
  'serverInfoSource',
];

/** Subpath exports and the functions each must export, in both formats. */
const SUBPATHS: ReadonlyArray<{
  readonly name: string;
  readonly subpath: string;
  readonly functions: readonly string[];
}> = [{ name: '@matrixone/core', subpath: './adapter', functions: ADAPTER_ONLY }];

type ModuleFormat = 'import' | 'require';

interface LoadedModule {
  /** The file Node resolved the package name to. */
  readonly resolved: string;
  /** `typeof` of every export. */
  readonly exportTypes: Record<string, string>;
}

/**
 * Loads a package by name in a separate, plain Node process started in the package's own folder, so Node
 * resolves it through its `exports` map (self-reference) exactly as a user's `import`/`require` would,
 * with no test-runner aliasing or transformation in between.
 */
async function loadInNode(
  packageName: string,
  directory: string,
  format: ModuleFormat,
): Promise<LoadedModule> {
  const name = JSON.stringify(packageName);
  const describeModule =
    'JSON.stringify({ resolved, exportTypes: Object.fromEntries(Object.entries(m).map(([k, v]) => [k, typeof v])) })';
  const args =
    format === 'import'
      ? [
          '--input-type=module',
          '-e',
          `const m = await import(${name}); const resolved = (await import('node:url')).fileURLToPath(import.meta.resolve(${name})); console.log(${describeModule});`,
        ]
      : [
          '-e',
          `const m = require(${name}); const resolved = require.resolve(${name}); console.log(${describeModule});`,
        ];
  const { stdout } = await run(process.execPath, args, { cwd: directory });
  return JSON.parse(stdout) as LoadedModule;
}

interface ConditionalTarget {
  readonly types?: string;
  readonly default?: string;
}

interface PackageManifest {
  readonly name: string;
  readonly type?: string;
  readonly types?: string;
  readonly main?: string;
  readonly files?: readonly string[];
  readonly sideEffects?: boolean | readonly string[];
  readonly engines?: { readonly node?: string };
  readonly exports?: Record<
    string,
    { readonly import?: ConditionalTarget; readonly require?: ConditionalTarget }
  >;
}

async function readManifest(directory: string): Promise<PackageManifest> {
  return JSON.parse(await readFile(join(directory, 'package.json'), 'utf8')) as PackageManifest;
}

describe.each(PUBLISHABLE_PACKAGES)('$name built package', ({ name, directory: relativeDirectory }) => {
  const directory = join(repositoryRoot, relativeDirectory);
  const required = REQUIRED_FUNCTIONS[name] ?? [];

  it('declares exports, types, files, sideEffects and engines in package.json', async () => {
    const manifest = await readManifest(directory);
    expect(manifest.name).toBe(name);
    const root = manifest.exports?.['.'];
    expect(root?.import?.default).toMatch(/^\.\/dist\/.+\.js$/);
    expect(root?.import?.types).toMatch(/^\.\/dist\/.+\.d\.ts$/);
    expect(root?.require?.default).toMatch(/^\.\/dist\/.+\.cjs$/);
    expect(root?.require?.types).toMatch(/^\.\/dist\/.+\.d\.cts$/);
    // TypeScript takes the first condition that matches, so `types` must come before `default`.
    expect(Object.keys(root?.import ?? {})[0]).toBe('types');
    expect(Object.keys(root?.require ?? {})[0]).toBe('types');
    expect(manifest.types).toBe(root?.import?.types);
    expect(manifest.main).toBe(root?.require?.default);
    expect(manifest.files).toContain('dist');
    expect(manifest.sideEffects).toBe(false);
    expect(manifest.engines?.node).toMatch(/^>=\s*20(\.|$)/);
  });

  it('ships every file its exports map points at, including .d.ts and .d.cts declarations', async () => {
    const root = (await readManifest(directory)).exports?.['.'];
    const targets = [
      root?.import?.default,
      root?.import?.types,
      root?.require?.default,
      root?.require?.types,
    ];
    expect(targets.every((target) => typeof target === 'string')).toBe(true);
    for (const target of targets) {
      expect(existsSync(join(directory, String(target))), `${name}: ${target}`).toBe(true);
    }
    for (const declarationFile of [root?.import?.types, root?.require?.types]) {
      const declarations = await readFile(join(directory, String(declarationFile)), 'utf8');
      for (const exportName of required) {
        expect(declarations, `${declarationFile}: ${exportName}`).toMatch(new RegExp(`\\b${exportName}\\b`));
      }
    }
  });

  it.each(['import', 'require'] as const)('loads dist with %s() through the exports map', async (format) => {
    const loaded = await loadInNode(name, directory, format);
    const extension = format === 'import' ? '.js' : '.cjs';
    expect(loaded.resolved).toBe(join(directory, 'dist', `index${extension}`));
    for (const exportName of required) {
      expect(loaded.exportTypes[exportName], `${name} ${format}: ${exportName}`).toBe('function');
    }
  });

  it('exposes the same names from the ESM and the CommonJS build', async () => {
    const [esm, cjs] = await Promise.all([
      loadInNode(name, directory, 'import'),
      loadInNode(name, directory, 'require'),
    ]);
    const names = (loaded: LoadedModule) =>
      Object.keys(loaded.exportTypes).filter((key) => key !== 'default');
    expect(names(cjs).sort()).toEqual(names(esm).sort());
    expect(names(esm).length).toBeGreaterThanOrEqual(required.length);
  });
});

describe.each(SUBPATHS)('$name$subpath built subpath', ({ name, subpath, functions }) => {
  const entry = PUBLISHABLE_PACKAGES.find((candidate) => candidate.name === name);
  const directory = join(repositoryRoot, entry?.directory ?? '');
  const specifier = `${name}${subpath.slice(1)}`;

  it('is in the exports map with types first, and ships every file it points at', async () => {
    const target = (await readManifest(directory)).exports?.[subpath];
    expect(Object.keys(target?.import ?? {})[0]).toBe('types');
    expect(Object.keys(target?.require ?? {})[0]).toBe('types');
    const files = [
      target?.import?.types,
      target?.import?.default,
      target?.require?.types,
      target?.require?.default,
    ];
    expect(files.every((file) => typeof file === 'string')).toBe(true);
    for (const file of files)
      expect(existsSync(join(directory, String(file))), `${specifier}: ${file}`).toBe(true);
  });

  it.each(['import', 'require'] as const)('loads with %s() and exports the kit', async (format) => {
    const loaded = await loadInNode(specifier, directory, format);
    for (const exportName of functions) {
      expect(loaded.exportTypes[exportName], `${specifier} ${format}: ${exportName}`).toBe('function');
    }
    const user = await loadInNode(name, directory, format);
    for (const exportName of ADAPTER_ONLY) {
      expect(user.exportTypes[exportName], `${name} ${format} exports ${exportName}`).toBeUndefined();
    }
  });
});
