/**
 * User fields as people read and fill them: the user's name (a deactivated one marked so), from the record's
 * `expand` or, for values that come without a record (field history), from `GET /users/lookup?ids=`; and a
 * picker that searches the workspace's active people by name or e-mail.
 */
import { api } from '../api/client.js';
import type { PropertyDocument } from '../api/types.js';
import { useSession } from '../auth/session.js';
import { useI18n } from '../i18n/i18n.js';
import { SearchPicker, type SearchPickerProps } from './SearchPicker.js';

/** A user as others see them (`GET /users/lookup`, an expanded user field). */
export interface UserSummary {
  id: string;
  name: string;
  email: string;
  active: boolean;
}

/** The most ids the lookup names in one request. */
const IDS_PER_REQUEST = 100;

export const isUserField = (prop: PropertyDocument | undefined): boolean =>
  prop?.['x-tessera'].field === 'user';

/** The users these ids name, by id: one request per hundred ids. */
export async function loadUsers(ids: readonly string[]): Promise<ReadonlyMap<string, UserSummary>> {
  const distinct = [...new Set(ids)];
  const found = new Map<string, UserSummary>();
  for (let start = 0; start < distinct.length; start += IDS_PER_REQUEST) {
    const chunk = distinct.slice(start, start + IDS_PER_REQUEST);
    const answer = await api<{ data: UserSummary[] }>('GET', `/users/lookup?ids=${chunk.join(',')}`).catch(
      () => ({ data: [] }),
    );
    for (const user of answer.data) found.set(user.id, user);
  }
  return found;
}

/** A user field's value: the user's name (with their e-mail on hover), or a muted dash when unknown. */
export function UserValue({ id, user }: { id: string; user: UserSummary | null | undefined }) {
  const { t } = useI18n();
  if (!user)
    return (
      <span className="muted" title={id}>
        —
      </span>
    );
  if (!user.active)
    return (
      <span className="muted" title={user.email}>
        {t('userField.inactive', { name: user.name })}
      </span>
    );
  return <span title={user.email}>{user.name}</span>;
}

/** The filter operand that stands for whoever reads the list (`{"owner": {"eq": "me"}}`). */
export const ME = 'me';

/**
 * A user chosen by searching active users by name or e-mail; "Me" picks the signed-in user at once. In a filter
 * (`meAsOperand`) "Me" is the operand `me`, so a saved view means each reader themself.
 */
export function UserPicker({ meAsOperand = false, ...props }: SearchPickerProps & { meAsOperand?: boolean }) {
  const { t } = useI18n();
  const { me } = useSession();
  const self = me?.user ? { id: meAsOperand ? ME : me.user.id, name: me.user.name } : undefined;
  return (
    <SearchPicker
      {...props}
      placeholder={t('userField.placeholder')}
      search={async (query) => {
        const q = encodeURIComponent(query.slice(0, 100));
        const answer = await api<{ data: UserSummary[] }>('GET', `/users/lookup?q=${q}&limit=10`);
        return answer.data.map((u) => ({ id: u.id, name: `${u.name} <${u.email}>` }));
      }}
      nameOf={async (id) => {
        if (id === ME) return t('userField.me');
        const user = (await loadUsers([id])).get(id);
        if (!user) return id;
        return user.active ? user.name : t('userField.inactive', { name: user.name });
      }}
      extra={
        self && props.value !== self.id ? (
          <button
            type="button"
            className="link"
            onClick={() => props.onChange(self.id, meAsOperand ? t('userField.me') : self.name)}
          >
            {t('userField.me')}
          </button>
        ) : null
      }
    />
  );
}
