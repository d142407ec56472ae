// The soak (random-faults.soak.ts) runs alone, as its own CI stage (scripts/test-soak.sh):
// the root config with only the soak included, so its load does not slow the other tests.
import { defineConfig } from 'vitest/config';
import root from '../../../vitest.config.js';

export default defineConfig({
  ...root,
  test: {
    ...root.test,
    // Not the root's projects (the unit suite and the React version matrix): the soak alone.
    projects: undefined,
    include: ['tests/contract/faults/**/*.soak.ts'],
    testTimeout: 120_000,
  },
});
