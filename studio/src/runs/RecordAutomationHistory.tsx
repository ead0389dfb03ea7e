/**
 * A record page's automation history: the runs on this record the user may see (the server answers only those),
 * newest first. Not shown where the server keeps no run history.
 */
import { useState } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { RunList } from './RunList.js';

export function RecordAutomationHistory({ object, id }: { object: string; id: string }) {
  const { t } = useI18n();
  const [available, setAvailable] = useState(true);
  if (!available) return null;
  return (
    <section className="section automation-history" aria-labelledby="automation-history-title">
      <h2 id="automation-history-title">{t('runs.recordHistory')}</h2>
      <RunList query={{ object, record: id }} showRecord={false} onUnavailable={() => setAvailable(false)} />
    </section>
  );
}
