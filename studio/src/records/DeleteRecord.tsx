/**
 * Delete on a record page, for whoever may delete the object's records (the describe answer says): asked once
 * more in place, then the record is deleted and the list shown. A refusal (a record of someone else's, a parent
 * that others still need) is shown where the question was.
 */
import { useState } from 'react';
import { Refusal } from '../admin/Refusal.js';
import { ApiError, api } from '../api/client.js';
import { navigate } from '../app/router.js';
import { useI18n } from '../i18n/i18n.js';

interface Props {
  object: string;
  id: string;
  /** The record as people call it, for the question. */
  name: string;
}

export function DeleteRecord({ object, id, name }: Props) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<ApiError | null>(null);

  async function remove() {
    setBusy(true);
    setRefusal(null);
    try {
      await api('DELETE', `/data/${object}/${id}`);
      navigate({ page: 'list', object });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setRefusal(error);
      setAsking(false);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" className="danger" onClick={() => setAsking(true)} disabled={asking}>
        {t('record.delete')}
      </button>
      {asking && (
        <div className="confirm" role="alertdialog" aria-labelledby="confirm-delete">
          <p id="confirm-delete">{t('record.deleteConfirm', { name })}</p>
          <button type="button" className="danger" onClick={remove} disabled={busy}>
            {t('record.deleteConfirmed')}
          </button>
          <button type="button" onClick={() => setAsking(false)} disabled={busy}>
            {t('record.cancel')}
          </button>
        </div>
      )}
      <Refusal error={refusal} />
    </>
  );
}
