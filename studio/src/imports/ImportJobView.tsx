/**
 * An import job as it runs and once it ended: read again every half second while queued or running (a progress
 * bar, rows per second, Cancel), then its counts, its first errors and the file of all of them. A dry run says
 * what the import would do.
 */
import { type ImportJob, importFinished } from '@tessera/client';
import { type ReactNode, useEffect, useState } from 'react';
import { tessera } from '../api/tessera.js';
import { useI18n } from '../i18n/i18n.js';
import { ImportErrors } from './ImportErrors.js';
import { percentDone } from './import-choices.js';

const POLL_MS = 500;

interface Props {
  id: string;
  /** The buttons under the job: what the user may do next, once it ended. */
  actions(job: ImportJob): ReactNode;
}

/** The job read again until it ends; an error of a read is kept (the job goes on on the server). */
function useJob(id: string): { job: ImportJob | undefined; error: Error | undefined } {
  const [job, setJob] = useState<ImportJob>();
  const [error, setError] = useState<Error>();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let current = true;
    const read = async () => {
      try {
        const now = await tessera.imports.get(id);
        if (!current) return;
        setJob(now);
        setError(undefined);
        if (importFinished(now.status)) return;
      } catch (e) {
        if (current) setError(e as Error);
      }
      if (current) timer = setTimeout(read, POLL_MS);
    };
    read();
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [id]);
  return { job, error };
}

export function ImportJobView({ id, actions }: Props) {
  const { t } = useI18n();
  const { job, error } = useJob(id);
  const [cancelling, setCancelling] = useState(false);
  if (!job)
    return error ? (
      <p className="form-error" role="alert">
        {t('error.generic', { message: error.message })}
      </p>
    ) : null;
  const finished = importFinished(job.status);
  const percent = percentDone(job);
  return (
    <div className="section wizard-step import-job" data-status={job.status} aria-live="polite">
      {!finished && (
        <>
          <p>
            {job.status === 'queued'
              ? t('import.queued')
              : job.dryRun
                ? t('import.checking')
                : t('import.running')}
          </p>
          <progress
            className="import-progress"
            max={100}
            {...(percent === undefined ? {} : { value: percent })}
            aria-label={t('import.running')}
          />
          <p className="muted">
            {job.total === null
              ? t('import.progressUnknown', { processed: job.processed })
              : t('import.progress', { processed: job.processed, total: job.total })}
            {job.rate ? ` · ${t('import.rate', { rate: Math.round(job.rate) })}` : ''}
          </p>
          <div className="actions">
            <button
              type="button"
              disabled={cancelling}
              onClick={async () => {
                setCancelling(true);
                await tessera.imports.cancel(id);
              }}
            >
              {t('import.cancel')}
            </button>
          </div>
        </>
      )}
      {finished && <Summary job={job} />}
      {job.errors.length > 0 && <ImportErrors job={job} />}
      {finished && <div className="actions">{actions(job)}</div>}
    </div>
  );
}

function Summary({ job }: { job: ImportJob }) {
  const { t } = useI18n();
  if (job.dryRun && job.status !== 'cancelled')
    return (
      <div className="import-summary">
        {job.error ? (
          <p className="form-error" role="alert">
            {job.error.message}
          </p>
        ) : (
          <p className="import-outcome">
            <strong>{t('import.checked')}</strong>
          </p>
        )}
        <ul className="import-counts">
          <li>{t('import.wouldCreate', { count: job.created })}</li>
          <li>{t('import.wouldUpdate', { count: job.updated })}</li>
          {job.failed > 0 && <li className="field-error">{t('import.wouldFail', { count: job.failed })}</li>}
        </ul>
        {job.failed > 0 && job.atomic && <p className="hint">{t('import.checkedAtomic')}</p>}
      </div>
    );
  // An all-or-none import that did not succeed wrote nothing (cancelled or failed, its transaction rolled back);
  // one without kept the batches it committed.
  const nothingWritten = job.atomic && job.status !== 'succeeded';
  const outcome =
    job.status === 'succeeded'
      ? t('import.status.succeeded')
      : job.status === 'cancelled'
        ? t('import.status.cancelled')
        : nothingWritten
          ? t('import.status.failed')
          : t('import.status.failedPartial');
  return (
    <div className="import-summary">
      <p className="import-outcome">
        <strong>{outcome}</strong>
        {job.error ? ` ${job.error.message}` : ''}
      </p>
      <ul className="import-counts">
        {!nothingWritten && <li>{t('import.created', { count: job.created })}</li>}
        {!nothingWritten && <li>{t('import.updated', { count: job.updated })}</li>}
        {job.failed > 0 && <li className="field-error">{t('import.failed', { count: job.failed })}</li>}
      </ul>
    </div>
  );
}
