/**
 * The fields an automation's pickers offer, read from the object's description: those a write may set (the
 * server's own record schema says which), the date and datetime fields a relative trigger counts from, the
 * lookups a path follows, and the user fields that name people.
 */
import type { ObjectDescription, PropertyDocument } from '../../api/types.js';

type Properties = Record<string, PropertyDocument>;

/** The fields a write of the record sets: those of its create (or update) schema. */
export const writableFields = (d: ObjectDescription, on: 'create' | 'update'): string[] =>
  Object.keys(d.schemas[on].properties);

/** Fields holding a date or an instant, by their JSON Schema format. */
export const dateFields = (props: Properties): string[] =>
  Object.entries(props)
    .filter(([, p]) => p.format === 'date' || p.format === 'date-time')
    .map(([name]) => name);

/** Fields linking to another object's record, with that object. */
export const lookupFields = (props: Properties): { field: string; target: string }[] =>
  Object.entries(props).flatMap(([field, p]) => {
    const target = p['x-tessera'].target;
    return target ? [{ field, target }] : [];
  });

/** Fields naming one of the workspace's users (field type `user`). */
export const userFields = (props: Properties): string[] =>
  Object.entries(props)
    .filter(([, p]) => (p['x-tessera'].field as string) === 'user')
    .map(([name]) => name);

/**
 * The value typed for a field, as its JSON Schema takes it: a number for a numeric field, true or false for a
 * boolean, else the text.
 */
export function literalOf(schema: { type?: unknown } | undefined, typed: string): string | number | boolean {
  const type = Array.isArray(schema?.type) ? schema.type.find((t) => t !== 'null') : schema?.type;
  if ((type === 'number' || type === 'integer') && typed.trim() !== '' && !Number.isNaN(Number(typed)))
    return Number(typed);
  if (type === 'boolean') return typed === 'true';
  return typed;
}
