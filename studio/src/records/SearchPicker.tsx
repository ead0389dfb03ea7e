/**
 * A value chosen by searching (a lookup's record by name, a user by name or e-mail): the box asks `search` as
 * the user types, the value chosen shows as a chip beside it (its name from `nameOf`, once), and clicking the
 * chip clears it.
 */
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.js';

export interface Choice {
  id: string;
  name: string;
}

export interface SearchPickerProps {
  id?: string | undefined;
  /** The box's accessible name, where no `<label for>` names it. */
  label?: string | undefined;
  value: string | null;
  /** The value chosen (its id and name), or null when cleared. */
  onChange(value: string | null, name?: string): void;
  invalid?: boolean | undefined;
}

interface Sources {
  /** What the box shows while nothing is typed. */
  placeholder: string;
  /** Choices matching what is typed (a few). */
  search(query: string): Promise<Choice[]>;
  /** The name of a value already chosen. */
  nameOf(id: string): Promise<string>;
  /** Something to offer beside the box (a user picker's "Me"). */
  extra?: ReactNode;
}

export function SearchPicker({
  id,
  label,
  value,
  onChange,
  invalid = false,
  placeholder,
  search,
  nameOf,
  extra,
}: SearchPickerProps & Sources) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const list = useRef<HTMLUListElement>(null);
  const [options, setOptions] = useState<Choice[]>([]);
  const [chosen, setChosen] = useState<string>('');
  // The choice just picked from the options: its name is known, so it is not asked for again.
  const picked = useRef<Choice | null>(null);

  // The name of the value already chosen, once.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `nameOf` is made anew each render; the value decides.
  useEffect(() => {
    if (!value) return setChosen('');
    if (picked.current?.id === value) return setChosen(picked.current.name);
    nameOf(value).then(setChosen, () => setChosen(value));
  }, [value]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `search` is made anew each render; the query decides.
  useEffect(() => {
    // Options show only while something is typed: nothing is asked for before.
    if (!query) return setOptions([]);
    // Only the latest search's answer counts (an earlier one may come back later).
    let current = true;
    const timer = setTimeout(() => {
      search(query).then(
        (found) => current && setOptions(found),
        () => current && setOptions([]),
      );
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);

  return (
    <div className="lookup">
      <input
        id={id}
        aria-label={label}
        type="search"
        aria-invalid={invalid}
        // The value chosen is its chip beside the box: the box itself only ever asks for a search.
        placeholder={placeholder}
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
      {extra}
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
