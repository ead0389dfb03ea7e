/** A trigger in one line of the UI language, for the list of automations. */
import type { MessageKey } from '../../i18n/messages.js';
import type { MessageValues } from '../../i18n/translate.js';
import type { AutomationTrigger } from './automation-document.js';

type Translate = (key: MessageKey, values?: MessageValues) => string;

export function triggerSummary(
  t: Translate,
  trigger: AutomationTrigger,
  list: (items: string[]) => string,
): string {
  if ('schedule' in trigger)
    return t('auto.summary.schedule', { cron: trigger.schedule.cron, zone: trigger.schedule.timeZone });
  if ('relative' in trigger)
    return t('auto.summary.relative', { offset: trigger.relative.offset, field: trigger.relative.field });
  const events = list(trigger.on.map((e) => t(`auto.event.${e}`)));
  return trigger.when
    ? t('auto.summary.onIf', { events, when: trigger.when })
    : t('auto.summary.on', { events });
}
