/** A lookup's value chosen by searching the target object's records by name (the data API's `contains`). */
import { api } from '../api/client.js';
import type { Page } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { SearchPicker, type SearchPickerProps } from './SearchPicker.js';

interface Props extends SearchPickerProps {
  target: string;
  nameField: string;
}

export function LookupPicker({ target, nameField, ...props }: Props) {
  const { t } = useI18n();
  return (
    <SearchPicker
      {...props}
      placeholder={t('lookup.placeholder')}
      search={async (query) => {
        const filter = encodeURIComponent(JSON.stringify({ [nameField]: { contains: query } }));
        const page = await api<Page>(
          'GET',
          `/data/${target}?limit=10&fields=${nameField}&sort=${nameField}&filter=${filter}`,
        );
        return page.data.map((r) => ({ id: r.id, name: String(r[nameField] ?? r.id) }));
      }}
      nameOf={async (id) => {
        const r = await api<{ data: Record<string, unknown> }>(
          'GET',
          `/data/${target}/${id}?fields=${nameField}`,
        );
        return String(r.data[nameField] ?? id);
      }}
    />
  );
}
