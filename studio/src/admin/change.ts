/**
 * Metadata changes as the studio makes them: first asked with `?dryRun=true`, so the admin sees the migration
 * plan, then applied. A refusal keeps the server's entries, to be shown where they belong.
 */
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
}

interface Answer {
  data: unknown;
  meta: { version: number; applied: boolean; plan: PlanStep[] };
}

const withQuery = (path: string, query: string) => `${path}${path.includes('?') ? '&' : '?'}${query}`;

export const planOf = async (change: Change): Promise<PlanStep[]> =>
  (await api<Answer>(change.method, withQuery(change.path, 'dryRun=true'), change.body)).meta.plan;

export async function apply(change: Change): Promise<Answer['meta']> {
  const answer = await api<Answer>(change.method, change.path, change.body);
  metadataChanged();
  return answer.meta;
}
