/**
 * The wizard's first step: the file and what to do with its rows, read by the server for its columns and the
 * fields they fill (nothing is imported yet).
 */
import type { ImportPreview } from '@tessera/client';
import { useState } from 'react';
import { Refusal } from '../admin/Refusal.js';
import { ApiError } from '../api/client.js';
import { tessera, viaClient } from '../api/tessera.js';
import type { ObjectDescription } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { importOptions, type WizardOptions } from './import-choices.js';
import { ModeChoice } from './ModeChoice.js';

interface Props {
  description: ObjectDescription;
  options: WizardOptions;
  onOptions(options: WizardOptions): void;
  /** The file chosen before (going back to this step keeps it). */
  file: File | null;
  onRead(file: File, preview: ImportPreview): void;
}

export function UploadStep({ description, options, onOptions, file: chosenBefore, onRead }: Props) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(chosenBefore);
  const [reading, setReading] = useState(false);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const read = async () => {
    if (!file) return;
    setReading(true);
    setRefusal(null);
    try {
      const { object, mode, key } = importOptions(description.apiName, {}, options, false);
      onRead(file, await viaClient(tessera.imports.preview(file, { object, mode, ...(key ? { key } : {}) })));
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
        {/* Back on this step, the browser's file input is empty again, but the file is still in hand. */}
        {file && file === chosenBefore && (
          <p className="hint" data-testid="chosen-file">
            {t('import.chosen', { name: file.name })}
          </p>
        )}
      </div>
      <ModeChoice description={description} options={options} onChange={onOptions} />
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
