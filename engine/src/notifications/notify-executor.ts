/**
 * The `notify` job: an in-app notification for each recipient, and an e-mail copy when an SMTP server is
 * configured. The notification rows are unique per delivery and user, so a retried job notifies nobody twice
 * in the app; each e-mail is marked sent on its row, so a retry after a failed send mails only those not yet
 * mailed (at least once: a crash between sending and marking can send one twice).
 */
import { USERS } from '../identity/identity-tables.js';
import { localize } from '../metadata/localized-text.js';
import { isoAt } from '../queue/clock.js';
import {
  type ClaimedJob,
  type JobContext,
  type JobExecutor,
  PermanentJobError,
} from '../queue/job-executor.js';
import { NOTIFICATIONS } from '../queue/queue-tables.js';
import { newRecordId } from '../records/record-ids.js';
import type { Mailer } from './mailer.js';

/** The job's payload, as the evaluator builds it when the write happens. */
export interface NotifyPayload {
  /** User ids; inactive users are skipped. */
  recipients: readonly string[];
  /** Per locale (`en` at least), e.g. the automation's label. */
  title: Record<string, string>;
  /** Per locale, `{!field}` merges already done. */
  message: Record<string, string>;
  /** The language of the e-mail copies: `en` when absent (the app shows each reader their own). */
  locale?: string;
}

function readPayload(payload: unknown): NotifyPayload {
  const p = payload as Partial<NotifyPayload> | null;
  const texts = (t: unknown) => typeof t === 'object' && t !== null && Object.keys(t).length > 0;
  if (!Array.isArray(p?.recipients) || !texts(p.title) || !texts(p.message))
    throw new PermanentJobError('the notify job has no recipients, title or message');
  return p as NotifyPayload;
}

export function notifyExecutor(mailer?: Mailer): JobExecutor {
  return {
    async run(job: ClaimedJob, { storage, clock }: JobContext) {
      const payload = readPayload(job.payload);
      const locale = payload.locale ?? 'en';
      const users = payload.recipients.length
        ? await storage.db
            .selectFrom(USERS)
            .select(['id', 'email'])
            .where('id', 'in', [...new Set(payload.recipients)])
            .where('active', '=', 1)
            .execute()
        : [];
      if (users.length) {
        const at = isoAt(clock.now());
        await storage.db
          .insertInto(NOTIFICATIONS)
          .values(
            users.map((u) => ({
              id: newRecordId(),
              user_id: u.id,
              // Every language: each reader sees theirs (notifications.ts).
              title: JSON.stringify(payload.title),
              body: JSON.stringify(payload.message),
              object: job.object,
              record_id: job.recordId,
              automation: job.automation,
              delivery_id: job.id,
              read_at: null,
              emailed_at: null,
              created_at: at,
            })),
          )
          .onConflict((oc) => oc.columns(['delivery_id', 'user_id']).doNothing())
          .execute();
      }
      if (mailer)
        await mailUnsent(
          job,
          { storage, clock },
          mailer,
          users,
          localize(payload.title, locale) as string,
          localize(payload.message, locale) as string,
        );
    },
  };
}

async function mailUnsent(
  job: ClaimedJob,
  { storage, clock }: Pick<JobContext, 'storage' | 'clock'>,
  mailer: Mailer,
  users: readonly { id: string; email: string }[],
  subject: string,
  text: string,
) {
  if (!users.length) return;
  const unsent = new Set(
    (
      await storage.db
        .selectFrom(NOTIFICATIONS)
        .select('user_id')
        .where('delivery_id', '=', job.id)
        .where('emailed_at', 'is', null)
        .execute()
    ).map((n) => String(n.user_id)),
  );
  for (const user of users) {
    if (!unsent.has(String(user.id))) continue;
    await mailer.send({ to: user.email, subject, text });
    await storage.db
      .updateTable(NOTIFICATIONS)
      .set({ emailed_at: isoAt(clock.now()) })
      .where('delivery_id', '=', job.id)
      .where('user_id', '=', user.id)
      .execute();
  }
}
