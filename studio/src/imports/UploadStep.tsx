/** The wizard's first step: the file, read by the server for its columns (nothing is imported yet). */
import type { ImportPreview } from '@tessera/client';
import { useState } from 'react';
import { Refusal } from '../admin/Refusal.js';
import { ApiError } from '../api/client.js';
import { tessera, viaClient } from '../api/tessera.js';
import { useI18n } from '../i18n/i18n.js';

interface Props {
  object: string;
  /** The file chosen before (going back to this step keeps it). */
  file: File | null;
  onRead(file: File, preview: ImportPreview): void;
}

export function UploadStep({ object, file: chosenBefore, onRead }: Props) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(chosenBefore);
  const [reading, setReading] = useState(false);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const read = async () => {
    if (!file) return;
    setReading(true);
    setRefusal(null);
    try {
      onRead(file, await viaClient(tessera.imports.preview(file, { object })));
    } catch (error) {
      setReading(false);
      if (!(error instanceof ApiError)) throw error;
      setRefusal(error);
    }
  };
  return (
    <div className="section wizard-step">
      <div className="field">
        <label htmlFor="import-file">{t('import.file')}</label>
        <input
          id="import-file"
          type="file"
          accept=".csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby="import-file-hint"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setRefusal(null);
          }}
        />
        <p id="import-file-hint" className="hint">
          {t('import.fileHint')}
        </p>
      </div>
      <Refusal error={refusal} />
      <div className="actions">
        {reading && <span className="muted">{t('import.reading')}</span>}
        <button type="button" className="primary" disabled={!file || reading} onClick={read}>
          {t('import.next')}
        </button>
      </div>
    </div>
  );
}
