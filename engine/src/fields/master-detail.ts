import { referenceField } from './reference-field.js';

/**
 * The parent of a child record: required, and deleting the parent deletes its children. Roll-ups summarize
 * over it. Cycles of master-details are refused by the document validator.
 */
export const masterDetail = referenceField(
  'master_detail',
  {},
  () => 'cascade',
  (_prop, ctx) =>
    ctx.object.required?.includes(ctx.name)
      ? []
      : [
          {
            pointer: ctx.pointer,
            code: 'master_detail_not_required',
            message: `master-detail field "${ctx.name}" must be listed in "required": every child has a parent`,
          },
        ],
);
