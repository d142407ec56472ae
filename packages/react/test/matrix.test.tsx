// @vitest-environment happy-dom
// The version matrix (vitest.config.ts) took effect: this project really runs on the React and
// TanStack Query versions it is named after, with one copy of query-core for react-query and the hooks.
import * as ReactQuery from '@tanstack/react-query';
import reactQueryPackage from '@tanstack/react-query/package.json' with { type: 'json' };
import * as QueryCore from '@tanstack/query-core';
import queryCorePackage from '@tanstack/query-core/package.json' with { type: 'json' };
import { version as reactDomVersion } from 'react-dom';
import { version as reactVersion } from 'react';
import { describe, expect, it } from 'vitest';

// Set per project by vitest.config.ts from the package.json files its aliases point at.
const expected = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;

describe('version matrix', () => {
  it('runs on the React named by the project, react-dom alike', () => {
    expect(expected.EXPECT_REACT).toMatch(/^1[89]\./);
    expect(reactVersion).toBe(expected.EXPECT_REACT);
    expect(reactDomVersion).toBe(expected.EXPECT_REACT);
  });

  it('runs on the TanStack Query named by the project, one query-core copy for react-query and the hooks', () => {
    expect(queryCorePackage.version).toBe(expected.EXPECT_QUERY_CORE);
    expect(reactQueryPackage.version).toBe(expected.EXPECT_REACT_QUERY);
    // react-query re-exports query-core: the same classes means the same module instance.
    expect(ReactQuery.QueryClient).toBe(QueryCore.QueryClient);
    expect(ReactQuery.QueryObserver).toBe(QueryCore.QueryObserver);
    // A behaviour marker: 5.87's Query has no isFetched(), which later observers call.
    const hasIsFetched = 'isFetched' in QueryCore.Query.prototype;
    expect(hasIsFetched).toBe(queryCorePackage.version !== '5.87.4');
  });
});
