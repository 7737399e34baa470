/**
 * What `check` accepts, `build` builds: a plan with every optional field of the schema absent, and
 * one with every optional field present, both pass `check` and `build` (with --split), and every
 * present value is read in the DOCX, the PDF and the HTML. The optional fields are listed from the
 * zod schema itself, so a field added later is covered (or explicitly excused) without touching
 * this test; the two plans below are checked against that list first.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { z } from 'zod';
import { CHECK_CODES, EVENTS, Piano, PersonId } from '../src/plan/schema.js';
import { formatDate, formatName, formatNumber } from '../src/render/format.js';
import { cli } from './helpers/cli.js';
import { docxText, htmlText, normalize, pdfText } from './helpers/extract.js';

/** One optional field of the schema: the object schema it belongs to, its key, and every path where it can be written. */
interface OptionalField {
  owner: object;
  key: string;
  /** Its place in the data, e.g. "centri[].servizi[].gruppi[].obiettivi[].target" (the first of `paths`). */
  name: string;
  paths: string[];
  schema: z.core.$ZodType;
  /** Required, but may be left blank (~). */
  blankOnly: boolean;
}

type Def = { type: string; innerType?: z.core.$ZodType; in?: z.core.$ZodType; element?: z.core.$ZodType; options?: z.core.$ZodType[]; valueType?: z.core.$ZodType; shape?: Record<string, z.core.$ZodType> };
const defOf = (s: z.core.$ZodType) => s._zod.def as unknown as Def;

/** Every field that may be left out (optional, with a default) or left blank (nullable), walking the whole schema. */
function optionalFields(root: z.core.$ZodType): OptionalField[] {
  const fields: OptionalField[] = [];
  const visit = (s: z.core.$ZodType, path: string) => {
    const def = defOf(s);
    switch (def.type) {
      case 'optional': case 'default': case 'prefault': case 'nullable': return visit(def.innerType!, path);
      case 'pipe': return visit(def.in!, path);
      case 'array': return visit(def.element!, `${path}[]`);
      case 'union': return def.options!.forEach((o) => visit(o, path));
      case 'record': return visit(def.valueType!, `${path}.*`);
      case 'object':
        for (const [key, field] of Object.entries(def.shape!)) {
          const at = path ? `${path}.${key}` : key;
          if (['optional', 'default', 'prefault', 'nullable'].includes(defOf(field).type)) {
            const known = fields.find((f) => f.owner === s && f.key === key);
            if (known) known.paths.push(at);
            else fields.push({ owner: s, key, name: at, paths: [at], schema: field, blankOnly: defOf(field).type === 'nullable' });
          }
          visit(field, at);
        }
    }
  };
  visit(root, '');
  return fields;
}

/** The values written at a path pattern ("[]" any item of a list, "*" any entry of a record). */
function valuesAt(data: unknown, pattern: string): unknown[] {
  const tokens = pattern.replace(/\[\]/g, '.[]').split('.').filter(Boolean);
  let cur: unknown[] = [data];
  for (const t of tokens) {
    const next: unknown[] = [];
    for (const v of cur) {
      if (t === '[]') { if (Array.isArray(v)) next.push(...v); }
      else if (t === '*') { if (v && typeof v === 'object') next.push(...Object.values(v)); }
      else if (v && typeof v === 'object' && !Array.isArray(v) && t in v) next.push((v as Record<string, unknown>)[t]);
    }
    cur = next;
  }
  return cur;
}

const FIELDS = optionalFields(Piano);
const field = (name: string) => FIELDS.find((f) => f.name.endsWith(name));

/** Fields that are not the document's text, and why. Every other optional field, when present, must be read in all three formats. */
const NOT_IN_DOCUMENT: Record<string, string> = {
  'ente.denominazione_breve': 'open data (obiettivi.json)',
  'ente.sigla_provincia': 'open data (obiettivi.json)',
  'ente.articolo': 'the article the sentences use with the ente\'s name (test/words.test.ts)',
  'ente.stemma': 'an image, the letterhead\'s (test/letterhead.test.ts)',
  'documento.intestazione': 'the letterhead\'s switch (test/letterhead.test.ts)',
  'piano.revisione': 'publication manifest and open data',
  'piano.data_documento': 'the documents\' metadata date',
  'documento.livello_titoli': 'the headings\' level in the outline (DOCX styles, PDF bookmarks), not text',
  'centri[].paga_fatture': 'a setting of the art. 4-bis check',
  'centri[].obiettivi[].id': 'an identifier, for prerequisiti',
  'centri[].obiettivi[].tempi_pagamento': 'a setting of the art. 4-bis check',
  'centri[].obiettivi[].formazione': 'a setting of the training check',
  controlli: 'settings of piao check',
  documento: 'presentation settings (test/words.test.ts)',
  'documento.numerazione': 'how objectives are numbered (test/numbering.test.ts)',
  'documento.ordine_nomi': 'the order of names (test/words.test.ts)',
  'documento.ordine_nomi.responsabili': 'the order of names (test/words.test.ts)',
  'documento.ordine_nomi.personale': 'the order of names (test/words.test.ts)',
  'centri[].ordine_nomi': 'the order of names (test/words.test.ts)',
  'centri[].ordine_nomi.responsabili': 'the order of names (test/words.test.ts)',
  'centri[].ordine_nomi.personale': 'the order of names (test/words.test.ts)',
  'controlli.tempi_pagamento': 'settings of piao check',
  'controlli.soglia_tempi_pagamento': 'settings of piao check',
  'controlli.totale_risultato': 'settings of piao check',
  'controlli.livelli': 'settings of piao check',
};

/** The year-end results and the evaluation system: the Relazione's (issue 15, test/results.test.ts), not the plan's documents. */
const RESULTS = (name: string) => name.includes('.consuntivo') || name === 'valutazione' || name.startsWith('valutazione.');
const notInDocument = (name: string) => NOT_IN_DOCUMENT[name] !== undefined || RESULTS(name);

/** Fields of which exactly one must be written: the "absent" plan gives one, left blank where it can be. */
const ONE_OF = ['termine.', 'peso.'];
/** Lists with a default that the "absent" plan needs all the same: they hold its objectives. */
// and the weight, required but for a prerequisite.
const CONTAINERS = ['centri[].servizi', 'centri[].servizi[].gruppi', 'centri[].obiettivi[].peso'];

import { FULL } from './fixtures/completo.js';

/** Every optional field absent (blank where a value is required but may be left empty). */
const MINIMAL = {
  ente: { nome: 'Comune di Valdoro' },
  piano: { anno: 2025 },
  persone: { rossi: { nome: 'Mario', cognome: 'Rossi' } },
  centri: [
    {
      id: 'tecnico', nome: 'Area Tecnica', responsabile: 'rossi',
      servizi: [{ nome: 'Servizio strade', gruppi: [{ obiettivi: [{ titolo: 'Buche chiuse', descrizione: 'Chiusura delle buche.', termine: { anno: 2025 }, peso: { ccdi: null } }] }] }],
    },
    {
      id: 'cultura', nome: 'Area Cultura', responsabile: null,
      servizi: [{ nome: 'Biblioteca', gruppi: [{ obiettivi: [{ titolo: 'Prestiti', descrizione: 'Più prestiti.', termine: { anno: 2025 }, peso: { coefficiente: null } }] }] }],
    },
  ],
};

/** The text a reader must find for a value written in the plan. */
function expectedTexts(f: OptionalField, value: unknown, plan: typeof FULL): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((v) => (typeof v === 'object' ? [] : expectedTexts({ ...f, schema: elementOf(f.schema) }, v, plan)));
  if (typeof value === 'object') return []; // its own fields are checked one by one
  if (isPersonId(f.schema)) return [formatName(plan.persone[value as keyof typeof plan.persone])];
  if (f.key === 'prerequisiti') return [`«${valuesAt(plan, 'centri[].servizi[].gruppi[].obiettivi[]').map((o) => o as { id?: string; titolo: string }).find((o) => o.id === value)!.titolo}»`];
  if (f.key === 'evento') return [EVENTS[value as keyof typeof EVENTS]];
  if (typeof value === 'boolean') return value ? [({ comune: 'Obiettivo comune', prerequisito: 'Obiettivo prerequisito', rilevante_valutazione: 'Rilevante ai fini della valutazione Sì' } as Record<string, string>)[f.key] ?? `no text known for ${f.name}`] : [];
  if (typeof value === 'number') return [f.key === 'anno' ? String(value) : formatNumber(value)];
  const s = String(value);
  if (f.key === 'titolo_nel_testo') return [s.charAt(0).toUpperCase() + s.slice(1)]; // it starts a sentence
  return [/^\d{4}-\d{2}-\d{2}$/.test(s) ? formatDate(s) : s];
}

function unwrapped(s: z.core.$ZodType): z.core.$ZodType {
  const def = defOf(s);
  return def.innerType ? unwrapped(def.innerType) : s;
}
function elementOf(s: z.core.$ZodType): z.core.$ZodType {
  const u = unwrapped(s);
  return defOf(u).element ?? u;
}
function isPersonId(s: z.core.$ZodType): boolean {
  return unwrapped(s) === (PersonId as unknown) || elementOf(s) === (PersonId as unknown);
}

/** Builds a plan (with --split) through the CLI; the text of every document, per format. */
async function buildAll(plan: object): Promise<{ check: number; build: number; err: string; texts: Record<'docx' | 'pdf' | 'html', string> }> {
  const dir = mkdtempSync(join(tmpdir(), 'piao-opt-'));
  const file = join(dir, 'piano.yaml');
  writeFileSync(file, stringify(plan));
  const check = await cli(['check', file]);
  const out = join(dir, 'out');
  const build = await cli(['build', file, '--out', out, '--split']);
  const texts = { docx: '', pdf: '', html: '' };
  if (build.code === 0) {
    const files = readdirSync(out, { recursive: true, encoding: 'utf8' }).sort();
    for (const f of files) {
      const path = join(out, f);
      if (f.endsWith('.docx')) texts.docx += `${docxText(readFileSync(path))}\n`;
      if (f.endsWith('.pdf')) texts.pdf += `${(await pdfText(readFileSync(path))).text}\n`;
      if (f.endsWith('.html')) texts.html += `${htmlText(readFileSync(path, 'utf8'))}\n`;
    }
  }
  return { check: check.code, build: build.code, err: check.err + build.err, texts: { docx: normalize(texts.docx), pdf: normalize(texts.pdf), html: normalize(texts.html) } };
}

describe('the schema\'s optional fields', () => {
  it('are found by walking the schema', () => {
    for (const name of ['ente.denominazione_breve', 'obiettivi[].target', 'fasi[].inizio', 'indicatori[].polarita', 'persone.*.qualifica', 'segretario.quota_attivita', 'centri[].responsabile']) {
      expect(field(name), name).toBeDefined();
    }
    // The objective's fields are one set, written under the Segretario and under every gruppo.
    expect(field('obiettivi[].target')!.paths).toEqual(['centri[].obiettivi[].target', 'centri[].servizi[].gruppi[].obiettivi[].target', 'segretario.obiettivi[].target']);
  });

  it('are all written in the "present" plan, except those the documents do not show', () => {
    const missing = FIELDS.filter((f) => !notInDocument(f.name) && !f.paths.some((p) => valuesAt(FULL, p).some((v) => v !== null && v !== undefined)));
    expect(missing.map((f) => f.name)).toEqual([]);
    expect(Object.keys(NOT_IN_DOCUMENT).filter((n) => !FIELDS.some((f) => f.name === n))).toEqual([]);
  });

  it('are all left out of the "absent" plan (one kind of deadline and a blank weight are required)', () => {
    const values = (f: OptionalField) => f.paths.flatMap((p) => valuesAt(MINIMAL, p));
    const optional = FIELDS.filter((f) => !f.blankOnly && !ONE_OF.some((p) => f.name.includes(p)) && !CONTAINERS.includes(f.name));
    expect(optional.filter((f) => values(f).some((v) => v !== undefined && v !== null)).map((f) => f.name)).toEqual([]);
    // A field that may only be blanked is blank at least once.
    expect(FIELDS.filter((f) => f.blankOnly && !values(f).includes(null)).map((f) => f.name)).toEqual([]);
  });
});

describe('a plan with every optional field absent', () => {
  let r: Awaited<ReturnType<typeof buildAll>>;
  beforeAll(async () => {
    r = await buildAll(MINIMAL);
  });

  it('passes check and builds', () => {
    expect(r.check, r.err).toBe(0);
    expect(r.build, r.err).toBe(0);
  });

  for (const format of ['docx', 'pdf', 'html'] as const) {
    it(`${format}: says what is missing instead of leaving a cell empty`, () => {
      const t = r.texts[format];
      expect(t).toContain('Buche chiuse');
      expect(t).toContain('Target (valore atteso) non indicato');
      expect(t).toContain(`% somma destinata alla performance organizzativa da CCDI 2025 non indicato`);
      expect(t).toContain('Coefficiente di peso non indicato');
    });
  }
});

describe('a plan with every optional field present', () => {
  let r: Awaited<ReturnType<typeof buildAll>>;
  const expected: { field: string; text: string }[] = [];
  beforeAll(async () => {
    for (const f of FIELDS) {
      if (notInDocument(f.name)) continue;
      for (const p of f.paths) for (const v of valuesAt(FULL, p)) for (const text of expectedTexts(f, v, FULL)) expected.push({ field: p, text });
    }
    r = await buildAll(FULL);
  });

  it('passes check and builds', () => {
    expect(r.check, r.err).toBe(0);
    expect(r.build, r.err).toBe(0);
    expect(expected.length).toBeGreaterThan(60);
  });

  for (const format of ['docx', 'pdf', 'html'] as const) {
    it(`${format}: shows every value written`, () => {
      // Case aside: the PDF draws the settore's heading in capitals (its style's, in the DOCX and HTML).
      const t = r.texts[format].toLowerCase();
      expect(expected.filter((e) => !t.includes(normalize(e.text).toLowerCase()))).toEqual([]);
    });
  }

  it('shows a phase\'s start without an end, and the Segretario\'s share of work without a convenzione', async () => {
    const { convenzione: _, ...segretario } = FULL.segretario;
    const plan = { ...FULL, segretario };
    const alone = await buildAll(plan);
    expect(alone.build, alone.err).toBe(0);
    for (const format of ['docx', 'pdf', 'html'] as const) {
      expect(alone.texts[format]).toContain('Lavori in appalto (dal 7 aprile 2025)');
      expect(alone.texts[format]).toContain('presta il 37,5% della sua attività');
    }
  });
});
