import { defineProject } from 'vitest/config';
import { sharedTestConfig } from '../test-server/src/vitest-preset.js';

export default defineProject(sharedTestConfig(import.meta.url));
