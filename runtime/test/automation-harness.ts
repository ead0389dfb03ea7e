/**
 * What automation tests share: a clock the test moves, a job worker on it that carries out every kind of
 * queued action (webhooks to the test's loopback receiver allowed), and short builders of automation documents.
 */
import type { JobWorker, RunSummary, Workspace } from '@tessera/engine';
import { silentLogger } from '../src/index.js';
import { jobWorkerFor } from '../src/workspaces/job-workers.js';
import type { TestApi } from './server.js';

export interface TestClock {
  now(): number;
  set(iso: string): void;
}

/**
 * Next year: runs that writes record at the real time are due on a test clock set then. Its daylight-saving
 * change in New York is on the second Sunday of March.
 */
export const YEAR = new Date().getUTCFullYear() + 1;
const firstOfMarch = new Date(Date.UTC(YEAR, 2, 1)).getUTCDay();
const SPRING_FORWARD = 1 + ((7 - firstOfMarch) % 7) + 7;

/** The ISO instant `days` after New York's spring-forward Sunday of YEAR (a Sunday), at `time` UTC. */
export function aroundDst(days: number, time = '00:00:00'): string {
  const day = new Date(Date.UTC(YEAR, 2, SPRING_FORWARD + days));
  return `${day.toISOString().slice(0, 10)}T${time}Z`;
}

/** Starts ahead of the real time (see YEAR). */
export function testClock(start = `${YEAR}-03-01T00:00:00Z`): TestClock {
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

/** An automation's runs as the run history shows them (`GET /automation-runs`), oldest first. */
export async function runsOf(api: TestApi, automation: string): Promise<RunSummary[]> {
  const res = await api.call('GET', `/api/v1/automation-runs?automation=${automation}&limit=100`);
  if (res.status !== 200) throw new Error(`run history answered ${res.status}: ${JSON.stringify(res.body)}`);
  return [...res.body.data].reverse();
}
