/**
 * The JSON Schema of the data format, derived from the zod schema, for editors: with the line
 * `# yaml-language-server: $schema=./piao.schema.json` VS Code completes and checks the YAML.
 */
import { z } from 'zod';
import { Piano } from './schema.js';

export function jsonSchema(): string {
  const schema = z.toJSONSchema(Piano, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify(schema, null, 2)}\n`;
}
