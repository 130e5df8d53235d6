/**
 * Clean-up that must also run when the process is interrupted (SIGINT, SIGTERM) while a callback is running:
 * `clones.withClone()` registers the drop of its clone here. One listener per signal is installed while at least
 * one clean-up is registered and removed with the last, so nothing is left behind on `process` and many clones at
 * once cost one listener. On a signal the listeners are removed first (a second Ctrl-C then ends the process at
 * once), every clean-up runs (bounded by a deadline), and the signal is raised again so the process ends the way it
 * would have without us — unless someone else listens to that signal: they received it too and decide.
 */

/** The signals clean-up runs on. */
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
/** How long clean-ups may take after a signal before the process is let go anyway. */
const CLEANUP_DEADLINE_MS = 10_000;

/** What is needed of `process` (tests pass a stand-in). */
export interface SignalHost {
  on(signal: NodeJS.Signals, listener: () => void): unknown;
  off(signal: NodeJS.Signals, listener: () => void): unknown;
  listenerCount(signal: NodeJS.Signals): number;
  /** Raises `signal` on this process again. */
  raise(signal: NodeJS.Signals): void;
}

/** The real process. */
export const processSignals: SignalHost = {
  on: (signal, listener) => process.on(signal, listener),
  off: (signal, listener) => process.off(signal, listener),
  listenerCount: (signal) => process.listenerCount(signal),
  raise: (signal) => process.kill(process.pid, signal),
};

type Cleanup = () => Promise<unknown>;

interface Registry {
  readonly cleanups: Set<Cleanup>;
  readonly listeners: Map<NodeJS.Signals, () => void>;
}

const registries = new WeakMap<SignalHost, Registry>();

/**
 * Runs `cleanup` if SIGINT or SIGTERM arrives before the returned function is called; call it once the work is
 * over (it is idempotent). Clean-up failures after a signal are ignored: the process is ending.
 */
export function cleanUpOnInterrupt(cleanup: Cleanup, host: SignalHost = processSignals): () => void {
  let registry = registries.get(host);
  if (registry === undefined) {
    registry = { cleanups: new Set(), listeners: new Map() };
    registries.set(host, registry);
  }
  const current = registry;
  if (current.listeners.size === 0) {
    for (const signal of SIGNALS) {
      const listener = () => void onSignal(host, current, signal);
      current.listeners.set(signal, listener);
      host.on(signal, listener);
    }
  }
  current.cleanups.add(cleanup);
  return () => {
    current.cleanups.delete(cleanup);
    if (current.cleanups.size === 0) removeListeners(host, current);
  };
}

async function onSignal(host: SignalHost, registry: Registry, signal: NodeJS.Signals): Promise<void> {
  removeListeners(host, registry);
  const cleanups = [...registry.cleanups];
  registry.cleanups.clear();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, CLEANUP_DEADLINE_MS);
    timer.unref();
  });
  await Promise.race([Promise.allSettled(cleanups.map((cleanup) => cleanup())), deadline]);
  clearTimeout(timer);
  if (host.listenerCount(signal) === 0) host.raise(signal);
}

function removeListeners(host: SignalHost, registry: Registry): void {
  for (const [signal, listener] of registry.listeners) host.off(signal, listener);
  registry.listeners.clear();
}
