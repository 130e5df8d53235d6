/** Where the CLI connects: --url, MATRIXONE_URL or the MATRIXONE_* parts, validated by the core. */
import { ConfigurationError } from '@matrixone/core';
import { describe, expect, it } from 'vitest';
import { CliError } from '../src/cli-error.js';
import { resolveConnectionTarget } from '../src/connection-target.js';
import { ExitCode } from '../src/exit-codes.js';

describe('resolveConnectionTarget', () => {
  it('prefers --url over MATRIXONE_URL and reads the password through the core', () => {
    const target = resolveConnectionTarget('mysql://root:from%40flag@h:6001/', {
      MATRIXONE_URL: 'mysql://root:from-env@h:6001/',
    });
    expect(target).toEqual({
      config: 'mysql://root:from%40flag@h:6001/',
      password: 'from@flag',
      url: 'mysql://root:from%40flag@h:6001/',
    });
  });

  it('takes MATRIXONE_URL without --url', () => {
    expect(resolveConnectionTarget(undefined, { MATRIXONE_URL: 'mysql://root:pw@h:6001/' }).password).toBe(
      'pw',
    );
  });

  it('builds the configuration and a child URL from the MATRIXONE_* parts', () => {
    const target = resolveConnectionTarget(undefined, {
      MATRIXONE_HOST: 'db.internal',
      MATRIXONE_PORT: '6002',
      MATRIXONE_USER: 'acc1#admin',
      MATRIXONE_PASSWORD: 'p@ss',
      MATRIXONE_DATABASE: 'shop',
    });
    expect(target.config).toEqual({
      host: 'db.internal',
      port: 6002,
      user: 'acc1#admin',
      password: 'p@ss',
      database: 'shop',
    });
    expect(target.url).toBe('mysql://acc1%23admin:p%40ss@db.internal:6002/shop');
    expect(target.password).toBe('p@ss');
  });

  it('lets the core refuse a bad port, naming the field', () => {
    expect(() =>
      resolveConnectionTarget(undefined, { MATRIXONE_USER: 'root', MATRIXONE_PORT: 'abc' }),
    ).toThrow(ConfigurationError);
  });

  it('is a usage error when nothing names a server', () => {
    try {
      resolveConnectionTarget(undefined, {});
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).exitCode).toBe(ExitCode.Usage);
      expect((error as CliError).message).toContain('MATRIXONE_URL');
    }
  });
});
