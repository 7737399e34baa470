/**
 * The JSON Schema of the data format, derived from the zod schema, for editors: with the line
 * `# yaml-language-server: $schema=./piao.schema.json` VS Code completes and checks the YAML.
 */
import { z } from 'zod';
import { Piano, Richiamo } from './schema.js';

export function jsonSchema(): string {
  const schema = z.toJSONSchema(Piano, { io: 'input', unrepresentable: 'any' });
  const { $schema: _, ...recall } = z.toJSONSchema(Richiamo, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify(withRecalls(schema, recall), null, 2)}\n`;
}

/** Wherever the file may hold an objective, it may instead recall one (plan/recall.ts expands it before validation). */
function withRecalls(node: unknown, recall: object): unknown {
  if (Array.isArray(node)) return node.map((n) => withRecalls(n, recall));
  if (node === null || typeof node !== 'object') return node;
  const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, withRecalls(v, recall)]));
  return (node as { title?: unknown }).title === 'Obiettivo' ? { anyOf: [out, recall] } : out;
}
