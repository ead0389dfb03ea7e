/**
 * Metadata changes as the studio makes them: first asked with `?dryRun=true`, so the admin sees the migration
 * plan, then applied. A refusal keeps the server's entries, to be shown where they belong.
 */
import type { ValueChange } from '@tessera/engine/diff-values';
import { api } from '../api/client.js';
import { metadataChanged } from '../api/use-api.js';

export interface PlanStep {
  kind: string;
  description: string;
}

export interface Change {
  method: string;
  path: string;
  body?: unknown;
  /** What the change does, in the UI language, for changes with no migration steps (a rule's, say). */
  summary?: string;
  /** The document's values the change alters, each with what it was and what it becomes. */
  diff?: ValueChange[];
  /** How the change is sent when not by `method` and `path` (a typed client's call): a dry run, or for real. */
  send?: (dryRun: boolean) => Promise<Answer>;
}

export interface Answer {
  data: unknown;
  meta: { version: number; applied: boolean; plan: PlanStep[] };
}

const withQuery = (path: string, query: string) => `${path}${path.includes('?') ? '&' : '?'}${query}`;

export const planOf = async (change: Change): Promise<PlanStep[]> =>
  (change.send
    ? await change.send(true)
    : await api<Answer>(change.method, withQuery(change.path, 'dryRun=true'), change.body)
  ).meta.plan;

export async function apply(change: Change): Promise<Answer['meta']> {
  const answer = change.send
    ? await change.send(false)
    : await api<Answer>(change.method, change.path, change.body);
  metadataChanged();
  return answer.meta;
}
