/**
 * A picklist's values in the field editor: a table (value, English and Chinese labels, colour) whose rows are
 * added, removed and put in order — dragged by their handle with a pointer or the keyboard (@dnd-kit: focus the
 * handle, space to lift, arrows to move, space to drop), or moved a place up or down with their buttons.
 */
import { closestCenter, DndContext, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { dragAccessibility, useDragSensors } from './drag-and-drop.js';
import type { PicklistValue } from './field-document.js';
import { moved, without } from './reorder.js';

interface Props {
  values: PicklistValue[];
  onChange(values: PicklistValue[]): void;
}

const rowId = (key: number) => `value:${key}`;
/** The texts a value has, each its own column: the value itself and its label in each language. */
const TEXTS = [
  ['value', 'admin.value'],
  ['en', 'admin.labelEn'],
  ['zh', 'admin.labelZh'],
] as const satisfies readonly (readonly [keyof PicklistValue, MessageKey])[];

export function PicklistValues({ values, onChange }: Props) {
  const { t } = useI18n();
  // Each row keeps its key while it moves, so its inputs (and the focus in them) move with it.
  const [keys, setKeys] = useState(() => values.map((_, i) => i));
  const nextKey = useRef(values.length);
  const rows = keys.length === values.length ? keys : values.map((_, i) => i);
  const sensors = useDragSensors();
  const change = (nextValues: PicklistValue[], nextKeys: number[]) => {
    setKeys(nextKeys);
    onChange(nextValues);
  };
  const move = (from: number, to: number) => change(moved(values, from, to), moved(rows, from, to));
  const remove = (i: number) => change(without(values, i), without(rows, i));
  const edit = (i: number, patch: Partial<PicklistValue>) =>
    onChange(values.map((v, j) => (j === i ? { ...v, ...patch } : v)));
  const spoken = (id: string | number) => {
    const v = values[rows.indexOf(Number(String(id).slice('value:'.length)))];
    return v?.value || v?.en || String(id);
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over) return;
    const index = (id: string | number) => rows.indexOf(Number(String(id).slice('value:'.length)));
    move(index(active.id), index(over.id));
  };

  return (
    <fieldset className="values">
      <legend>{t('admin.values')}</legend>
      <DndContext
        sensors={sensors}
        collisionDetection={closestCenter}
        onDragEnd={onDragEnd}
        accessibility={dragAccessibility(t, 'dnd.valueInstructions', spoken)}
      >
        {values.length > 0 && (
          <table className="values-table">
            <thead>
              <tr>
                <th />
                {TEXTS.map(([answer, heading]) => (
                  <th key={answer}>{t(heading)}</th>
                ))}
                <th>{t('admin.colour')}</th>
                <th />
              </tr>
            </thead>
            <SortableContext items={rows.map(rowId)} strategy={verticalListSortingStrategy}>
              <tbody>
                {values.map((v, i) => (
                  <ValueRow
                    key={rows[i]}
                    id={rowId(rows[i] as number)}
                    value={v}
                    first={i === 0}
                    last={i === values.length - 1}
                    onEdit={(patch) => edit(i, patch)}
                    onMove={(by) => move(i, i + by)}
                    onRemove={() => remove(i)}
                  />
                ))}
              </tbody>
            </SortableContext>
          </table>
        )}
      </DndContext>
      <button
        type="button"
        onClick={() => change([...values, { value: '', en: '', zh: '' }], [...rows, nextKey.current++])}
      >
        {t('admin.addValue')}
      </button>
    </fieldset>
  );
}

interface RowProps {
  id: string;
  value: PicklistValue;
  first: boolean;
  last: boolean;
  onEdit(patch: Partial<PicklistValue>): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
}

function ValueRow({ id, value: v, first, last, onEdit, onMove, onRemove }: RowProps) {
  const { t } = useI18n();
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id });
  const named = { value: v.value || v.en || '—' };
  return (
    <tr
      ref={setNodeRef}
      className={isDragging ? 'value-row dragging' : 'value-row'}
      data-value={v.value}
      style={{ transform: CSS.Translate.toString(transform), transition }}
    >
      <td>
        <button
          type="button"
          className="handle"
          aria-label={t('admin.dragValue', named)}
          {...attributes}
          {...listeners}
        >
          ⠿
        </button>
      </td>
      {TEXTS.map(([answer, heading]) => (
        <td key={answer}>
          <input
            aria-label={t(heading)}
            value={v[answer]}
            onChange={(e) => onEdit({ [answer]: e.target.value })}
          />
        </td>
      ))}
      <td>
        <input
          aria-label={t('admin.colour')}
          type="color"
          value={v.color ?? '#2457d6'}
          onChange={(e) => onEdit({ color: e.target.value })}
        />
      </td>
      <td className="row-actions">
        <button
          type="button"
          aria-label={t('admin.valueMoveUp', named)}
          disabled={first}
          onClick={() => onMove(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          aria-label={t('admin.valueMoveDown', named)}
          disabled={last}
          onClick={() => onMove(1)}
        >
          ↓
        </button>
        <button type="button" aria-label={t('admin.removeValue', named)} onClick={onRemove}>
          ×
        </button>
      </td>
    </tr>
  );
}
