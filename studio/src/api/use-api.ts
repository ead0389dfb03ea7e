/** Loading API data into components: a result, an error, and a way to load again. */
import { useCallback, useEffect, useState } from 'react';
import { api } from './client.js';
import type { ObjectDescription, ObjectSummary } from './types.js';

export interface Loaded<T> {
  data: T | undefined;
  error: Error | undefined;
  reload(): void;
}

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: Error }>({});
  const [round, setRound] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what the load depends on.
  useEffect(() => {
    let current = true;
    load().then(
      (data) => current && setState({ data }),
      (error: Error) => current && setState({ error }),
    );
    return () => {
      current = false;
    };
  }, [...deps, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data: state.data, error: state.error, reload };
}

export const describeAll = () => api<{ data: ObjectSummary[] }>('GET', '/describe').then((r) => r.data);
export const describeObject = (object: string) =>
  api<{ data: ObjectDescription }>('GET', `/describe/${object}`).then((r) => r.data);
