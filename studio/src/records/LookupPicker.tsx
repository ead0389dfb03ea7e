/** A lookup's value chosen by searching the target object's records by name (the data API's `contains`). */
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client.js';
import type { Page } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';

interface Props {
  id?: string;
  /** The box's accessible name, where no `<label for>` names it. */
  label?: string;
  target: string;
  nameField: string;
  value: string | null;
  /** The record chosen (its id and name), or null when cleared. */
  onChange(value: string | null, name?: string): void;
  invalid?: boolean;
}

export function LookupPicker({ id, label, target, nameField, value, onChange, invalid = false }: Props) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const list = useRef<HTMLUListElement>(null);
  const [options, setOptions] = useState<{ id: string; name: string }[]>([]);
  const [chosen, setChosen] = useState<string>('');
  // The record just picked from the options: its name is known, so it is not asked for again.
  const picked = useRef<{ id: string; name: string } | null>(null);

  // The name of the record already chosen, once.
  useEffect(() => {
    if (!value) return setChosen('');
    if (picked.current?.id === value) return setChosen(picked.current.name);
    api<{ data: Record<string, unknown> }>('GET', `/data/${target}/${value}?fields=${nameField}`).then(
      (r) => setChosen(String(r.data[nameField] ?? value)),
      () => setChosen(value),
    );
  }, [value, target, nameField]);

  useEffect(() => {
    // Options show only while something is typed: nothing is asked for before.
    if (!query) return setOptions([]);
    // Only the latest search's answer counts (an earlier one may come back later).
    let current = true;
    const timer = setTimeout(() => {
      const filter = `&filter=${encodeURIComponent(JSON.stringify({ [nameField]: { contains: query } }))}`;
      api<Page>('GET', `/data/${target}?limit=10&fields=${nameField}&sort=${nameField}${filter}`).then(
        (page) =>
          current && setOptions(page.data.map((r) => ({ id: r.id, name: String(r[nameField] ?? r.id) }))),
        () => current && setOptions([]),
      );
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, target, nameField]);

  return (
    <div className="lookup">
      <input
        id={id}
        aria-label={label}
        type="search"
        aria-invalid={invalid}
        // The record chosen is its chip beside the box: the box itself only ever asks for a search.
        placeholder={t('lookup.placeholder')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          // Down goes into the results (then Tab/Shift+Tab and Enter); Escape gives up the search.
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            list.current?.querySelector('button')?.focus();
          } else if (e.key === 'Escape') setQuery('');
        }}
      />
      {chosen && (
        <button
          type="button"
          className="chip"
          onClick={() => onChange(null)}
          aria-label={t('lookup.clear', { name: chosen })}
        >
          {chosen} ×
        </button>
      )}
      {query && (
        <ul className="lookup-options" ref={list}>
          {options.map((o) => (
            <li key={o.id}>
              <button
                type="button"
                onClick={() => {
                  picked.current = o;
                  onChange(o.id, o.name);
                  setQuery('');
                }}
              >
                {o.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
