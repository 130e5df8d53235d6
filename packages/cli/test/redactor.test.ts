/** The redactor hides URL passwords and known secrets in every form they are printed in. */
import { describe, expect, it } from 'vitest';
import { REDACTED, Redactor } from '../src/redactor.js';

describe('Redactor', () => {
  it('hides the password of any URL, keeping user and host', () => {
    const redactor = new Redactor();
    expect(redactor.text('to mysql://sys#root:p4ss@127.0.0.1:6001/db?x=1 and postgres://u:v@h/')).toBe(
      `to mysql://sys#root:${REDACTED}@127.0.0.1:6001/db?x=1 and postgres://u:${REDACTED}@h/`,
    );
    expect(redactor.text('mysql://root@h:6001/')).toBe('mysql://root@h:6001/');
  });

  it('hides a known secret raw, percent-encoded and JSON-escaped', () => {
    const redactor = new Redactor();
    const secret = 'a"b/c@d';
    redactor.add(secret);
    for (const form of [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]) {
      expect(redactor.text(`before ${form} after`)).toBe(`before ${REDACTED} after`);
    }
  });

  it('replaces the longer of two overlapping secrets whole', () => {
    const redactor = new Redactor();
    redactor.add('abc');
    redactor.add('abcdef');
    expect(redactor.text('abcdef abc')).toBe(`${REDACTED} ${REDACTED}`);
  });

  it('ignores empty and missing secrets', () => {
    const redactor = new Redactor();
    redactor.add('');
    redactor.add(undefined);
    expect(redactor.text('nothing to hide')).toBe('nothing to hide');
  });
});
