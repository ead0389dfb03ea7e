import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/dialects.js';
import { type Receiver, startReceiver } from '../../../test/webhook-receiver.js';
import type { Workspace } from '../../workspace.js';
import { JobWorker } from '../job-worker.js';
import { ATTEMPTS, JOBS } from '../queue-tables.js';
import { recordRuns } from '../record-runs.js';
import { isPrivateAddress } from './public-address.js';
import { type WebhookPayload, webhookExecutor } from './webhook-executor.js';
import { verifySignature } from './webhook-signature.js';

const T0 = Date.parse('2026-03-01T08:00:00.000Z');
const SECRET = 'a-secret-of-at-least-16';
const RECORD_ID = '0190f1c6-0000-7000-8000-000000000001';

const payload = (url: string): WebhookPayload => ({
  url,
  secret: SECRET,
  body: {
    event: 'record.created',
    object: 'account',
    record: { id: RECORD_ID, name: 'Acme 北京' },
    previous: null,
    automation: 'tell_erp',
    occurredAt: new Date(T0).toISOString(),
  },
});

async function enqueue(ws: Workspace, url: string): Promise<string> {
  const [run] = await ws.storage.transaction((trx) =>
    recordRuns(
      trx,
      ws.storage.dialect,
      [
        {
          automation: 'tell_erp',
          object: 'account',
          recordId: RECORD_ID,
          trigger: 'create',
          depth: 0,
          actor: null,
          jobs: [{ actionIndex: 0, type: 'webhook', payload: payload(url) }],
        },
      ],
      T0,
    ),
  );
  return run?.jobIds[0] as string;
}

const clockAt = (start: number) => {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
};

const job = (ws: Workspace, id: string) =>
  ws.storage.db.selectFrom(JOBS).selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const attempts = (ws: Workspace, id: string) =>
  ws.storage.db.selectFrom(ATTEMPTS).selectAll().where('job_id', '=', id).orderBy('attempt').execute();

describe('private addresses', () => {
  it('refuses loopback, private, link-local and mapped forms of them', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '64:ff9b::a9fe:a9fe',
      'not an address',
    ])
      expect([address, isPrivateAddress(address)]).toEqual([address, true]);
  });
  it('lets public addresses through', () => {
    for (const address of ['93.184.215.14', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8'])
      expect([address, isPrivateAddress(address)]).toEqual([address, false]);
  });
});

describeEachDialect('webhook delivery', ({ open }) => {
  let receiver: Receiver | undefined;
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });

  it('POSTs the event with the delivery id and a signature the receiver verifies', async () => {
    receiver = await startReceiver();
    const ws = await open();
    const id = await enqueue(ws, receiver.url);
    const clock = clockAt(T0 + 500);
    await new JobWorker(ws.storage, {
      clock,
      executors: [['webhook', webhookExecutor({ allowPrivate: true })]],
    }).runDue();
    const [delivery] = receiver.deliveries;
    expect(receiver.deliveries).toHaveLength(1);
    expect(delivery?.body).toEqual({ id, ...payload(receiver.url).body });
    expect(Object.keys(delivery?.body)).toEqual([
      'id',
      'event',
      'object',
      'record',
      'previous',
      'automation',
      'occurredAt',
    ]);
    expect(delivery?.headers['tessera-delivery']).toBe(id);
    expect(delivery?.headers['tessera-event']).toBe('record.created');
    expect(delivery?.headers['content-type']).toBe('application/json');
    const signature = String(delivery?.headers['tessera-signature']);
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(signature.startsWith(`t=${Math.floor((T0 + 500) / 1000)},`)).toBe(true);
    const now = Math.floor(clock.now() / 1000);
    expect(verifySignature(SECRET, delivery?.raw as string, signature, now)).toBe(true);
    expect(verifySignature('another-secret-entirely', delivery?.raw as string, signature, now)).toBe(false);
    expect(verifySignature(SECRET, `${delivery?.raw} `, signature, now)).toBe(false);
    expect(verifySignature(SECRET, delivery?.raw as string, signature, now + 301)).toBe(false);
    expect(verifySignature(SECRET, delivery?.raw as string, 'v1=abc', now)).toBe(false);
    expect(await job(ws, id)).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('sends nothing for a write whose transaction rolled back', async () => {
    receiver = await startReceiver();
    const ws = await open();
    const url = receiver.url;
    await expect(
      ws.storage.transaction(async (trx) => {
        await recordRuns(
          trx,
          ws.storage.dialect,
          [
            {
              automation: 'tell_erp',
              object: 'account',
              recordId: RECORD_ID,
              trigger: 'create',
              depth: 0,
              actor: null,
              jobs: [{ actionIndex: 0, type: 'webhook', payload: payload(url) }],
            },
          ],
          T0,
        );
        throw new Error('a later stage of the write failed');
      }),
    ).rejects.toThrow('a later stage of the write failed');
    const worker = new JobWorker(ws.storage, {
      clock: clockAt(T0 + 86_400_000),
      executors: [['webhook', webhookExecutor({ allowPrivate: true })]],
    });
    expect(await worker.runDue()).toBe(0);
    expect(receiver.deliveries).toEqual([]);
  });

  it('retries 500, 500, then 200: delivered on the third attempt with the same delivery id', async () => {
    const answers = [500, 500, 200];
    receiver = await startReceiver(() => answers.shift() ?? 200);
    const ws = await open();
    const id = await enqueue(ws, receiver.url);
    const clock = clockAt(T0);
    const worker = new JobWorker(ws.storage, {
      clock,
      executors: [['webhook', webhookExecutor({ allowPrivate: true })]],
    });
    await worker.runDue();
    expect(await job(ws, id)).toMatchObject({ status: 'pending', last_error: 'HTTP 500: failed 500' });
    clock.advance(10_000);
    await worker.runDue();
    clock.advance(60_000);
    await worker.runDue();
    expect(receiver.deliveries.map((d) => [d.headers['tessera-delivery'], d.body.id])).toEqual([
      [id, id],
      [id, id],
      [id, id],
    ]);
    expect(await job(ws, id)).toMatchObject({ status: 'done', attempts: 3 });
    expect((await attempts(ws, id)).map((a) => [a.attempt, a.outcome])).toEqual([
      [1, 'error'],
      [2, 'error'],
      [3, 'ok'],
    ]);
  });

  it('refuses a loopback address, by address or by a name resolving to one: dead at once, nothing sent', async () => {
    receiver = await startReceiver();
    const ws = await open();
    const byAddress = await enqueue(ws, receiver.url);
    const byName = await enqueue(ws, `http://localhost:${receiver.port}/hooks`);
    const byIpv6 = await enqueue(ws, `http://[::1]:${receiver.port}/hooks`);
    await new JobWorker(ws.storage, {
      clock: clockAt(T0),
      executors: [['webhook', webhookExecutor({ allowPrivate: false })]],
    }).runDue();
    expect(receiver.deliveries).toEqual([]);
    for (const id of [byAddress, byName, byIpv6]) {
      const refused = await job(ws, id);
      expect(refused).toMatchObject({ status: 'dead', attempts: 1 });
      expect(refused.last_error).toMatch(
        /refused to send to .*loopback, private or link-local.*TESSERA_WEBHOOK_ALLOW_PRIVATE=1/,
      );
    }
    expect((await job(ws, byName)).last_error).toMatch(/localhost \((127\.0\.0\.1|::1)\)/);
  });

  it('fails an attempt to an unreachable target, and kills one to a malformed URL', async () => {
    receiver = await startReceiver();
    const ws = await open();
    const closed = receiver.url;
    await receiver.close();
    receiver = undefined;
    const unreachable = await enqueue(ws, closed);
    const malformed = await enqueue(ws, 'ftp://example.com/x');
    await new JobWorker(ws.storage, {
      clock: clockAt(T0),
      executors: [['webhook', webhookExecutor({ allowPrivate: true })]],
    }).runDue();
    expect(await job(ws, unreachable)).toMatchObject({
      status: 'pending',
      last_error: expect.stringMatching(/ECONNREFUSED/),
    });
    expect(await job(ws, malformed)).toMatchObject({
      status: 'dead',
      last_error: '"ftp://example.com/x" is not an http or https URL',
    });
  });

  it('gives up on a receiver that does not answer within the timeout, and tries again later', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const ws = await open();
      const id = await enqueue(ws, `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`);
      const executor = webhookExecutor({ allowPrivate: true, timeoutMs: 100 });
      await new JobWorker(ws.storage, { clock: clockAt(T0), executors: [['webhook', executor]] }).runDue();
      expect(await job(ws, id)).toMatchObject({ status: 'pending', last_error: 'no answer within 0.1 s' });
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });
});
