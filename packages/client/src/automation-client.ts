/** Automation run history (`/automation-runs`) and the caller's own notifications (`/notifications`). */
import { type Call, queryString } from './request.js';

export type RunTrigger = 'create' | 'update' | 'delete' | 'schedule' | 'relative';
export type RunStatus = 'pending' | 'done' | 'failed' | 'dead';
export type JobStatus = 'pending' | 'running' | 'done' | 'dead' | 'cancelled';

/** One action of a run: done in the write's transaction (`done`), or queued as a job (the job's status). */
export interface RunAction {
  index: number;
  type: string;
  status: JobStatus;
  /** The queued job's delivery id. */
  deliveryId?: string;
  attempts?: number;
  lastError?: string | null;
}

/** One automation run: what triggered it, on which record, and how it went. */
export interface AutomationRun {
  id: string;
  automation: string;
  object: string;
  recordId: string | null;
  trigger: RunTrigger;
  actor: string | null;
  depth: number;
  status: RunStatus;
  /** The run's own error (a failed run), else the last error of one of its jobs. */
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  /** Attempts made by the run's queued jobs, all together. */
  attempts: number;
  actions: RunAction[];
}

export interface JobAttempt {
  attempt: number;
  startedAt: string;
  durationMs: number;
  outcome: 'ok' | 'error';
  detail: string | null;
}

/** A queued action of a run; its id is the delivery id a webhook receiver sees. */
export interface AutomationJob {
  id: string;
  actionIndex: number;
  type: string;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  /** When it is (or was last) due. */
  runAt: string;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  history: JobAttempt[];
}

export interface AutomationRunDetail extends AutomationRun {
  jobs: AutomationJob[];
}

export interface RunQuery {
  automation?: string;
  object?: string;
  record?: string;
  status?: RunStatus;
  /** Failed and dead runs before the others (each group newest first). */
  failuresFirst?: boolean;
  limit?: number;
  cursor?: string;
}

export interface RunPage {
  data: AutomationRun[];
  page: { nextCursor: string | null };
}

export interface AutomationRunsClient {
  list(query?: RunQuery): Promise<RunPage>;
  get(id: string): Promise<AutomationRunDetail>;
  /** Puts the run's dead jobs back in the queue. */
  retry(id: string): Promise<AutomationRunDetail>;
}

export interface Notification {
  id: string;
  title: string;
  body: string;
  object: string | null;
  recordId: string | null;
  automation: string | null;
  deliveryId: string;
  read: boolean;
  readAt: string | null;
  createdAt: string;
}

export interface NotificationList {
  data: Notification[];
  /** How many of the caller's notifications are unread, all of them (not only this page's). */
  unread: number;
  page: { nextCursor: string | null };
}

export interface NotificationQuery {
  /** Only the unread ones. */
  unread?: boolean;
  limit?: number;
  cursor?: string;
}

export interface NotificationsClient {
  /** The caller's own notifications, newest first. */
  list(query?: NotificationQuery): Promise<NotificationList>;
  /** Marks one read; answers it as it is now. */
  read(id: string): Promise<Notification>;
  /** Marks every unread one read; answers how many. */
  readAll(): Promise<number>;
}

export function automationRunsClient(call: Call): AutomationRunsClient {
  const one = (id: string) => `/automation-runs/${encodeURIComponent(id)}`;
  return {
    list: (query = {}) => call<RunPage>('GET', `/automation-runs${queryString({ ...query })}`),
    get: async (id) => (await call<{ data: AutomationRunDetail }>('GET', one(id))).data,
    retry: async (id) => (await call<{ data: AutomationRunDetail }>('POST', `${one(id)}/retry`)).data,
  };
}

export function notificationsClient(call: Call): NotificationsClient {
  return {
    list: (query = {}) => call<NotificationList>('GET', `/notifications${queryString({ ...query })}`),
    read: async (id) =>
      (await call<{ data: Notification }>('POST', `/notifications/${encodeURIComponent(id)}/read`)).data,
    readAll: async () =>
      (await call<{ data: { marked: number } }>('POST', '/notifications/read-all')).data.marked,
  };
}
