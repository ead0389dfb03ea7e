/** The review-then-apply flow of one metadata change, with the server's refusal kept for the form to show. */
import { useState } from 'react';
import { ApiError } from '../api/client.js';
import { apply, type Change, type PlanStep, planOf } from './change.js';

export function useChange(onApplied: (version: number) => void) {
  const [pending, setPending] = useState<{ change: Change; steps: PlanStep[] } | null>(null);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setRefusal(null);
    try {
      await work();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setRefusal(error);
      setPending(null);
    } finally {
      setBusy(false);
    }
  };

  return {
    pending,
    refusal,
    busy,
    review: (change: Change) => run(async () => setPending({ change, steps: await planOf(change) })),
    apply: () =>
      run(async () => {
        if (!pending) return;
        const meta = await apply(pending.change);
        setPending(null);
        onApplied(meta.version);
      }),
    cancel: () => setPending(null),
  };
}

/** One change's review-then-apply state, as PlanReview shows it. */
export type ChangeFlow = ReturnType<typeof useChange>;
