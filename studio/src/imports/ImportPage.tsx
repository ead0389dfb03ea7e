/**
 * The import wizard of one object: a file and what to do with its rows (create, update, both) → its columns
 * mapped to fields (as the server suggests) → the options → a dry run that shows what would happen and the first errors → the import, with its progress → the summary
 * and the errors file. The file stays in the page and is sent again for each job the server runs; nothing is
 * written before the last step.
 */
import type { ImportPreview } from '@tessera/client';
import { useState } from 'react';
import { Refusal } from '../admin/Refusal.js';
import { ApiError } from '../api/client.js';
import { tessera, viaClient } from '../api/tessera.js';
import type { ObjectDescription } from '../api/types.js';
import { navigate } from '../app/router.js';
import { useI18n } from '../i18n/i18n.js';
import { ImportJobView } from './ImportJobView.js';
import {
  DEFAULT_OPTIONS,
  importOptions,
  mayImport,
  suggestedMapping,
  type WizardOptions,
} from './import-choices.js';
import { MappingStep } from './MappingStep.js';
import { OptionsStep } from './OptionsStep.js';
import { UploadStep } from './UploadStep.js';

const STEPS = ['upload', 'mapping', 'options', 'check', 'run'] as const;
type Step = (typeof STEPS)[number];

export function ImportPage({ description }: { description: ObjectDescription }) {
  const { t, label } = useI18n();
  const object = description.apiName;
  const [step, setStep] = useState<Step>('upload');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [options, setOptions] = useState<WizardOptions>(DEFAULT_OPTIONS);
  // The job of the check (a dry run) and of the import, once started.
  const [job, setJob] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [refusal, setRefusal] = useState<ApiError | null>(null);

  const start = async (dryRun: boolean) => {
    if (!file) return;
    setStarting(true);
    setRefusal(null);
    try {
      const started = await viaClient(
        tessera.imports.start(file, importOptions(object, mapping, options, dryRun)),
      );
      setJob(started.id);
      setStep(dryRun ? 'check' : 'run');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setRefusal(error);
    } finally {
      setStarting(false);
    }
  };
  const again = () => {
    setFile(null);
    setPreview(null);
    setJob(null);
    setStep('upload');
  };

  return (
    <section className="import-wizard">
      <div className="toolbar">
        <h1>{t('import.title', { object: label(description.pluralLabel ?? description.label, object) })}</h1>
      </div>
      <ol className="wizard-steps" aria-label={t('import.steps')}>
        {STEPS.map((s, i) => (
          <li key={s} aria-current={s === step ? 'step' : undefined}>
            <span className="step-number">{i + 1}</span> {t(`import.step.${s}`)}
          </li>
        ))}
      </ol>
      {step === 'upload' && (
        <UploadStep
          description={description}
          options={options}
          onOptions={setOptions}
          file={file}
          onRead={(chosen, read) => {
            setFile(chosen);
            setPreview(read);
            setMapping(suggestedMapping(read));
            setStep('mapping');
          }}
        />
      )}
      {step === 'mapping' && preview && (
        <MappingStep
          description={description}
          preview={preview}
          mapping={mapping}
          onChange={setMapping}
          onBack={() => setStep('upload')}
          onNext={() => setStep('options')}
        />
      )}
      {step === 'options' && (
        <OptionsStep
          options={options}
          busy={starting}
          onChange={setOptions}
          onBack={() => setStep('mapping')}
          onNext={() => start(true)}
        />
      )}
      <Refusal error={refusal} />
      {step === 'check' && job && (
        <ImportJobView
          key={job}
          id={job}
          actions={(checked) => (
            <>
              <button type="button" onClick={() => setStep('options')}>
                {t('import.back')}
              </button>
              {mayImport(checked) && (
                <button type="button" className="primary" disabled={starting} onClick={() => start(false)}>
                  {checked.failed === 0 ? t('import.start') : t('import.startAnyway')}
                </button>
              )}
            </>
          )}
        />
      )}
      {step === 'run' && job && (
        <ImportJobView
          key={job}
          id={job}
          actions={() => (
            <>
              <button type="button" onClick={again}>
                {t('import.again')}
              </button>
              <button type="button" className="primary" onClick={() => navigate({ page: 'list', object })}>
                {t('import.toList')}
              </button>
            </>
          )}
        />
      )}
    </section>
  );
}
