/** Writes the published object meta-schema to engine/schemas/: `pnpm --filter @tessera/engine schemas`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildObjectMetaSchema } from '../src/metadata/meta-schema.js';

const dir = fileURLToPath(new URL('../schemas/', import.meta.url));
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}object.schema.json`, `${JSON.stringify(buildObjectMetaSchema(), null, 2)}\n`);
console.log(`wrote ${dir}object.schema.json`);
