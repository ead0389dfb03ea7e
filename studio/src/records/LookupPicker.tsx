/** A lookup's value chosen by searching the target object's records by name (the data API's `contains`). */
import { useEffect, useState } from 'react';
import { api } from '../api/client.js';
import type { Page } from '../api/types.js';

interface Props {
  id: string;
  target: string;
  nameField: string;
  value: string | null;
  onChange(value: string | null): void;
  invalid: boolean;
}

export function LookupPicker({ id, target, nameField, value, onChange, invalid }: Props) {
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<{ id: string; name: string }[]>([]);
  const [chosen, setChosen] = useState<string>('');

  // The name of the record already chosen, once.
  useEffect(() => {
    if (!value) return setChosen('');
    api<{ data: Record<string, unknown> }>('GET', `/data/${target}/${value}?fields=${nameField}`).then(
      (r) => setChosen(String(r.data[nameField] ?? value)),
      () => setChosen(value),
    );
  }, [value, target, nameField]);

  useEffect(() => {
    const timer = setTimeout(() => {
      const filter = query
        ? `&filter=${encodeURIComponent(JSON.stringify({ [nameField]: { contains: query } }))}`
        : '';
      api<Page>('GET', `/data/${target}?limit=10&fields=${nameField}&sort=${nameField}${filter}`).then(
        (page) => setOptions(page.data.map((r) => ({ id: r.id, name: String(r[nameField] ?? r.id) }))),
        () => setOptions([]),
      );
    }, 200);
    return () => clearTimeout(timer);
  }, [query, target, nameField]);

  return (
    <div className="lookup">
      <input
        id={id}
        type="search"
        aria-invalid={invalid}
        placeholder={chosen || '…'}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {chosen && (
        <button type="button" className="chip" onClick={() => onChange(null)} aria-label="clear">
          {chosen} ×
        </button>
      )}
      {query && (
        <ul className="lookup-options">
          {options.map((o) => (
            <li key={o.id}>
              <button
                type="button"
                onClick={() => {
                  onChange(o.id);
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
