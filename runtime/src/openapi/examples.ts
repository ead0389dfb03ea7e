/** A plausible example value per field, from its value schema: what the API docs show in request bodies. */
import type { CompiledField, CompiledObject, JsonSchema } from '@tessera/engine';

const FORMAT_EXAMPLES: Record<string, unknown> = {
  date: '2026-03-31',
  'date-time': '2026-03-31T08:00:00.000Z',
  time: '09:30:00',
  email: 'li.lei@example.com',
  uri: 'https://example.com',
  uuid: '0190a000-0000-7000-8000-000000000001',
};

function exampleOf(field: CompiledField): unknown {
  const schema: JsonSchema = field.valueSchema;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (field.type === 'multipicklist') return ((schema.items as JsonSchema).enum as unknown[]).slice(0, 1);
  if (field.type === 'geolocation') return { lat: 31.2304, lng: 121.4737 };
  if (field.type === 'json') return { source: 'import' };
  if (field.type === 'phone') return '+862155501234';
  if (typeof schema.format === 'string' && schema.format in FORMAT_EXAMPLES)
    return FORMAT_EXAMPLES[schema.format];
  switch (schema.type) {
    case 'integer':
      return 3;
    case 'number':
      return field.type === 'currency' ? 1250.5 : 12.5;
    case 'boolean':
      return true;
    default:
      return field.name === 'name'
        ? 'Example'
        : `example ${field.name}`.slice(0, Number(schema.maxLength ?? 255));
  }
}

/** A create body with every writable field. */
export const createExample = (object: CompiledObject) =>
  Object.fromEntries(
    [...object.fields.values()].filter((f) => f.writable).map((f) => [f.name, exampleOf(f)]),
  );
