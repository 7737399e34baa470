/**
 * `npm run schema`: writes the JSON Schemas generated from the zod schemas:
 * - data/piao.schema.json, the plan's data format (for editors), from src/plan/schema.ts;
 * - data/obiettivi.schema.json, the open data `piao publish` writes, from src/publish/opendata-schema.ts.
 */
import { writeFileSync } from 'node:fs';
import { packageFile } from '../io/paths.js';
import { openDataJsonSchema } from '../publish/opendata-schema.js';
import { jsonSchema } from './json-schema.js';

for (const [name, text] of [
  ['piao.schema.json', jsonSchema()],
  ['obiettivi.schema.json', openDataJsonSchema()],
] as const) {
  const target = packageFile('data', name);
  writeFileSync(target, text);
  process.stdout.write(`scritto ${target}\n`);
}
