/**
 * The `webhook` job: one signed POST of the event to the automation's URL . A 2xx answer within
 * 10 s is success; anything else (another status, a timeout, a refused connection) is retried on the schedule
 * with the same delivery id. A URL whose host is, or resolves to, a private address is refused for good.
 * Redirects are not followed: a 3xx is a failure like any other, and cannot lead to a private address.
 */
import { type ClientRequest, Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { type ClaimedJob, type JobContext, type JobExecutor, PermanentJobError } from '../job-executor.js';
import { publicLookup, RefusedAddress, refusedLiteral } from './public-address.js';
import { SIGNATURE_HEADER, signatureHeader } from './webhook-signature.js';

export type WebhookEvent = 'record.created' | 'record.updated' | 'record.deleted';

/** The job's payload, as the evaluator builds it when the write happens. */
export interface WebhookPayload {
  url: string;
  /** The automation's webhook secret. */
  secret: string;
  /** The delivery body without `id`: the delivery id is the job's, added when sent. */
  body: {
    event: WebhookEvent;
    object: string;
    record: Record<string, unknown> | null;
    previous: Record<string, unknown> | null;
    automation: string;
    occurredAt: string;
  };
}

export const WEBHOOK_TIMEOUT_MS = 10_000;
/** Of a failed answer's body, what the attempt's detail keeps. */
const DETAIL_BYTES = 300;

export interface WebhookOptions {
  /** Send to loopback, private and link-local addresses too (`TESSERA_WEBHOOK_ALLOW_PRIVATE=1`). */
  allowPrivate?: boolean;
  timeoutMs?: number;
}

// Connections are kept between deliveries: a burst to one receiver reuses them.
const agents = {
  'http:': new HttpAgent({ keepAlive: true, maxSockets: 64 }),
  'https:': new HttpsAgent({ keepAlive: true, maxSockets: 64 }),
};

function readPayload(payload: unknown): WebhookPayload {
  const p = payload as Partial<WebhookPayload> | null;
  if (typeof p?.url !== 'string' || typeof p.secret !== 'string' || typeof p.body !== 'object' || !p.body)
    throw new PermanentJobError('the webhook job has no url, secret or body');
  return p as WebhookPayload;
}

function targetOf(url: string): URL {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new PermanentJobError(`"${url}" is not an absolute URL`);
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:')
    throw new PermanentJobError(`"${url}" is not an http or https URL`);
  return target;
}

export function webhookExecutor(options: WebhookOptions = {}): JobExecutor {
  const allowPrivate = options.allowPrivate ?? process.env.TESSERA_WEBHOOK_ALLOW_PRIVATE === '1';
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  return {
    async run(job: ClaimedJob, context: JobContext) {
      const payload = readPayload(job.payload);
      const target = targetOf(payload.url);
      if (!allowPrivate) {
        const refused = refusedLiteral(target.hostname);
        if (refused) throw new PermanentJobError(refused.message);
      }
      const raw = JSON.stringify({ id: job.id, ...payload.body });
      const headers = {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(raw)),
        'user-agent': 'Tessera-Webhook/1',
        'tessera-delivery': job.id,
        'tessera-event': payload.body.event,
        [SIGNATURE_HEADER.toLowerCase()]: signatureHeader(
          payload.secret,
          raw,
          Math.floor(context.clock.now() / 1000),
        ),
      };
      const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(target, {
        method: 'POST',
        headers,
        agent: agents[target.protocol as 'http:' | 'https:'],
        ...(allowPrivate ? {} : { lookup: publicLookup }),
      });
      // One timer for the whole exchange, answer body included; the worker's stop aborts it too. (Cheaper
      // than an AbortSignal per delivery, which costs a burst of deliveries dearly in garbage.)
      const timer = setTimeout(
        () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
      const stop = () => req.destroy(new Error('the worker stopped'));
      context.signal.addEventListener('abort', stop, { once: true });
      try {
        const { status, detail } = await exchange(req, raw);
        if (status < 200 || status > 299) throw new Error(`HTTP ${status}${detail ? `: ${detail}` : ''}`);
      } finally {
        clearTimeout(timer);
        context.signal.removeEventListener('abort', stop);
      }
    },
  };
}

/**
 * Sends the body and reads the answer: its status and the start of its body (for the attempt's detail); the
 * rest is drained so the connection is reused. A refused address is a permanent failure.
 */
function exchange(req: ClientRequest, raw: string): Promise<{ status: number; detail: string }> {
  return new Promise((resolve, reject) => {
    req.once('error', (error) =>
      reject(error instanceof RefusedAddress ? new PermanentJobError(error.message) : error),
    );
    req.once('response', (answer) => {
      let kept = '';
      answer.setEncoding('utf8');
      answer.on('data', (chunk: string) => {
        if (kept.length < DETAIL_BYTES) kept += chunk.slice(0, DETAIL_BYTES - kept.length);
      });
      answer.once('end', () => resolve({ status: answer.statusCode ?? 0, detail: kept.trim() }));
      answer.once('error', reject);
    });
    req.end(raw);
  });
}
