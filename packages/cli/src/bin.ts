#!/usr/bin/env node
/** The `matrixone` executable: runs the command line on the process's arguments and exits with its status. */
import { createRequire } from 'node:module';
import { runCli } from './program.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };
// No top-level await: the CommonJS build of this file must compile too.
void runCli(process.argv.slice(2), undefined, version).then((status) => {
  process.exitCode = status;
});
