/** `npm run schema`: writes data/piao.schema.json from the zod schema. */
import { writeFileSync } from 'node:fs';
import { packageFile } from '../io/paths.js';
import { jsonSchema } from './json-schema.js';

const target = packageFile('data', 'piao.schema.json');
writeFileSync(target, jsonSchema());
process.stdout.write(`scritto ${target}\n`);
