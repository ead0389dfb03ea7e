/**
 * The draft checked by the server as it is typed: a dry run of its document (`PUT ?dryRun=true`), whose refusal
 * names each problem by JSON pointer, so a formula's error is shown under that formula. The newest answer wins.
 */
import { useEffect, useState } from 'react';
import { ApiError, type ProblemEntry } from '../../api/client.js';
import { tessera, viaClient } from '../../api/tessera.js';
import { type AutomationDocument, checkDocument } from './automation-document.js';

export type DraftCheck = { state: 'checking' } | { state: 'checked'; errors: ProblemEntry[] };

export const automations = () => tessera.metadata<AutomationDocument>('automations');

export function useDraftCheck(draft: AutomationDocument, delayMs = 400): DraftCheck {
  const [check, setCheck] = useState<DraftCheck>({ state: 'checking' });
  const body = JSON.stringify(checkDocument(draft));
  useEffect(() => {
    let live = true;
    setCheck({ state: 'checking' });
    const timer = setTimeout(() => {
      viaClient(automations().put(JSON.parse(body), { dryRun: true })).then(
        () => live && setCheck({ state: 'checked', errors: [] }),
        (e: unknown) => {
          if (!live) return;
          setCheck({ state: 'checked', errors: e instanceof ApiError ? e.errors : [] });
        },
      );
    }, delayMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [body, delayMs]);
  return check;
}

/** The messages of the problems at a pointer (or inside it, with `inside`). */
export const errorsAt = (errors: readonly ProblemEntry[], pointer: string, inside = false): string[] =>
  errors
    .filter((e) => e.pointer === pointer || (inside && e.pointer.startsWith(`${pointer}/`)))
    .map((e) => e.message);
