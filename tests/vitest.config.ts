import { defineProject } from 'vitest/config';
import { sharedTestConfig } from '../packages/test-server/src/vitest-preset.js';

const config = sharedTestConfig(import.meta.url);

export default defineProject({ ...config, test: { ...config.test, include: ['**/*.test.ts'] } });
