/**
 * Ctrl/⌘-K from anywhere (or the header's search button): a command menu over the records of every object the
 * user may read, found by the server's full-text search and grouped by object; before anything is typed, the
 * user's favorites and recent records. Arrows move, Enter opens the record, Esc closes (cmdk on a Radix dialog).
 */
import { Command } from 'cmdk';
import { Search } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { ObjectSummary } from '../api/types.js';
import { navigate } from '../app/router.js';
import { useI18n } from '../i18n/i18n.js';
import { Button } from '../ui/index.js';
import './command-menu.css';
import { useMyRecords } from './use-my-records.js';
import { useSearch } from './use-search.js';

interface Props {
  objects: readonly ObjectSummary[];
}

/** One record the menu offers: its name, and under it what else is worth seeing (a snippet, its object). */
interface Offered {
  object: string;
  id: string;
  name: unknown;
  detail?: string;
}

export function CommandMenu({ objects }: Props) {
  const { t, label } = useI18n();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const typed = query.trim() !== '';
  const { groups, busy, failed } = useSearch(open ? query : '');
  const mine = useMyRecords(open);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() === 'k' && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey) {
        e.preventDefault();
        setOpen((was) => !was);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const summary = (name: string) => objects.find((o) => o.apiName === name);
  const plural = (name: string) => {
    const o = summary(name);
    return o ? label(o.pluralLabel ?? o.label, name) : name;
  };
  const singular = (name: string) => {
    const o = summary(name);
    return o ? label(o.label, name) : name;
  };
  const close = (next: boolean) => {
    setOpen(next);
    if (!next) setQuery('');
  };
  const group = (key: string, heading: string, records: readonly Offered[]) =>
    records.length > 0 && (
      <Command.Group key={key} heading={heading}>
        {records.map((r) => (
          <Command.Item
            key={`${r.object}/${r.id}`}
            value={`${key}/${r.object}/${r.id}`}
            onSelect={() => {
              close(false);
              navigate({ page: 'record', object: r.object, id: r.id });
            }}
          >
            <span className="command-menu__name">{String(r.name ?? r.id)}</span>
            {r.detail && <span className="command-menu__detail">{r.detail}</span>}
          </Command.Item>
        ))}
      </Command.Group>
    );
  const listed = (records: readonly Offered[]) => records.map((r) => ({ ...r, detail: singular(r.object) }));
  return (
    <>
      {/* On a phone the icon alone: the words would crowd the top bar. */}
      <Button
        variant="ghost"
        icon={Search}
        onClick={() => setOpen(true)}
        aria-label={t('search.open')}
        aria-keyshortcuts="Control+K Meta+K"
      >
        <span className="wide-only">{t('search.open')}</span>
      </Button>
      <Command.Dialog
        open={open}
        onOpenChange={close}
        label={t('search.label')}
        shouldFilter={false}
        overlayClassName="ui-overlay"
        contentClassName="command-menu"
      >
        <Command.Input value={query} onValueChange={setQuery} placeholder={t('search.placeholder')} />
        <Command.List>
          {typed && busy && <Command.Loading>{t('search.searching')}</Command.Loading>}
          {typed && failed && <div className="command-menu__note">{t('search.failed')}</div>}
          {typed && !busy && !failed && <Command.Empty>{t('search.empty')}</Command.Empty>}
          {!typed && (
            <>
              <div className="command-menu__note">{t('search.hint')}</div>
              {group('favorite', t('search.favorites'), listed(mine.favorites))}
              {group('recent', t('search.recent'), listed(mine.recent))}
            </>
          )}
          {typed &&
            groups.map((g) =>
              group(
                g.object,
                plural(g.object),
                g.records.map((hit) => ({
                  ...hit,
                  object: g.object,
                  ...(hit.field !== summary(g.object)?.nameField ? { detail: hit.snippet } : {}),
                })),
              ),
            )}
        </Command.List>
      </Command.Dialog>
    </>
  );
}
