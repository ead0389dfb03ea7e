/**
 * Search as the command menu types: the server's full-text search (`tessera.search`), asked a moment after the
 * last key, and only the newest answer kept (an older, slower one never replaces it).
 */
import type { SearchGroup } from '@tessera/client';
import { useEffect, useState } from 'react';
import { tessera } from '../api/tessera.js';

const QUIET_MS = 150;
const PER_OBJECT = 5;

export interface SearchState {
  groups: SearchGroup[];
  /** A search is on its way for the current words. */
  busy: boolean;
  /** The server refused or failed. */
  failed: boolean;
}

export function useSearch(query: string): SearchState {
  const [state, setState] = useState<SearchState>({ groups: [], busy: false, failed: false });
  useEffect(() => {
    const words = query.trim();
    if (!words) {
      setState({ groups: [], busy: false, failed: false });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, busy: true }));
    const timer = setTimeout(() => {
      tessera.search(words, { limit: PER_OBJECT }).then(
        (groups) => live && setState({ groups, busy: false, failed: false }),
        () => live && setState({ groups: [], busy: false, failed: true }),
      );
    }, QUIET_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);
  return state;
}
