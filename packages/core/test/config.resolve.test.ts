import { inspect } from 'node:util';
import { ConfigurationError, createClient, resolveClientConfig } from '@matrixone/core';
import { describe, expect, it } from 'vitest';

function configurationError(run: () => unknown): ConfigurationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('MatrixOne login forms', () => {
  it.each([
    [{ user: 'root' }, 'root', { user: 'root' }],
    [{ user: 'acc1#admin' }, 'acc1:admin', { account: 'acc1', user: 'admin' }],
    [{ user: 'acc1#admin#reader' }, 'acc1:admin:reader', { account: 'acc1', user: 'admin', role: 'reader' }],
    [{ user: 'acc1:admin:reader' }, 'acc1:admin:reader', { account: 'acc1', user: 'admin', role: 'reader' }],
    [{ user: 'acc1:admin' }, 'acc1:admin', { account: 'acc1', user: 'admin' }],
    [
      { user: 'admin', account: 'acc1', role: 'reader' },
      'acc1:admin:reader',
      { account: 'acc1', user: 'admin', role: 'reader' },
    ],
    [{ user: 'admin', account: 'acc-1' }, 'acc-1:admin', { account: 'acc-1', user: 'admin' }],
    [{ user: 'admin', role: 'reader' }, 'sys:admin:reader', { user: 'admin', role: 'reader' }],
  ])('%o logs in as %s', (config, loginUser, login) => {
    const resolved = resolveClientConfig(config);
    expect(resolved.loginUser).toBe(loginUser);
    expect(resolved.login).toEqual(login);
  });

  it.each([
    [{ user: 'acc#admin:role' }, 'user'],
    [{ user: 'a#b#c#d' }, 'user'],
    [{ user: 'acc##role' }, 'user'],
    [{ user: 'acc#admin', account: 'other' }, 'account'],
    [{ user: 'acc#admin#r', role: 'other' }, 'role'],
    [{ user: 'admin', account: 'bad name' }, 'account'],
    [{ user: 'admin', role: 'a#b' }, 'role'],
    [{ user: '' }, 'user'],
  ])('%o is refused naming %s', (config, field) => {
    expect(configurationError(() => resolveClientConfig(config)).field).toBe(field);
  });
});

describe('connection URLs', () => {
  it('reads every part, percent-decoded', () => {
    const config = resolveClientConfig(
      'mysql://acc1%23admin:p%40ss%3Aw%2Frd@db.example.com:6002/my%20db?role=reader&tls=true&connectTimeoutMs=500&queryTimeoutMs=9000&charset=utf8mb4&poolSize=4&maxOverflow=2&queueLimit=50&prePing=30000&recycleMs=3600000&idleTimeoutMs=1000&serverFlavor=matrixone',
    );
    expect(config.host).toBe('db.example.com');
    expect(config.port).toBe(6002);
    expect(config.loginUser).toBe('acc1:admin:reader');
    expect(config.password).toBe('p@ss:w/rd');
    expect(config.database).toBe('my db');
    expect(config.tls).toEqual({});
    expect(config.connectTimeoutMs).toBe(500);
    expect(config.queryTimeoutMs).toBe(9000);
    expect(config.pool).toEqual({
      size: 4,
      maxOverflow: 2,
      queueLimit: 50,
      prePingIdleMs: 30000,
      recycleMs: 3600000,
      idleTimeoutMs: 1000,
    });
    expect(config.serverFlavor).toBe('matrixone');
  });

  it('accepts a raw # in the user part', () => {
    const config = resolveClientConfig('mysql://acc1#admin#reader:secret@127.0.0.1:6001/');
    expect(config.loginUser).toBe('acc1:admin:reader');
    expect(config.password).toBe('secret');
    expect(config.host).toBe('127.0.0.1');
  });

  it('applies the defaults', () => {
    const config = resolveClientConfig('mysql://root@localhost');
    expect(config.port).toBe(6001);
    expect(config.database).toBeUndefined();
    expect(config.pool.size).toBe(10);
    expect(config.pool.prePingIdleMs).toBeUndefined();
    expect(config.charset).toBe('utf8mb4');
  });

  it.each([
    ['http://root@host/', 'url'],
    ['not a url', 'url'],
    ['mysql://root@host/?poolsize=3', 'poolsize'],
    ['mysql://root@host/?poolSize=three', 'pool.size'],
    ['mysql://root@host/?poolSize=0', 'pool.size'],
    ['mysql://root@host/?tls=yes', 'tls'],
    ['mysql://root@host/?prePing=maybe', 'pool.prePing'],
    ['mysql://root@host/?serverFlavor=oracle', 'serverFlavor'],
    ['mysql://root:%E0%A4%A@host/', 'password'],
    ['mysql://host/', 'user'],
  ])('%s is refused naming %s', (url, field) => {
    expect(configurationError(() => resolveClientConfig(url)).field).toBe(field);
  });

  it('never puts the password of a bad URL into the error', () => {
    const error = configurationError(() => resolveClientConfig('mysql://root:hunter2@host:notaport/'));
    expect(inspect(error, { depth: 10 })).not.toContain('hunter2');
  });
});

describe('configuration objects', () => {
  it.each([
    [{ user: 'root', port: 0 }, 'port'],
    [{ user: 'root', port: 3306.5 }, 'port'],
    [{ user: 'root', host: '' }, 'host'],
    [{ user: 'root', password: 42 }, 'password'],
    [{ user: 'root', connectTimeoutMs: -1 }, 'connectTimeoutMs'],
    [{ user: 'root', queryTimeoutMs: '5' }, 'queryTimeoutMs'],
    [{ user: 'root', charset: 'utf8; DROP' }, 'charset'],
    [{ user: 'root', tls: 'yes' }, 'tls'],
    [{ user: 'root', pool: { size: 0 } }, 'pool.size'],
    [{ user: 'root', pool: { maxOverflow: -1 } }, 'pool.maxOverflow'],
    [{ user: 'root', pool: { prePing: 'always' } }, 'pool.prePing'],
    [{ user: 'root', pool: { max: 3 } }, 'pool.max'],
    [{ user: 'root', poolSize: 3 }, 'poolSize'],
    [{ user: 'root', serverFlavor: 'oracle' }, 'serverFlavor'],
    [{ user: 'root', logger: 'console' }, 'logger'],
    [{ host: 'x' }, 'user'],
  ])('%o is refused naming %s', (config, field) => {
    const error = configurationError(() => createClient(config as never));
    expect(error.field).toBe(field);
    expect(error.message).toContain(`"${field}"`);
  });

  it('maps prePing true to a ping on every checkout', () => {
    expect(resolveClientConfig({ user: 'root', pool: { prePing: true } }).pool.prePingIdleMs).toBe(0);
    expect(
      resolveClientConfig({ user: 'root', pool: { prePing: false } }).pool.prePingIdleMs,
    ).toBeUndefined();
  });

  it('keeps the password out of inspect, JSON and string conversion', () => {
    const config = resolveClientConfig({ user: 'root', password: 'hunter2-secret' });
    expect(config.password).toBe('hunter2-secret');
    expect(inspect(config, { depth: 10, showHidden: true })).not.toContain('hunter2-secret');
    expect(JSON.stringify(config)).not.toContain('hunter2-secret');
    expect(String(config)).not.toContain('hunter2-secret');
    expect(JSON.parse(JSON.stringify(config)).password).toBe('***');
  });
});
