/** A field's definition by the name a user typed: `constructor` is a valid field name, not Object.prototype's. */
import type { ObjectDocument, PropertyDocument } from './types.js';

export const propertyOf = (doc: ObjectDocument | undefined, name: string): PropertyDocument | undefined =>
  doc && Object.hasOwn(doc.properties, name) ? doc.properties[name] : undefined;
