/**
 * The body of a webhook delivery (docs/automation.md, Webhooks), built when the run is recorded so it says what
 * the write did, whenever it is delivered; the queue adds the delivery id. Time-triggered runs send the record
 * as it was when they fired, as event `record.scheduled`, with no previous record.
 */

import type { RunTrigger } from '../queue/queue-tables.js';
import type { RecordData } from '../records/record-api.js';

const EVENTS: Record<RunTrigger, string> = {
  create: 'record.created',
  update: 'record.updated',
  delete: 'record.deleted',
  schedule: 'record.scheduled',
  relative: 'record.scheduled',
};

export function webhookBody(
  trigger: RunTrigger,
  object: string,
  record: RecordData | null,
  previous: RecordData | null,
  automation: string,
  occurredAt: string,
) {
  return { event: EVENTS[trigger], object, record, previous, automation, occurredAt };
}
