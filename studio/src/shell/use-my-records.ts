/** The user's favorites and recent records, read each time the command menu opens (they change as they work). */
import type { ListedRecord } from '@tessera/client';
import { useEffect, useState } from 'react';
import { tessera } from '../api/tessera.js';

export interface MyRecords {
  favorites: ListedRecord[];
  recent: ListedRecord[];
}

const NONE: MyRecords = { favorites: [], recent: [] };
/** How many recent records the menu offers. */
const RECENT_SHOWN = 8;

export function useMyRecords(open: boolean): MyRecords {
  const [lists, setLists] = useState<MyRecords>(NONE);
  useEffect(() => {
    if (!open) return;
    let live = true;
    Promise.all([tessera.me.records('favorite'), tessera.me.records('recent')]).then(
      ([favorites, recent]) => live && setLists({ favorites, recent: recent.slice(0, RECENT_SHOWN) }),
      // Without them (a token with no user behind it) the menu still searches.
      () => live && setLists(NONE),
    );
    return () => {
      live = false;
    };
  }, [open]);
  return lists;
}
