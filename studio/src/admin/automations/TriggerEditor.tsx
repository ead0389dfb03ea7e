/**
 * What starts an automation: a record's create, update or delete (only when some fields change, only when a
 * condition holds), a schedule (cron in a time zone, over the records a filter matches), or a time relative to a
 * date field of each record.
 */
import { useRef } from 'react';
import type { ObjectDescription } from '../../api/types.js';
import { choiceText } from '../../i18n/choices.js';
import { useI18n } from '../../i18n/i18n.js';
import {
  type AutomationTrigger,
  RECORD_EVENTS,
  type RecordEvent,
  TRIGGER_KINDS,
  triggerKind,
  withTriggerKind,
} from './automation-document.js';
import { ErrorsAt, FormulaField } from './FormulaField.js';
import { dateFields } from './field-choices.js';
import { JsonField } from './JsonField.js';
import type { DraftCheck } from './use-draft-check.js';

interface Props {
  trigger: AutomationTrigger;
  onChange(trigger: AutomationTrigger): void;
  description: ObjectDescription | undefined;
  check: DraftCheck;
}

const TIME_ZONES: readonly string[] =
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

export function TriggerEditor({ trigger, onChange, description, check }: Props) {
  const { t, label } = useI18n();
  const kind = triggerKind(trigger);
  // The condition last typed, kept while a schedule (which has none) is chosen.
  const lastWhen = useRef('');
  if ('when' in trigger && trigger.when) lastWhen.current = trigger.when;
  const props = description?.document.properties ?? {};
  const fieldChoice = (name: string) => choiceText(t, label(props[name]?.['x-tessera'].label, name), name);
  return (
    <fieldset className="section trigger-editor">
      <legend>{t('auto.trigger')}</legend>
      <div className="choice-row" role="radiogroup" aria-label={t('auto.triggerKind')}>
        {TRIGGER_KINDS.map((k) => (
          <label key={k}>
            <input
              type="radio"
              name="trigger-kind"
              value={k}
              checked={kind === k}
              onChange={() => onChange(withTriggerKind(trigger, k, lastWhen.current))}
            />{' '}
            {t(`auto.triggerKind.${k}`)}
          </label>
        ))}
      </div>
      {'on' in trigger && (
        <>
          <fieldset className="choice-row plain">
            <legend className="inline-legend">{t('auto.on')}</legend>
            {RECORD_EVENTS.map((event) => (
              <label key={event}>
                <input
                  type="checkbox"
                  checked={trigger.on.includes(event)}
                  onChange={(e) =>
                    onChange({
                      ...trigger,
                      on: toggled(trigger.on, event, e.target.checked, RECORD_EVENTS),
                    })
                  }
                />{' '}
                {t(`auto.on.${event}`)}
              </label>
            ))}
          </fieldset>
          <ErrorsAt check={check} pointer="/trigger/on" />
          {trigger.on.includes('update') && (
            <fieldset className="changed-fields">
              <legend>{t('auto.changedFields')}</legend>
              <p className="hint">{t('auto.changedFieldsHint')}</p>
              <div className="choice-grid">
                {Object.keys(props).map((name) => (
                  <label key={name}>
                    <input
                      type="checkbox"
                      checked={trigger.changedFields?.includes(name) ?? false}
                      onChange={(e) =>
                        onChange({
                          ...trigger,
                          changedFields: toggled(
                            trigger.changedFields ?? [],
                            name,
                            e.target.checked,
                            Object.keys(props),
                          ),
                        })
                      }
                    />{' '}
                    {fieldChoice(name)}
                  </label>
                ))}
              </div>
              <ErrorsAt check={check} pointer="/trigger/changedFields" />
            </fieldset>
          )}
        </>
      )}
      {'schedule' in trigger && (
        <div className="grid">
          <div>
            <label htmlFor="auto-cron">{t('auto.cron')}</label>
            <input
              id="auto-cron"
              value={trigger.schedule.cron}
              spellCheck={false}
              onChange={(e) =>
                onChange({ ...trigger, schedule: { ...trigger.schedule, cron: e.target.value } })
              }
            />
            <p className="hint">{t('auto.cronHint')}</p>
            <ErrorsAt check={check} pointer="/trigger/schedule/cron" />
          </div>
          <div>
            <label htmlFor="auto-zone">{t('auto.timeZone')}</label>
            <input
              id="auto-zone"
              list="auto-zones"
              value={trigger.schedule.timeZone}
              onChange={(e) =>
                onChange({ ...trigger, schedule: { ...trigger.schedule, timeZone: e.target.value } })
              }
            />
            <datalist id="auto-zones">
              {TIME_ZONES.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
            <ErrorsAt check={check} pointer="/trigger/schedule/timeZone" />
          </div>
          <JsonField
            id="auto-filter"
            label={t('auto.filter')}
            hint={t('auto.filterHint')}
            value={trigger.filter}
            onChange={(filter) => {
              const { filter: _, ...rest } = trigger;
              onChange(filter === undefined ? rest : { ...rest, filter });
            }}
          />
          <ErrorsAt check={check} pointer="/trigger/filter" />
        </div>
      )}
      {'relative' in trigger && (
        <div className="grid">
          <div>
            <label htmlFor="auto-relative-field">{t('auto.relativeField')}</label>
            <select
              id="auto-relative-field"
              value={trigger.relative.field}
              onChange={(e) =>
                onChange({ ...trigger, relative: { ...trigger.relative, field: e.target.value } })
              }
            >
              <option value="">{t('field.choose')}</option>
              {dateFields(props).map((name) => (
                <option key={name} value={name}>
                  {fieldChoice(name)}
                </option>
              ))}
            </select>
            <ErrorsAt check={check} pointer="/trigger/relative/field" />
          </div>
          <div>
            <label htmlFor="auto-offset">{t('auto.offset')}</label>
            <input
              id="auto-offset"
              value={trigger.relative.offset}
              spellCheck={false}
              onChange={(e) =>
                onChange({ ...trigger, relative: { ...trigger.relative, offset: e.target.value } })
              }
            />
            <p className="hint">{t('auto.offsetHint')}</p>
            <ErrorsAt check={check} pointer="/trigger/relative/offset" />
          </div>
        </div>
      )}
      {!('schedule' in trigger) && (
        <FormulaField
          id="auto-when"
          label={t('auto.when')}
          hint={t('auto.whenHint')}
          value={trigger.when ?? ''}
          onChange={(when) => onChange({ ...trigger, when })}
          pointer="/trigger/when"
          check={check}
        />
      )}
    </fieldset>
  );
}

/** `list` with `item` in or out, in the order of `all`. */
function toggled<T extends string>(list: readonly T[], item: T, on: boolean, all: readonly T[]): T[] {
  const set = new Set(list);
  if (on) set.add(item);
  else set.delete(item);
  return all.filter((x) => set.has(x));
}

export type { RecordEvent };
