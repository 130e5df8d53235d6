import { inject } from 'vitest';
import type { RunnerTask, RunnerTaskEventPack, RunnerTaskResultPack, RunnerTestFile } from 'vitest';
import { type VitestRunner, VitestTestRunner } from 'vitest/runners';
// The `testServer` value is provided by the global setup; its declaration of `ProvidedContext` types `inject`.
import type {} from './global-setup.js';
import { needsServer, recordCollected } from './server-demand.js';

/**
 * Vitest's runner, plus one rule: when the run has no server, every test file that asked for one while it was
 * collected is skipped as a whole (the global setup prints why once). None of its hooks run (they would try to
 * connect), and the files that need no server run as usual.
 */
export default class ServerAwareRunner extends VitestTestRunner {
  async onCollected(files: RunnerTestFile[]): Promise<void> {
    for (const file of files) recordCollected(file.filepath);
    const provided = inject('testServer');
    if (provided.available) return;
    for (const file of files) {
      if (file.result?.state === 'fail' || !needsServer(file.filepath)) continue;
      await this.skipFile(file);
    }
  }

  /**
   * Vitest already reported the collected tasks as runnable, and a skipped file's tasks are not visited, so their
   * skipped state is reported here; the file itself is then skipped by the runner like a `describe.skip`.
   */
  private async skipFile(file: RunnerTestFile): Promise<void> {
    const results: RunnerTaskResultPack[] = [];
    const events: RunnerTaskEventPack[] = [];
    const skip = (task: RunnerTask) => {
      task.mode = 'skip';
      task.result = { state: 'skip' };
      results.push([task.id, task.result, task.meta]);
      events.push([task.id, task.type === 'suite' ? 'suite-finished' : 'test-finished', undefined]);
      if (task.type === 'suite') task.tasks.forEach(skip);
    };
    file.tasks.forEach(skip);
    file.mode = 'skip';
    await (this as VitestRunner).onTaskUpdate?.(results, events);
  }
}
