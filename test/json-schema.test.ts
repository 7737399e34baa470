/** The committed JSON Schema for editors must match the zod schema (run `npm run schema` to refresh it). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchema } from '../src/plan/json-schema.js';

describe('data/piao.schema.json', () => {
  it('is up to date with src/schema.ts', () => {
    const committed = readFileSync(join(import.meta.dirname, '../data/piao.schema.json'), 'utf8');
    expect(committed, 'stale: run `npm run schema`').toBe(jsonSchema());
  });

  it('is what the example points editors at', () => {
    const first = readFileSync(join(import.meta.dirname, '../data/casalmorano-2024.yaml'), 'utf8').split('\n')[0];
    expect(first).toBe('# yaml-language-server: $schema=./piao.schema.json');
  });
});

describe('the JSON Schema, as an editor uses it', () => {
  it('accepts the example and flags a misspelt key', async () => {
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const { parse } = await import('yaml');
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(jsonSchema()));
    const example = parse(readFileSync(join(import.meta.dirname, '../data/casalmorano-2024.yaml'), 'utf8'));
    expect(validate(example), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    example.ente.nomee = 'x';
    expect(validate(example)).toBe(false);
  });
});
