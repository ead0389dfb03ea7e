/** Writes the published meta-schemas to engine/schemas/: `pnpm --filter @tessera/engine schemas`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NAMED_KINDS } from '../src/metadata/document-kinds.js';
import { buildObjectMetaSchema } from '../src/metadata/meta-schema.js';

const dir = fileURLToPath(new URL('../schemas/', import.meta.url));
mkdirSync(dir, { recursive: true });
for (const [file, schema] of [
  ['object.schema.json', buildObjectMetaSchema()],
  ...NAMED_KINDS.map((k) => [`${k.kind.replace('_', '-')}.schema.json`, k.metaSchema()] as const),
] as const) {
  writeFileSync(`${dir}${file}`, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${dir}${file}`);
}
