/**
 * The draft checked by the server as it is typed: a dry run of its document (`PUT ?dryRun=true`), whose refusal
 * names each problem by JSON pointer, so a formula's error is shown under that formula. The newest answer wins.
 */
import { useEffect, useState } from 'react';
import { ApiError, type ProblemEntry } from '../../api/client.js';
import { automations, viaClient } from '../../api/tessera.js';
import { type AutomationDocument, checkDocument, draftPointer } from './automation-document.js';

export type DraftCheck = { state: 'checking' } | { state: 'checked'; errors: ProblemEntry[] };

export function useDraftCheck(draft: AutomationDocument, delayMs = 400): DraftCheck {
  const [check, setCheck] = useState<DraftCheck>({ state: 'checking' });
  const body = JSON.stringify(checkDocument(draft));
  useEffect(() => {
    let live = true;
    setCheck({ state: 'checking' });
    const { doc, places } = JSON.parse(body) as ReturnType<typeof checkDocument>;
    const timer = setTimeout(() => {
      viaClient(automations().put(doc, { dryRun: true })).then(
        () => live && setCheck({ state: 'checked', errors: [] }),
        (e: unknown) => {
          if (!live) return;
          const errors = e instanceof ApiError ? e.errors : [];
          setCheck({
            state: 'checked',
            errors: errors.flatMap((x) => {
              const pointer = draftPointer(inDocument(x.pointer, doc.apiName), places);
              return pointer === undefined ? [] : [{ ...x, pointer }];
            }),
          });
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

/** A problem's pointer in the deployed set (`/automation:<name>/trigger/when`) as one in the document. */
export const inDocument = (pointer: string, name: string): string => {
  const prefix = `/automation:${name}`;
  return pointer === prefix ? '' : pointer.startsWith(`${prefix}/`) ? pointer.slice(prefix.length) : pointer;
};

/** The messages of the problems at a pointer (or inside it, with `inside`). */
export const errorsAt = (errors: readonly ProblemEntry[], pointer: string, inside = false): string[] =>
  errors
    .filter((e) => e.pointer === pointer || (inside && e.pointer.startsWith(`${pointer}/`)))
    .map((e) => e.message);
