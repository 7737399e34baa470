/** `npm run schema`: writes data/piao.schema.json from the zod schema. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { jsonSchema } from './json-schema.js';

const target = fileURLToPath(new URL('../data/piao.schema.json', import.meta.url));
writeFileSync(target, jsonSchema());
process.stdout.write(`scritto ${target}\n`);
