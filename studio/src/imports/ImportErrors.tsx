/** The first errors of an import, line by line, and the file of all of them to download. */
import type { ImportJob } from '@tessera/client';
import { tessera } from '../api/tessera.js';
import { useI18n } from '../i18n/i18n.js';

export function ImportErrors({ job }: { job: ImportJob }) {
  const { t } = useI18n();
  return (
    <div className="import-errors">
      <h2>
        {job.failed > job.errors.length
          ? t('import.errorsFirst', { count: job.errors.length })
          : t('import.errors')}
      </h2>
      <div className="table-scroll">
        <table className="fields-table">
          <thead>
            <tr>
              <th>{t('import.line')}</th>
              <th>{t('import.column')}</th>
              <th>{t('import.code')}</th>
              <th>{t('import.message')}</th>
            </tr>
          </thead>
          <tbody>
            {job.errors.map((e) => (
              <tr key={`${e.line}-${e.column}-${e.code}-${e.message}`} data-line={e.line}>
                <td>{e.line}</td>
                <td className="wraps">{e.column ?? e.field ?? ''}</td>
                <td>
                  <code>{e.code}</code>
                </td>
                <td className="wraps">{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <a className="button" href={tessera.imports.errorsUrl(job.id)} download={`${job.object}-errors.csv`}>
        {t('import.errorsFile')}
      </a>
    </div>
  );
}
