import type { TestProject } from 'vitest/node';
import { acquireTestServer } from './resolve-server.js';
import { type TestServer, describeServer } from './server-flavor.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testServer: TestServer;
  }
}

/** Vitest global setup: resolves the test server once per project run and provides it to test files. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await acquireTestServer();
  try {
    project.provide('testServer', await describeServer(server.url, server.origin === 'matrixone'));
  } catch (error) {
    await server.release();
    throw new Error(`the test server at ${redactUrl(server.url)} does not answer: ${String(error)}`);
  }
  return () => server.release();
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
