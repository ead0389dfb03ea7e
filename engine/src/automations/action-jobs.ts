/**
 * The queued actions of one run as jobs, with everything they need computed now, from the record as the write
 * left it: the values to set or create with (formulas evaluated), the record a lookup path names, the
 * notification's recipients and texts, the webhook's body. A job then does the same thing whenever it runs.
 */
import type { Follow, RecordContext } from '../formulas/record-context.js';
import type { CompiledModel, CompiledObject } from '../model/compiled-model.js';
import type { RunTrigger } from '../queue/queue-tables.js';
import type { JobInput } from '../queue/record-runs.js';
import type { RecordData } from '../records/record-api.js';
import type { AnyDb, Storage } from '../storage/storage.js';
import { actionValues } from './before-save.js';
import type { CompiledAction, CompiledAutomation } from './compile-automations.js';
import { renderTemplate } from './merge-message.js';
import { recipientIds } from './recipients.js';
import { setValues } from './set-values.js';
import { webhookBody } from './webhook-body.js';

/** One run's record and circumstances. */
export interface RunSource {
  trx: AnyDb;
  storage: Storage;
  model: CompiledModel;
  object: CompiledObject;
  automation: CompiledAutomation;
  trigger: RunTrigger;
  /** The record the formulas saw: as stored after the write, or before it on a delete. */
  record: RecordData;
  /** The stored record before the write; null for a create or a time trigger. */
  previous: RecordData | null;
  /** The stored record after the write; null for a delete. */
  stored: RecordData | null;
  context: RecordContext;
  follow: Follow | undefined;
  /** The automations whose queued actions led here, this one last. */
  chain: readonly string[];
  depth: number;
  actor: string | null;
  occurredAt: string;
}

/** What every record-writing job carries: who it writes for and how deep the chain is. */
export interface WritePayload extends Record<string, unknown> {
  automation: string;
  chain: string[];
  depth: number;
  actor: string | null;
  object: string;
  values: RecordData;
  /** The record to update; absent for create_record. */
  id?: string;
}

export async function queuedJobs(src: RunSource, actions: readonly CompiledAction[]): Promise<JobInput[]> {
  const jobs: JobInput[] = [];
  for (const action of actions) {
    const job = await jobOf(src, action);
    if (job) jobs.push({ actionIndex: action.index, ...job });
  }
  return jobs;
}

const valueAt = (src: RunSource, path: readonly string[]): unknown =>
  path.length > 1 && src.follow ? src.follow(src.record, path) : (src.record[path[0] as string] ?? null);

async function jobOf(
  src: RunSource,
  action: CompiledAction,
): Promise<Omit<JobInput, 'actionIndex'> | undefined> {
  const write = (object: string, values: RecordData, id?: string) => {
    const payload: WritePayload = {
      automation: src.automation.apiName,
      chain: [...src.chain],
      depth: src.depth,
      actor: src.actor,
      object,
      values,
      ...(id ? { id } : {}),
    };
    return { type: id ? 'update_record' : 'create_record', payload };
  };
  switch (action.type) {
    case 'create_record':
      return write(action.object, setValues(action.set, src.context));
    case 'update_record':
    case 'assign': {
      if (action.type === 'update_record' && action.path) {
        const id = valueAt(src, action.path);
        if (typeof id !== 'string' || !action.target) return undefined;
        return write(action.target, setValues(action.set, src.context), id);
      }
      // A time trigger's change to the record itself: through the queue, as there is no write to join.
      const values = await actionValues(src, src.automation, action, src.context, src.record, src.follow);
      return Object.keys(values).length
        ? write(src.object.apiName, values, String(src.record.id))
        : undefined;
    }
    case 'notify': {
      const recipients = await recipientIds(src.trx, action.to, src.record, src.follow);
      if (!recipients.length) return undefined;
      const merge = (path: readonly string[]) => display(valueAt(src, path));
      return {
        type: 'notify',
        payload: {
          automation: src.automation.apiName,
          object: src.object.apiName,
          recordId: String(src.record.id),
          recipients,
          // Without a title of its own, a notification is titled by its automation's label.
          title: action.title ? renderTemplate(action.title, merge) : src.automation.document.label,
          message: renderTemplate(action.message, merge),
        },
      };
    }
    case 'webhook':
      return {
        type: 'webhook',
        payload: {
          url: action.url,
          secret: action.secret,
          body: webhookBody(
            src.trigger,
            src.object.apiName,
            src.stored,
            src.previous,
            src.automation.apiName,
            src.occurredAt,
          ),
        },
      };
  }
}

/** A merged value as text: blank for none, lists joined. */
function display(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(display).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
