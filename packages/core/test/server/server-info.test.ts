import { describe, expect, it } from 'vitest';
import { UnsupportedServerError } from '../../src/errors/errors.js';
import {
  ServerFlavor,
  assertMatrixOne,
  compareVersions,
  describeServer,
  parseServerVersion,
  requireMatrixOneVersion,
} from '../../src/server/server-info.js';

describe('parseServerVersion', () => {
  it('reads MatrixOne releases, including the recorded `8.0.30-MatrixOne-v1.3.0`', () => {
    expect(parseServerVersion('8.0.30-MatrixOne-v1.3.0')).toEqual({
      flavor: ServerFlavor.MatrixOne,
      version: '1.3.0',
      versionString: '8.0.30-MatrixOne-v1.3.0',
    });
    expect(parseServerVersion('8.0.30-MatrixOne-v2.1.0').version).toBe('2.1.0');
  });

  it('treats the empty release of a branch build as unknown', () => {
    const info = parseServerVersion('8.0.30-MatrixOne-v');
    expect(info.flavor).toBe(ServerFlavor.MatrixOne);
    expect(info.version).toBeUndefined();
    expect(describeServer(info)).toBe('MatrixOne (version unknown)');
  });

  it('reads MariaDB with and without the 5.5.5- handshake prefix', () => {
    expect(parseServerVersion('10.11.6-MariaDB-0+deb12u1')).toMatchObject({
      flavor: 'mariadb',
      version: '10.11.6',
    });
    expect(parseServerVersion('5.5.5-10.11.6-MariaDB')).toMatchObject({
      flavor: 'mariadb',
      version: '10.11.6',
    });
  });

  it('falls back to MySQL for anything else', () => {
    expect(parseServerVersion('8.0.36')).toMatchObject({ flavor: 'mysql', version: '8.0.36' });
    expect(parseServerVersion('8.4.2-commercial')).toMatchObject({ flavor: 'mysql', version: '8.4.2' });
  });
});

describe('server guards', () => {
  const mariadb = parseServerVersion('10.11.6-MariaDB');

  it('assertMatrixOne names the server it refuses', () => {
    expect(() => assertMatrixOne(mariadb, 'snapshots.create')).toThrowError(UnsupportedServerError);
    expect(() => assertMatrixOne(mariadb, 'snapshots.create')).toThrow(/MariaDB 10\.11\.6/);
    expect(() => assertMatrixOne(parseServerVersion('8.0.30-MatrixOne-v2.0.0'), 'x')).not.toThrow();
  });

  it('compareVersions compares numerically, part by part', () => {
    expect(compareVersions('2.1.0', '2.0.12')).toBeGreaterThan(0);
    expect(compareVersions('2.0.12', '2.1')).toBeLessThan(0);
    expect(compareVersions('2.1', '2.1.0')).toBe(0);
  });

  it('requireMatrixOneVersion refuses older releases and other servers, and lets newer ones through', () => {
    const old = parseServerVersion('8.0.30-MatrixOne-v1.3.0');
    const current = parseServerVersion('8.0.30-MatrixOne-v2.1.0');
    expect(() => requireMatrixOneVersion(old, '2.0.0', 'DATA BRANCH')).toThrow(
      /DATA BRANCH needs MatrixOne 2\.0\.0 or later, but the server is MatrixOne 1\.3\.0/,
    );
    expect(() => requireMatrixOneVersion(current, '2.0.0', 'DATA BRANCH')).not.toThrow();
    expect(() => requireMatrixOneVersion(mariadb, '2.0.0', 'DATA BRANCH')).toThrowError(
      UnsupportedServerError,
    );
    expect(() =>
      requireMatrixOneVersion(parseServerVersion('8.0.30-MatrixOne-v'), '9.0.0', 'x'),
    ).not.toThrow();
  });
});
