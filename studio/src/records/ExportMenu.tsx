/**
 * Export on a list: the records the list shows — its filter, sort and columns, every page — as a CSV file or an
 * Excel workbook. The browser downloads the server's stream straight to disk; the page never holds the file.
 */
import type { ExportQuery } from '@tessera/client';
import { tessera } from '../api/tessera.js';
import { useI18n } from '../i18n/i18n.js';

interface Props {
  object: string;
  /** The list's query as it stands (without the format). */
  query: Omit<ExportQuery, 'format'>;
}

const FORMATS = ['csv', 'xlsx'] as const;

export function ExportMenu({ object, query }: Props) {
  const { t } = useI18n();
  return (
    <details className="export-menu">
      <summary className="button">{t('list.export')}</summary>
      <div className="export-choices">
        <p className="hint">{t('export.hint')}</p>
        {FORMATS.map((format) => (
          <a
            key={format}
            href={tessera.exports.url(object, { ...query, format })}
            download={`${object}.${format}`}
            data-format={format}
          >
            {t(`export.${format}`)}
          </a>
        ))}
      </div>
    </details>
  );
}
