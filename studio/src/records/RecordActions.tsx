/**
 * A record page's actions: Edit, Follow / Unfollow, and a menu of the rest — Clone (a new record's form with
 * this one's values), Change owner, Delete (asked once more in a dialog). Each is offered only to whoever the
 * describe answer says may do it; a refusal from the server shows in the dialog that asked.
 */
import { Bell, BellOff, Copy, Ellipsis, Pencil, Trash2, UserRoundCog } from 'lucide-react';
import { useState } from 'react';
import { Refusal } from '../admin/Refusal.js';
import { ApiError, api } from '../api/client.js';
import { tessera } from '../api/tessera.js';
import type { ObjectDescription, RecordData } from '../api/types.js';
import { useLoad } from '../api/use-api.js';
import { navigate } from '../app/router.js';
import { useI18n } from '../i18n/i18n.js';
import { Button, ConfirmDialog, Dialog, IconButton, Menu, MenuItem } from '../ui/index.js';
import { EDITABLE } from './FieldInput.js';
import { UserPicker } from './users.js';

interface Props {
  description: ObjectDescription;
  record: RecordData;
  /** The record as people call it. */
  name: string;
  /** After the owner changed: the page reads the record again. */
  onChanged(): void;
}

/** The values a clone starts with: every field a form may write, as the record has it. */
export function cloneValues(description: ObjectDescription, record: RecordData): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(description.document.properties)
      .filter(([name, prop]) => EDITABLE(prop) && record[name] !== undefined && record[name] !== null)
      .map(([name]) => [name, record[name]]),
  );
}

export function RecordActions({ description, record, name, onChanged }: Props) {
  const { t } = useI18n();
  const object = description.apiName;
  const [dialog, setDialog] = useState<'delete' | 'owner' | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const [owner, setOwner] = useState<string | null>(null);
  const following = useLoad(() => tessera.me.listed('follow', object, record.id), [object, record.id]);
  const [followed, setFollowed] = useState<boolean | undefined>(undefined);
  const isFollowing = followed ?? following.data ?? false;
  const { create, edit } = description.permissions;

  function open(which: 'delete' | 'owner') {
    setRefusal(null);
    setOwner(null);
    setDialog(which);
  }

  /** Runs a change; a refusal stays in the dialog, success closes it. */
  async function attempt(change: () => Promise<unknown>, after: () => void) {
    setBusy(true);
    setRefusal(null);
    try {
      await change();
      setDialog(null);
      after();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setRefusal(error);
    } finally {
      setBusy(false);
    }
  }

  async function toggleFollow() {
    const next = !isFollowing;
    if (next) await tessera.me.add('follow', object, record.id);
    else await tessera.me.remove('follow', object, record.id);
    setFollowed(next);
  }

  return (
    <>
      {edit && (
        <Button
          variant="primary"
          icon={Pencil}
          onClick={() => navigate({ page: 'edit', object, id: record.id })}
        >
          {t('record.edit')}
        </Button>
      )}
      {following.data !== undefined && (
        <Button icon={isFollowing ? BellOff : Bell} aria-pressed={isFollowing} onClick={toggleFollow}>
          {isFollowing ? t('record.unfollow') : t('record.follow')}
        </Button>
      )}
      {(create || edit || description.permissions.delete) && (
        <Menu trigger={<IconButton icon={Ellipsis} label={t('record.more')} variant="secondary" />}>
          {create && (
            <MenuItem
              icon={Copy}
              onSelect={() =>
                navigate({ page: 'create', object }, false, { prefill: cloneValues(description, record) })
              }
            >
              {t('record.clone')}
            </MenuItem>
          )}
          {edit && (
            <MenuItem icon={UserRoundCog} onSelect={() => open('owner')}>
              {t('record.changeOwner')}
            </MenuItem>
          )}
          {description.permissions.delete && (
            <MenuItem icon={Trash2} danger onSelect={() => open('delete')}>
              {t('record.delete')}
            </MenuItem>
          )}
        </Menu>
      )}
      <ConfirmDialog
        open={dialog === 'delete'}
        onOpenChange={(o) => setDialog(o ? 'delete' : null)}
        title={t('record.delete')}
        description={t('record.deleteConfirm', { name })}
        confirmLabel={t('record.deleteConfirmed')}
        cancelLabel={t('record.cancel')}
        danger
        busy={busy}
        onConfirm={() =>
          attempt(
            () => api('DELETE', `/data/${object}/${record.id}`),
            () => navigate({ page: 'list', object }),
          )
        }
      >
        <Refusal error={refusal} />
      </ConfirmDialog>
      <Dialog
        open={dialog === 'owner'}
        onOpenChange={(o) => setDialog(o ? 'owner' : null)}
        title={t('record.changeOwner')}
        closeLabel={t('ui.close')}
        footer={
          <>
            <Button onClick={() => setDialog(null)}>{t('record.cancel')}</Button>
            <Button
              variant="primary"
              busy={busy}
              disabled={!owner}
              onClick={() =>
                attempt(
                  () => api('POST', `/data/${object}/${record.id}/owner`, { ownerId: owner }),
                  onChanged,
                )
              }
            >
              {t('record.save')}
            </Button>
          </>
        }
      >
        <div className="field">
          <label htmlFor="new-owner">{t('record.newOwner')}</label>
          <UserPicker id="new-owner" value={owner} onChange={(id) => setOwner(id)} />
        </div>
        <Refusal error={refusal} />
      </Dialog>
    </>
  );
}
