/**
 * The star on a record page: the user's favorites (their `favorite` list on the server, so it follows them to
 * any device), which the Ctrl/⌘-K menu offers before anything is typed, with the recent records.
 */
import { Star } from 'lucide-react';
import { useEffect, useState } from 'react';
import { tessera } from '../api/tessera.js';
import { useI18n } from '../i18n/i18n.js';
import { IconButton } from '../ui/index.js';
import './favorite-star.css';

interface Props {
  object: string;
  id: string;
}

export function FavoriteStar({ object, id }: Props) {
  const { t } = useI18n();
  const [favorite, setFavorite] = useState<boolean | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    setFavorite(undefined);
    tessera.me.listed('favorite', object, id).then(
      (listed) => live && setFavorite(listed),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [object, id]);
  if (favorite === undefined) return null;
  const toggle = async () => {
    setBusy(true);
    try {
      if (favorite) await tessera.me.remove('favorite', object, id);
      else await tessera.me.add('favorite', object, id);
      setFavorite(!favorite);
    } finally {
      setBusy(false);
    }
  };
  return (
    <IconButton
      className="favorite-star"
      icon={Star}
      label={favorite ? t('record.unfavorite') : t('record.favorite')}
      aria-pressed={favorite}
      busy={busy}
      onClick={toggle}
    />
  );
}
