/**
 * A list view as a board: a column per value of a picklist (in the picklist's order, then one for records without
 * a value), a card per record. Dragging a card to another column (or choosing the column from the card's menu,
 * by keyboard) saves that value; a refusal — a validation rule, someone else's change — puts the card back and
 * shows the message.
 */
import {
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { useEffect, useState } from 'react';
import type { ObjectDescription, RecordData } from '../api/types.js';
import { optionLabel } from '../i18n/format.js';
import { useI18n } from '../i18n/i18n.js';
import { FieldValue } from './FieldValue.js';
import { expandedOf, RecordLink } from './lookup.js';
import { editableInPlace, saveField } from './save-field.js';

/** The column of records without a value. */
const NONE = '';

interface Props {
  description: ObjectDescription;
  groupBy: string;
  /** The records to lay out (the list's current page of them). */
  rows: RecordData[];
  /** Fields shown on each card besides the name. */
  fields: string[];
  expand?: string;
  onSaved(record: RecordData): void;
}

export function BoardView({ description, groupBy, rows, fields, expand, onSaved }: Props) {
  const { t, label, locale } = useI18n();
  const prop = description.document.properties[groupBy];
  const movable = editableInPlace(description, groupBy);
  // Cards as shown: a dragged card moves at once and goes back if the save is refused.
  const [placed, setPlaced] = useState(rows);
  useEffect(() => setPlaced(rows), [rows]);
  const [refusal, setRefusal] = useState<string | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor),
  );
  if (!prop) return null;
  const values = [...(prop['x-tessera'].options ?? []).map((o) => o.value), NONE];

  async function move(id: string, to: string) {
    const record = placed.find((r) => r.id === id);
    if (!record || (record[groupBy] ?? NONE) === to) return;
    setRefusal(null);
    setPlaced((now) => now.map((r) => (r.id === id ? { ...r, [groupBy]: to === NONE ? null : to } : r)));
    const result = await saveField(description.apiName, record, groupBy, to === NONE ? null : to, t, expand);
    if ('refused' in result) {
      setPlaced((now) => now.map((r) => (r.id === id ? record : r)));
      setRefusal(result.refused);
    } else onSaved(result.saved);
  }

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (over) move(String(active.id), String(over.id));
  };
  const columnLabel = (value: string) =>
    value === NONE ? t('board.none') : optionLabel(prop, value, locale);

  return (
    <div className="board-view">
      {refusal && (
        <p className="form-error" role="alert">
          {refusal}
        </p>
      )}
      <DndContext sensors={sensors} onDragEnd={onDragEnd}>
        <div className="board-columns">
          {values.map((value) => {
            const cards = placed.filter((r) => (r[groupBy] ?? NONE) === value);
            if (value === NONE && !cards.length) return null;
            return (
              <BoardColumn key={value} value={value} title={columnLabel(value)} count={cards.length}>
                {cards.map((record) => (
                  <BoardCard key={record.id} id={record.id} movable={movable}>
                    <RecordLink object={description.apiName} id={record.id}>
                      {String(record[description.nameField] ?? '') || record.id}
                    </RecordLink>
                    {fields.map((f) =>
                      record[f] === null || record[f] === undefined ? null : (
                        <span key={f} className="board-card__field">
                          <span className="board-card__label">
                            {label(description.document.properties[f]?.['x-tessera'].label, f)}
                          </span>{' '}
                          <FieldValue
                            value={record[f]}
                            prop={description.document.properties[f]}
                            linked={expandedOf(record, f)}
                          />
                        </span>
                      ),
                    )}
                    {movable && (
                      <select
                        className="board-card__move"
                        aria-label={t('board.moveTo', { name: String(record[description.nameField] ?? '') })}
                        value={String(record[groupBy] ?? NONE)}
                        onChange={(e) => move(record.id, e.target.value)}
                      >
                        {values.map((v) => (
                          <option key={v} value={v}>
                            {columnLabel(v)}
                          </option>
                        ))}
                      </select>
                    )}
                  </BoardCard>
                ))}
              </BoardColumn>
            );
          })}
        </div>
      </DndContext>
    </div>
  );
}

function BoardColumn({
  value,
  title,
  count,
  children,
}: {
  value: string;
  title: string;
  count: number;
  children: React.ReactNode;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: value });
  return (
    <section
      ref={setNodeRef}
      className={`board-column${isOver ? ' board-column--over' : ''}`}
      data-value={value}
      aria-label={title}
    >
      <h2 className="board-column__title">
        {title} <span className="board-column__count">{count}</span>
      </h2>
      <div className="board-column__cards">{children}</div>
    </section>
  );
}

function BoardCard({ id, movable, children }: { id: string; movable: boolean; children: React.ReactNode }) {
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({
    id,
    disabled: !movable,
  });
  return (
    <article
      ref={setNodeRef}
      className={`board-card${isDragging ? ' board-card--dragging' : ''}`}
      data-id={id}
      style={transform ? { transform: `translate(${transform.x}px, ${transform.y}px)` } : undefined}
      {...listeners}
      {...attributes}
    >
      {children}
    </article>
  );
}
