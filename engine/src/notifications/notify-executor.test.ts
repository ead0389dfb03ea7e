import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.js';
import { JobWorker } from '../queue/job-worker.js';
import { JOBS, NOTIFICATIONS } from '../queue/queue-tables.js';
import { recordRuns } from '../queue/record-runs.js';
import type { Workspace } from '../workspace.js';
import { mailerFromEnv, smtpMailer } from './mailer.js';
import { Notifications } from './notifications.js';
import { type NotifyPayload, notifyExecutor } from './notify-executor.js';

const T0 = Date.parse('2026-03-01T08:00:00.000Z');
const RECORD_ID = '0190f1c6-0000-7000-8000-000000000001';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server in the test process; `refuse` makes it answer every message with a 451. */
async function startSmtp(options: { refuse?: () => boolean } = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (options.refuse?.()) return callback(Object.assign(new Error('try later'), { responseCode: 451 }));
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let smtp: Awaited<ReturnType<typeof startSmtp>> | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

async function users(ws: Workspace) {
  const make = (email: string, name: string) =>
    ws.users.create({ email, name, admin: false }, ws.model.documents);
  const ana = await make('ana@example.com', 'Ana');
  const bo = await make('bo@example.com', 'Bo');
  const gone = await make('gone@example.com', 'Gone');
  await ws.users.update(gone.id, { active: false }, ws.model.documents);
  return { ana, bo, gone };
}

async function enqueue(ws: Workspace, payload: NotifyPayload) {
  const [run] = await ws.storage.transaction((trx) =>
    recordRuns(
      trx,
      ws.storage.dialect,
      [
        {
          automation: 'notify_owner',
          object: 'account',
          recordId: RECORD_ID,
          trigger: 'create',
          depth: 0,
          actor: null,
          jobs: [{ actionIndex: 0, type: 'notify', payload }],
        },
      ],
      T0,
    ),
  );
  return run?.jobIds[0] as string;
}

const message = (recipients: string[], locale?: string): NotifyPayload => ({
  recipients,
  title: { en: 'New account', 'zh-CN': '新客户' },
  message: { en: 'Acme was created', 'zh-CN': '已创建 Acme' },
  ...(locale ? { locale } : {}),
});

describeEachDialect('notifications', ({ open }) => {
  it("notifies each active recipient once in the app, in the reader's language, and e-mails them in the job's", async () => {
    smtp = await startSmtp();
    const ws = await open();
    const { ana, bo, gone } = await users(ws);
    const id = await enqueue(ws, message([ana.id, bo.id, gone.id, ana.id], 'zh-CN'));
    const worker = new JobWorker(ws.storage, {
      clock: { now: () => T0 },
      executors: [['notify', notifyExecutor(smtpMailer(smtp.url, 'Tessera <tessera@example.com>'))]],
    });
    expect(await worker.runDue()).toBe(1);
    const page = await new Notifications(ws.storage.db, ana.id, 'zh-CN').list({ limit: 10 });
    expect((await new Notifications(ws.storage.db, ana.id, 'en').list({ limit: 10 })).data[0]).toMatchObject({
      title: 'New account',
      body: 'Acme was created',
    });
    expect(page).toMatchObject({
      unread: 1,
      nextBefore: null,
      data: [
        {
          title: '新客户',
          body: '已创建 Acme',
          object: 'account',
          recordId: RECORD_ID,
          automation: 'notify_owner',
          deliveryId: id,
          read: false,
        },
      ],
    });
    expect((await new Notifications(ws.storage.db, gone.id).list({ limit: 10 })).data).toEqual([]);
    expect(smtp.received.map((m) => m.to).sort()).toEqual([['ana@example.com'], ['bo@example.com']]);
    expect(smtp.received[0]?.from).toBe('tessera@example.com');
    expect(smtp.received[0]?.raw).toMatch(/Subject: =\?UTF-8\?/);
    const rows = await ws.storage.db.selectFrom(NOTIFICATIONS).selectAll().execute();
    expect(rows.map((r) => r.emailed_at)).toEqual([new Date(T0).toISOString(), new Date(T0).toISOString()]);
  });

  it('retries an e-mail the server refused, mailing only whom it missed, notifying nobody twice', async () => {
    let refusals = 1;
    smtp = await startSmtp({ refuse: () => refusals-- > 0 });
    const ws = await open();
    const { ana, bo } = await users(ws);
    const id = await enqueue(ws, message([ana.id, bo.id]));
    let now = T0;
    const worker = new JobWorker(ws.storage, {
      clock: { now: () => now },
      executors: [['notify', notifyExecutor(smtpMailer(smtp.url))]],
    });
    await worker.runDue();
    expect(
      await ws.storage.db
        .selectFrom(JOBS)
        .select(['status', 'last_error'])
        .where('id', '=', id)
        .executeTakeFirst(),
    ).toMatchObject({
      status: 'pending',
      last_error: expect.stringMatching(/451/),
    });
    now += 10_000;
    await worker.runDue();
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['ana@example.com', 'bo@example.com']);
    expect(await ws.storage.db.selectFrom(NOTIFICATIONS).selectAll().execute()).toHaveLength(2);
    const page = await new Notifications(ws.storage.db, bo.id).list({ limit: 10 });
    expect(page.data.map((n) => n.body)).toEqual(['Acme was created']);
  });

  it('without an SMTP server, notifies in the app only', async () => {
    expect(mailerFromEnv({})).toBeUndefined();
    expect(mailerFromEnv({ TESSERA_SMTP_URL: 'smtp://127.0.0.1:2525' })).toBeDefined();
    const ws = await open();
    const { ana } = await users(ws);
    await enqueue(ws, message([ana.id]));
    await new JobWorker(ws.storage, { executors: [['notify', notifyExecutor()]] }).runDue();
    const [row] = await ws.storage.db.selectFrom(NOTIFICATIONS).selectAll().execute();
    expect(row?.emailed_at).toBeNull();
    expect(JSON.parse(String(row?.title))).toEqual({ en: 'New account', 'zh-CN': '新客户' });
  });

  it('kills a notify job whose payload it cannot read', async () => {
    const ws = await open();
    const id = await enqueue(ws, { recipients: 'everyone' } as unknown as NotifyPayload);
    await new JobWorker(ws.storage, { executors: [['notify', notifyExecutor()]] }).runDue();
    expect(
      await ws.storage.db
        .selectFrom(JOBS)
        .select(['status', 'last_error'])
        .where('id', '=', id)
        .executeTakeFirst(),
    ).toEqual({
      status: 'dead',
      last_error: 'the notify job has no recipients, title or message',
    });
  });

  it("lists a user's own notifications newest first, pages them, and marks them read", async () => {
    const ws = await open();
    const { ana, bo } = await users(ws);
    for (let i = 0; i < 3; i++) await enqueue(ws, message([ana.id]));
    await enqueue(ws, message([bo.id]));
    await new JobWorker(ws.storage, { executors: [['notify', notifyExecutor()]] }).runDue();
    const mine = new Notifications(ws.storage.db, ana.id);
    const first = await mine.list({ limit: 2 });
    expect(first.data).toHaveLength(2);
    expect(first.unread).toBe(3);
    const second = await mine.list({ limit: 2, before: first.nextBefore as string });
    expect(second).toMatchObject({ nextBefore: null });
    const all = [...first.data, ...second.data];
    expect(all.map((n) => n.id)).toEqual([...all.map((n) => n.id)].sort().reverse());
    const read = await mine.markRead(all[0]?.id as string, T0);
    expect(read).toMatchObject({ read: true, readAt: new Date(T0).toISOString() });
    expect((await mine.list({ limit: 10, unreadOnly: true })).data).toHaveLength(2);
    const bos = (await new Notifications(ws.storage.db, bo.id).list({ limit: 10 })).data[0]?.id as string;
    await expect(mine.markRead(bos, T0)).rejects.toMatchObject({ code: 'unknown_notification' });
    expect((await new Notifications(ws.storage.db, bo.id).list({ limit: 10 })).unread).toBe(1);
    expect(await mine.markAllRead(T0)).toBe(2);
    expect((await mine.list({ limit: 10 })).unread).toBe(0);
  });
});
