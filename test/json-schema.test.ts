/**
 * The committed JSON Schemas must match the zod schemas they are generated from (run `npm run
 * schema` to refresh them): data/piao.schema.json (the plan, for editors) and
 * data/obiettivi.schema.json (the open data of `piao publish`), which must also describe what
 * the code writes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchema } from '../src/plan/json-schema.js';
import { openDataJsonSchema, OpenDataSchema } from '../src/publish/opendata-schema.js';

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

describe('data/obiettivi.schema.json, the schema of the open data', () => {
  const EXAMPLE = join(import.meta.dirname, '../data/casalmorano-2024.yaml');

  /** obiettivi.json of a plan (the source of a YAML file), as `piao publish` writes it. */
  async function openData(source: string): Promise<unknown> {
    const { parsePlan } = await import('../src/plan/load.js');
    const { buildView } = await import('../src/render/view.js');
    const { objectivesJson } = await import('../src/publish/opendata.js');
    const plan = parsePlan(source, EXAMPLE);
    return JSON.parse(objectivesJson(plan, buildView(plan)).toString('utf8'));
  }

  async function validator() {
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    // As strict as the check of the bundle in test/publish.test.ts.
    const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true, validateFormats: false });
    return ajv.compile(JSON.parse(openDataJsonSchema()));
  }

  it('is up to date with src/publish/opendata-schema.ts', () => {
    const committed = readFileSync(join(import.meta.dirname, '../data/obiettivi.schema.json'), 'utf8');
    expect(committed, 'stale: run `npm run schema`').toBe(openDataJsonSchema());
  });

  it("accepts the example's obiettivi.json", async () => {
    const validate = await validator();
    const data = await openData(readFileSync(EXAMPLE, 'utf8'));
    expect(validate(data), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    // The zod schema the types come from agrees (strict objects: no unknown key).
    expect(OpenDataSchema.safeParse(data).error?.issues.slice(0, 3)).toBeUndefined();
  });

  it('accepts the other branches: an approving delibera, no Segretario', async () => {
    const { parse, stringify } = await import('yaml');
    const plan = parse(readFileSync(EXAMPLE, 'utf8'));
    plan.piano.approvazione = { numero: 12, data: '2024-03-15' };
    delete plan.segretario;
    const data = (await openData(stringify(plan))) as { piano: { approvazione: unknown }; ente: { segretario: unknown } };
    expect(data.piano.approvazione).toEqual({ organo: 'Giunta Comunale', numero: '12', data: '2024-03-15' });
    expect(data.ente.segretario).toBeNull();
    const validate = await validator();
    expect(validate(data), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('describes every field: each object is closed and requires all its properties', () => {
    const open: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}/${i}`));
      if (typeof node !== 'object' || node === null) return;
      const s = node as Record<string, unknown>;
      if (s.type === 'object') {
        const keys = Object.keys((s.properties as object | undefined) ?? {});
        if (s.additionalProperties !== false || JSON.stringify(s.required) !== JSON.stringify(keys) || keys.length === 0) open.push(path);
      }
      for (const [k, v] of Object.entries(s)) walk(v, `${path}/${k}`);
    };
    walk(JSON.parse(openDataJsonSchema()), '#');
    expect(open).toEqual([]);
  });

  it('refuses a field it does not describe, and a missing one', async () => {
    const validate = await validator();
    const data = (await openData(readFileSync(EXAMPLE, 'utf8'))) as {
      ente: { settori: { servizi: { obiettivi: Record<string, unknown>[] }[] }[] };
    };
    const objective = data.ente.settori[0]!.servizi[0]!.obiettivi[0]!;
    objective.titolo = 'x';
    expect(validate(data)).toBe(false);
    delete objective.titolo;
    expect(validate(data)).toBe(true);
    delete objective.codice;
    expect(validate(data)).toBe(false);
  });
});
