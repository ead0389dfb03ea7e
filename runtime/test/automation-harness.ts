/**
 * What automation tests share: a clock the test moves, a job worker on it that carries out every kind of
 * queued action (webhooks to the test's loopback receiver allowed), and short builders of automation documents.
 */
import type { JobWorker, Workspace } from '@tessera/engine';
import { silentLogger } from '../src/index.js';
import { jobWorkerFor } from '../src/workspaces/job-workers.js';
import type { TestApi } from './server.js';

export interface TestClock {
  now(): number;
  set(iso: string): void;
}

/** Starts ahead of the real time: runs recorded by writes (at the real time) are due on it. */
export function testClock(start = '2027-03-01T00:00:00Z'): TestClock {
  let now = Date.parse(start);
  return { now: () => now, set: (iso) => (now = Date.parse(iso)) };
}

/**
 * The worker the runtime runs for `ws` (every executor it registers), on the test's clock. Tests serve with
 * `jobs: false` and call its `runDue()` themselves.
 */
export function automationWorker(ws: Workspace, clock: TestClock): JobWorker {
  return jobWorkerFor(ws, {
    log: silentLogger,
    clock,
    env: {
      TESSERA_WEBHOOK_ALLOW_PRIVATE: '1',
      // The clock runs months ahead of when the test's writes recorded their runs: history is kept.
      TESSERA_AUTOMATION_RETENTION_DAYS: '3650',
    },
  });
}

/** PUTs an active automation; answers the HTTP response. */
export function putAutomation(
  api: TestApi,
  apiName: string,
  object: string,
  trigger: unknown,
  actions: unknown[],
  extra: Record<string, unknown> = {},
) {
  return api.call('PUT', `/api/v1/meta/automations/${apiName}`, {
    kind: 'automation',
    apiName,
    label: { en: apiName, 'zh-CN': apiName },
    object,
    active: true,
    trigger,
    actions,
    ...extra,
  });
}
