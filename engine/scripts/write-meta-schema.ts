/** Writes the published meta-schemas to engine/schemas/: `pnpm --filter @tessera/engine schemas`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildPermissionSetMetaSchema, buildRoleMetaSchema } from '../src/metadata/access-meta-schemas.js';
import { buildObjectMetaSchema } from '../src/metadata/meta-schema.js';
import {
  buildDuplicateRuleMetaSchema,
  buildValidationRuleMetaSchema,
} from '../src/metadata/rule-meta-schema.js';

const dir = fileURLToPath(new URL('../schemas/', import.meta.url));
mkdirSync(dir, { recursive: true });
for (const [file, schema] of [
  ['object.schema.json', buildObjectMetaSchema()],
  ['role.schema.json', buildRoleMetaSchema()],
  ['permission-set.schema.json', buildPermissionSetMetaSchema()],
  ['validation-rule.schema.json', buildValidationRuleMetaSchema()],
  ['duplicate-rule.schema.json', buildDuplicateRuleMetaSchema()],
] as const) {
  writeFileSync(`${dir}${file}`, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${dir}${file}`);
}
