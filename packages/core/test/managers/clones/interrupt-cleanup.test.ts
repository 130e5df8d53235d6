import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { type SignalHost, cleanUpOnInterrupt } from '../../../src/managers/clones/interrupt-cleanup.js';

/** A process stand-in: signals are emitted by the test, re-raised signals recorded. */
function fakeHost(): SignalHost & { emitter: EventEmitter; raised: NodeJS.Signals[] } {
  const emitter = new EventEmitter();
  const raised: NodeJS.Signals[] = [];
  return {
    emitter,
    raised,
    on: (signal, listener) => emitter.on(signal, listener),
    off: (signal, listener) => emitter.off(signal, listener),
    listenerCount: (signal) => emitter.listenerCount(signal),
    raise: (signal) => {
      raised.push(signal);
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('clean-up on SIGINT/SIGTERM', () => {
  it('listens only while something is registered, once per signal however many are', () => {
    const host = fakeHost();
    const releaseA = cleanUpOnInterrupt(async () => {}, host);
    const releaseB = cleanUpOnInterrupt(async () => {}, host);
    expect(host.listenerCount('SIGINT')).toBe(1);
    expect(host.listenerCount('SIGTERM')).toBe(1);
    releaseA();
    expect(host.listenerCount('SIGTERM')).toBe(1);
    releaseB();
    releaseB();
    expect(host.listenerCount('SIGINT')).toBe(0);
    expect(host.listenerCount('SIGTERM')).toBe(0);
  });

  it('runs every registered clean-up on a signal, removes its listeners, then raises the signal again', async () => {
    const host = fakeHost();
    const ran: string[] = [];
    cleanUpOnInterrupt(async () => {
      ran.push('a');
    }, host);
    cleanUpOnInterrupt(async () => {
      throw new Error('clean-up failed');
    }, host);
    cleanUpOnInterrupt(async () => {
      ran.push('c');
    }, host);
    host.emitter.emit('SIGTERM');
    await settle();
    expect(ran).toEqual(['a', 'c']);
    expect(host.listenerCount('SIGINT') + host.listenerCount('SIGTERM')).toBe(0);
    expect(host.raised).toEqual(['SIGTERM']);
  });

  it('raises the signal only after the clean-ups finished', async () => {
    const host = fakeHost();
    let finish: () => void = () => {};
    cleanUpOnInterrupt(
      () =>
        new Promise<void>((resolve) => {
          finish = resolve;
        }),
      host,
    );
    host.emitter.emit('SIGINT');
    await settle();
    expect(host.raised).toEqual([]);
    finish();
    await settle();
    expect(host.raised).toEqual(['SIGINT']);
  });

  it('leaves the signal to other listeners when there are some', async () => {
    const host = fakeHost();
    const other = () => {};
    host.on('SIGINT', other);
    let cleaned = false;
    cleanUpOnInterrupt(async () => {
      cleaned = true;
    }, host);
    host.emitter.emit('SIGINT');
    await settle();
    expect(cleaned).toBe(true);
    expect(host.raised).toEqual([]);
    expect(host.listenerCount('SIGINT')).toBe(1);
  });

  it('a released clean-up does not run', async () => {
    const host = fakeHost();
    let ran = false;
    const release = cleanUpOnInterrupt(async () => {
      ran = true;
    }, host);
    cleanUpOnInterrupt(async () => {}, host);
    release();
    host.emitter.emit('SIGTERM');
    await settle();
    expect(ran).toBe(false);
  });
});
