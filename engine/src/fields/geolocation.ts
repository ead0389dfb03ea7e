import { jsonColumns } from '../storage/column-type.js';
import type { FieldTypeDef } from './field-type-def.js';
import { decimalFromText } from './from-text.js';

/** A point on Earth in WGS 84 degrees: `{ "lat": 31.2304, "lng": 121.4737 }`. */
export const geolocation: FieldTypeDef = {
  type: 'geolocation',
  jsonType: () => 'object',
  declaredTypes: ['object'],
  keywords: {},
  options: {},
  generated: false,
  uniqueAllowed: false,
  column: () => jsonColumns,
  valueSchema: () => ({
    type: 'object',
    properties: {
      lat: { type: 'number', minimum: -90, maximum: 90 },
      lng: { type: 'number', minimum: -180, maximum: 180 },
    },
    required: ['lat', 'lng'],
    additionalProperties: false,
  }),
  fromText: (cell) => {
    const [lat, lng, ...rest] = cell.split(',').map((v) => decimalFromText(v, {}));
    return rest.length === 0 && lat !== undefined && lng !== undefined ? { lat, lng } : undefined;
  },
  textHint: { en: '"lat,lng", e.g. "31.2304,121.4737"', 'zh-CN': '“纬度,经度”，例如“31.2304,121.4737”' },
  operators: ['isNull'],
  // "lat,lng": the form a file cell of a point takes (package seed data, imports).
  toText: (value) => {
    const { lat, lng } = value as { lat: number; lng: number };
    return `${lat},${lng}`;
  },
};
