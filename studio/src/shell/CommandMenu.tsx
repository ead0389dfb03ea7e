/**
 * Ctrl/⌘-K from anywhere (or the header's search button): a command menu over the records of every object the
 * user may read, found by the server's full-text search and grouped by object. Arrows move, Enter opens the
 * record, Esc closes (cmdk on a Radix dialog).
 */
import { Command } from 'cmdk';
import { Search } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { ObjectSummary } from '../api/types.js';
import { navigate } from '../app/router.js';
import { useI18n } from '../i18n/i18n.js';
import { Button } from '../ui/index.js';
import './command-menu.css';
import { useSearch } from './use-search.js';

interface Props {
  objects: readonly ObjectSummary[];
}

export function CommandMenu({ objects }: Props) {
  const { t, label } = useI18n();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const { groups, busy, failed } = useSearch(open ? query : '');
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
  const close = (next: boolean) => {
    setOpen(next);
    if (!next) setQuery('');
  };
  return (
    <>
      <Button
        variant="ghost"
        icon={Search}
        onClick={() => setOpen(true)}
        aria-keyshortcuts="Control+K Meta+K"
      >
        {t('search.open')}
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
          {busy && <Command.Loading>{t('search.searching')}</Command.Loading>}
          {failed && <div className="command-menu__note">{t('search.failed')}</div>}
          {!busy && !failed && query.trim() !== '' && <Command.Empty>{t('search.empty')}</Command.Empty>}
          {!query.trim() && <div className="command-menu__note">{t('search.hint')}</div>}
          {groups.map((group) => (
            <Command.Group key={group.object} heading={plural(group.object)}>
              {group.records.map((hit) => (
                <Command.Item
                  key={hit.id}
                  value={`${group.object}/${hit.id}`}
                  onSelect={() => {
                    close(false);
                    navigate({ page: 'record', object: group.object, id: hit.id });
                  }}
                >
                  <span className="command-menu__name">{hit.name ?? hit.id}</span>
                  {hit.field !== summary(group.object)?.nameField && (
                    <span className="command-menu__snippet">{hit.snippet}</span>
                  )}
                </Command.Item>
              ))}
            </Command.Group>
          ))}
        </Command.List>
      </Command.Dialog>
    </>
  );
}
