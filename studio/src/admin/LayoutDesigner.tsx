/**
 * The layout designer: fields dragged from the palette into sections of 1 to 3 columns, reordered, moved between
 * sections, marked required or read-only; sections added, renamed, reordered and removed. Dragging works with a
 * pointer or the keyboard (@dnd-kit: focus a field, space to lift, arrows to move, space to drop). Beside it,
 * the real generated form with the layout as it stands. Every change goes through layout-edits.ts.
 */
import { DndContext, type DragEndEvent, useDroppable } from '@dnd-kit/core';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { type CSSProperties, type ReactNode, useEffect, useState } from 'react';
import { ApiError, api } from '../api/client.js';
import type { LayoutDocument, LayoutItem, ObjectDescription } from '../api/types.js';
import { describeObject, metadataChanged, useLoad } from '../api/use-api.js';
import { useI18n } from '../i18n/i18n.js';
import { RecordForm } from '../records/RecordForm.js';
import { sectionColumns } from '../records/section-columns.js';
import { dragAccessibility, useDragSensors } from './drag-and-drop.js';
import { LayoutSettings } from './LayoutSettings.js';
import {
  addSection,
  moveSection,
  placeField,
  positionOf,
  removeField,
  removeSection,
  renameSection,
  setColumns,
  startingLayout,
  toggleItem,
  unplaced,
} from './layout-edits.js';
import { Refusal } from './Refusal.js';

const PALETTE = 'palette';
const fieldId = (field: string) => `field:${field}`;
const columnId = (section: string, column: number) => `column:${section}:${column}`;

/** Where a drop on `overId` puts a field: a column's end, a placed field's place, or back in the palette. */
export function dropTarget(layout: LayoutDocument, overId: string) {
  if (overId === PALETTE) return 'palette' as const;
  if (overId.startsWith('column:')) {
    const [, section, column] = overId.split(':');
    const found = layout.sections.find((s) => s.id === section);
    return found ? { section: found.id, column: Number(column), index: Number.MAX_SAFE_INTEGER } : undefined;
  }
  return overId.startsWith('field:') ? positionOf(layout, overId.slice('field:'.length)) : undefined;
}

export function LayoutDesigner({ object: apiName }: { object: string }) {
  const { t, label } = useI18n();
  const description = useLoad(() => describeObject(apiName), [apiName]);
  const [layout, setLayout] = useState<LayoutDocument | null>(null);
  const [newName, setNewName] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const sensors = useDragSensors();

  useEffect(() => {
    const d = description.data;
    if (d && !layout) setLayout(d.layouts[0] ?? startingLayout(d.document));
  }, [description.data, layout]);
  const d = description.data;
  if (!d || !layout) return null;
  const object = d.document;
  const fieldLabel = (name: string) =>
    label(object.properties[name]?.['x-tessera'].label, object.properties[name]?.title ?? name);
  /** A drag id as a person would say it: the field's label, "palette", or "section, column 2". */
  const spoken = (id: string | number) => {
    const text = String(id);
    if (text.startsWith('field:')) return fieldLabel(text.slice('field:'.length));
    if (text.startsWith('column:')) {
      const [, section, column] = text.split(':');
      const found = layout.sections.find((s) => s.id === section);
      return `${label(found?.label, section ?? '')}, ${t('admin.columns')} ${column}`;
    }
    return t('admin.palette');
  };

  function onDragEnd({ active, over }: DragEndEvent) {
    if (!over || !layout) return;
    const field = String(active.id).slice('field:'.length);
    const target = dropTarget(layout, String(over.id));
    if (target === 'palette') setLayout(removeField(layout, field));
    else if (target) setLayout(placeField(layout, field, target));
  }

  async function save() {
    if (!layout) return;
    setRefusal(null);
    try {
      const answer = await api<{ meta: { version: number } }>(
        'PUT',
        `/meta/layouts/${layout.apiName}`,
        layout,
      );
      metadataChanged();
      setSaved(t('admin.saved', { version: answer.meta.version }));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setRefusal(error);
    }
  }

  const preview: ObjectDescription = { ...d, layouts: [layout] };
  return (
    <section className="designer">
      <div className="toolbar">
        <h1>
          {t('admin.layout')}: {label(d.label, apiName)}
        </h1>
        <button
          type="button"
          onClick={() => setLayout(addSection(layout, { en: 'New section', 'zh-CN': '新分区' }))}
        >
          {t('admin.addSection')}
        </button>
        <button type="button" className="primary" onClick={save}>
          {t('admin.save')}
        </button>
      </div>
      {saved && <p role="status">{saved}</p>}
      <Refusal error={refusal} />
      <div className="layout-picker">
        <label>
          {t('admin.layout')}{' '}
          <select
            value={layout.apiName}
            onChange={(e) => {
              const chosen = d.layouts.find((l) => l.apiName === e.target.value);
              if (chosen) setLayout(chosen);
            }}
          >
            {[...d.layouts.filter((l) => l.apiName !== layout.apiName), layout]
              .sort((a, b) => a.apiName.localeCompare(b.apiName))
              .map((l) => (
                <option key={l.apiName} value={l.apiName}>
                  {l.apiName}
                </option>
              ))}
          </select>
        </label>
        <input
          aria-label={t('admin.newLayoutName')}
          value={newName}
          onChange={(e) => setNewName(e.target.value)}
          pattern="[a-z][a-z0-9_]*"
        />
        <button
          type="button"
          disabled={!/^[a-z][a-z0-9_]*$/.test(newName) || d.layouts.some((l) => l.apiName === newName)}
          onClick={() => {
            setLayout({ ...startingLayout(object), apiName: newName });
            setNewName('');
          }}
        >
          {t('admin.newLayout')}
        </button>
      </div>
      <LayoutSettings object={object} layout={layout} onChange={setLayout} />
      <div className="designer-body">
        <DndContext
          sensors={sensors}
          onDragEnd={onDragEnd}
          accessibility={dragAccessibility(t, 'dnd.instructions', spoken)}
        >
          <Palette fields={unplaced(object, layout)} fieldLabel={fieldLabel} />
          <div className="designer-sections">
            {layout.sections.map((section) => (
              <fieldset key={section.id} className="section designer-section" data-section={section.id}>
                <legend>{label(section.label, section.id)}</legend>
                <div className="section-tools">
                  <input
                    aria-label={t('admin.sectionLabel')}
                    value={section.label?.en ?? ''}
                    onChange={(e) =>
                      setLayout(renameSection(layout, section.id, { ...section.label, en: e.target.value }))
                    }
                  />
                  <input
                    aria-label={t('admin.labelZh')}
                    value={section.label?.['zh-CN'] ?? ''}
                    onChange={(e) =>
                      setLayout(
                        renameSection(layout, section.id, {
                          en: section.label?.en ?? '',
                          'zh-CN': e.target.value,
                        }),
                      )
                    }
                  />
                  <label>
                    {t('admin.columns')}{' '}
                    <select
                      value={section.columns}
                      onChange={(e) => setLayout(setColumns(layout, section.id, Number(e.target.value)))}
                    >
                      {[1, 2, 3].map((n) => (
                        <option key={n}>{n}</option>
                      ))}
                    </select>
                  </label>
                  <button type="button" onClick={() => setLayout(moveSection(layout, section.id, -1))}>
                    {t('admin.moveUp')}
                  </button>
                  <button type="button" onClick={() => setLayout(moveSection(layout, section.id, 1))}>
                    {t('admin.moveDown')}
                  </button>
                  <button type="button" onClick={() => setLayout(removeSection(layout, section.id))}>
                    {t('admin.removeSection')}
                  </button>
                </div>
                <div className="grid" style={{ '--columns': section.columns } as CSSProperties}>
                  {sectionColumns(section).map((items, i) => (
                    <Column
                      key={columnId(section.id, i + 1)}
                      id={columnId(section.id, i + 1)}
                      items={items}
                      fieldLabel={fieldLabel}
                      onToggle={(field, flag) => setLayout(toggleItem(layout, field, flag))}
                      onRemove={(field) => setLayout(removeField(layout, field))}
                    />
                  ))}
                </div>
              </fieldset>
            ))}
          </div>
        </DndContext>
        <aside className="designer-preview" aria-label={t('admin.preview')}>
          <h2>{t('admin.preview')}</h2>
          <RecordForm description={preview} nameFieldOf={() => 'name'} preview />
        </aside>
      </div>
    </section>
  );
}

function Palette({ fields, fieldLabel }: { fields: string[]; fieldLabel(name: string): string }) {
  const { t } = useI18n();
  const { setNodeRef, isOver } = useDroppable({ id: PALETTE });
  return (
    <div ref={setNodeRef} className={isOver ? 'palette over' : 'palette'} data-testid="palette">
      <h2>{t('admin.palette')}</h2>
      <SortableContext items={fields.map(fieldId)} strategy={verticalListSortingStrategy}>
        {fields.map((f) => (
          <FieldChip key={f} field={f} text={fieldLabel(f)} />
        ))}
      </SortableContext>
    </div>
  );
}

interface ColumnProps {
  id: string;
  items: LayoutItem[];
  fieldLabel(name: string): string;
  onToggle(field: string, flag: 'required' | 'readOnly'): void;
  onRemove(field: string): void;
}

function Column({ id, items, fieldLabel, onToggle, onRemove }: ColumnProps) {
  const { t } = useI18n();
  const { setNodeRef, isOver } = useDroppable({ id });
  return (
    <div ref={setNodeRef} className={isOver ? 'designer-column over' : 'designer-column'} data-column={id}>
      <SortableContext items={items.map((i) => fieldId(i.field))} strategy={verticalListSortingStrategy}>
        {items.map((item) => (
          <FieldChip key={item.field} field={item.field} text={fieldLabel(item.field)}>
            <label>
              <input
                type="checkbox"
                checked={item.required === true}
                onChange={() => onToggle(item.field, 'required')}
              />{' '}
              {t('admin.required')}
            </label>
            <label>
              <input
                type="checkbox"
                checked={item.readOnly === true}
                onChange={() => onToggle(item.field, 'readOnly')}
              />{' '}
              {t('admin.readOnly')}
            </label>
            <button
              type="button"
              aria-label={`${t('admin.delete')} ${item.field}`}
              onClick={() => onRemove(item.field)}
            >
              ×
            </button>
          </FieldChip>
        ))}
      </SortableContext>
      {items.length === 0 && <p className="drop-hint">{t('admin.dropHere')}</p>}
    </div>
  );
}

function FieldChip({ field, text, children }: { field: string; text: string; children?: ReactNode }) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: fieldId(field),
  });
  return (
    <div
      ref={setNodeRef}
      className={isDragging ? 'field-chip dragging' : 'field-chip'}
      data-field={field}
      style={{ transform: CSS.Transform.toString(transform), transition }}
    >
      <button type="button" className="handle" {...attributes} {...listeners}>
        {text}
      </button>
      {children}
    </div>
  );
}
