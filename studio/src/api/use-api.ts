/** Loading API data into components: a result, an error, and a way to load again. */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { api, metadataGeneration } from './client.js';
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

/**
 * Metadata changed in this tab (an object made, a field, a layout or a list view saved): the side bar and the
 * page's description are read again, without a reload.
 */
let metadataRound = 0;
const metadataListeners = new Set<() => void>();
export function metadataChanged(): void {
  metadataRound++;
  for (const listener of metadataListeners) listener();
}
const onMetadataChange = (listener: () => void) => {
  metadataListeners.add(listener);
  return () => metadataListeners.delete(listener);
};
/** A number that grows with every metadata change made here: a load that depends on it is made again. */
export const useMetadataRound = (): number => useSyncExternalStore(onMetadataChange, () => metadataRound);

export const describeAll = () => api<{ data: ObjectSummary[] }>('GET', '/describe').then((r) => r.data);
export const describeObject = (object: string) =>
  api<{ data: ObjectDescription }>('GET', `/describe/${object}`).then((r) => r.data);

/**
 * Other objects' descriptions a page needs besides its own (a related list's child, a roll-up's summarized
 * object): each asked for once and shared, until the metadata (or the user) changes. One the user may not read
 * is `null`.
 */
const described = new Map<string, Promise<ObjectDescription | null>>();
let describedAt = -1;
export function describeShared(object: string): Promise<ObjectDescription | null> {
  if (describedAt !== metadataGeneration()) {
    described.clear();
    describedAt = metadataGeneration();
  }
  let found = described.get(object);
  if (!found) {
    found = describeObject(object).catch(() => null);
    described.set(object, found);
  }
  return found;
}

/** Several shared descriptions at once, by name (absent while loading, `null` when not readable). */
export function useDescriptions(
  objects: readonly string[],
): Map<string, ObjectDescription | null> | undefined {
  const names = [...new Set(objects)].sort();
  const loaded = useLoad(
    () =>
      Promise.all(names.map((n) => describeShared(n))).then(
        (all) => new Map(names.map((n, i) => [n, all[i] ?? null])),
      ),
    [names.join(',')],
  );
  return loaded.data;
}
