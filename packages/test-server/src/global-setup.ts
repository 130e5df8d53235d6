import type { TestProject } from 'vitest/node';
import { acquireTestServerIfAny } from './resolve-server.js';
import { type TestServer, describeServer } from './server-flavor.js';

/** What the global setup tells test files: the server, or why there is none. */
export type ProvidedTestServer =
  | { readonly available: true; readonly server: TestServer }
  | { readonly available: false; readonly reason: string };

declare module 'vitest' {
  export interface ProvidedContext {
    testServer: ProvidedTestServer;
  }
}

/** Every project's global setup runs in the one vitest process: the reason is printed once, not per project. */
let noServerReported = false;

/**
 * Vitest global setup: resolves the test server once per project run and provides it to test files. With no
 * server to be had it provides the reason instead, and the files that ask for a server are skipped with it.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await acquireTestServerIfAny();
  if (server.origin === 'none') {
    if (!noServerReported)
      console.warn(`[test-server] no test server; tests that need one are skipped. ${server.reason}`);
    noServerReported = true;
    project.provide('testServer', { available: false, reason: server.reason });
    return server.release;
  }
  try {
    const described = await describeServer(server.url, server.origin === 'matrixone');
    project.provide('testServer', { available: true, server: described });
  } catch (error) {
    await server.release();
    throw new Error(`the test server at ${redactUrl(server.url)} does not answer: ${String(error)}`);
  }
  return () => server.release();
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
