/**
 * Plans as other public bodies write them (issue 13): a large Comune measured by weighted phases and
 * numbered across the plan, a small Comune with a prerequisite "n. 0" and group objectives weighted on
 * the CCDI, a Comune weighing objectives by coefficients with DUP references, a university with
 * balanced-scorecard rows and indicators per year (test/fixtures/enti/). Each passes `check` with no
 * warning, and every value written in it is read in the DOCX, the PDF and the HTML: the main document
 * shows the plan's texts in order, and every scalar of the YAML file (walked from the file itself, so
 * a value added to a fixture is covered) is found in the documents of `build --split`, as the reader
 * sees it (dates in words, numbers with the decimal comma, weights with their label).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { EVENTS } from '../src/plan/schema.js';
import { formatDate } from '../src/render/format.js';
import { cli, ROOT } from './helpers/cli.js';
import { docxText, htmlText, pdfText } from './helpers/extract.js';
import { bare, markdownText, missingNeedles, planNeedles } from './helpers/plan-content.js';

const DIR = join(ROOT, 'test/fixtures/enti');
const FORMATS = ['docx', 'pdf', 'html'] as const;
type Format = (typeof FORMATS)[number];

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

/** One scalar written in the plan: where, its value, how it was written (for numbers), and the object holding it. */
interface Leaf {
  path: string;
  /** The path with list indexes as "[]", person ids as "*", and an objective's own fields as "obiettivo.…". */
  pattern: string;
  value: unknown;
  source: string;
  parent: Json;
}

/** Every scalar of the YAML file, with the list `indicatori[].target` kept whole (it is shown as one row). */
function leaves(node: Node | null, path: string, parent: Json, out: Leaf[] = []): Leaf[] {
  const pattern = () => {
    const p = path.replace(/\[\d+\]/g, '[]').replace(/^persone\.[^.]+/, 'persone.*');
    const at = p.lastIndexOf('obiettivi[].');
    return at >= 0 ? `obiettivo.${p.slice(at + 'obiettivi[].'.length)}` : p;
  };
  if (isMap(node)) {
    const js = node.toJSON() as Json;
    for (const pair of node.items) {
      const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
      leaves(pair.value as Node | null, path ? `${path}.${key}` : key, js, out);
    }
  } else if (isSeq(node)) {
    if (pattern() === 'obiettivo.indicatori[].target') out.push({ path, pattern: pattern(), value: node.toJSON(), source: '', parent });
    else node.items.forEach((item, i) => leaves(item as Node, `${path}[${i}]`, parent, out));
  } else if (isScalar(node)) {
    out.push({ path, pattern: pattern(), value: node.value, source: node.source ?? String(node.value), parent });
  }
  return out;
}

/** A number as the documents show it: the decimals written in the plan, with a comma; thousands grouped. */
const number = (source: string) => {
  const [int, dec] = source.split('.');
  return int!.replace(/\B(?=(\d{3})+(?!\d))/g, '.') + (dec ? `,${dec}` : '');
};
const shown = (l: Leaf) => (typeof l.value === 'number' ? number(l.source) : String(l.value));

/** Why a field is not in the documents: settings, identifiers, open data. */
const NOT_SHOWN: Record<string, string> = {
  'ente.denominazione_breve': 'open data',
  'ente.provincia': 'open data',
  'ente.sigla_provincia': 'open data',
  'piano.revisione': 'publication manifest and open data',
  'centri[].id': 'the file names of --split',
  'centri[].paga_fatture': 'a setting of the art. 4-bis check',
  'obiettivo.id': 'an identifier',
  'obiettivo.richiama': 'the id of the objective a recall repeats (test/recall.test.ts: it is shown in full in each settore)',
  'obiettivo.tempi_pagamento': 'a setting of the art. 4-bis check',
  'obiettivo.formazione': 'a setting of the training check',
  'documento.numerazione': 'shown through the objectives\' numbers',
  'documento.ordine_nomi.responsabili': 'shown through the names',
  'documento.ordine_nomi.personale': 'shown through the names',
};

/** The texts a reader must find for one scalar of the plan; `undefined`: no rule for this field (a test failure). */
function expected(l: Leaf, plan: Json): string[] | undefined {
  if (NOT_SHOWN[l.pattern] !== undefined || l.pattern.startsWith('controlli.')) return [];
  const anno = obj(plan.piano).anno as number;
  const persone = obj(plan.persone);
  const order = obj(obj(plan.documento).ordine_nomi);
  const name = (id: unknown, kind: 'responsabili' | 'personale') => {
    const p = obj(persone[id as string]);
    const names = order[kind] === 'cognome_nome' ? [p.cognome, p.nome] : [p.nome, p.cognome];
    return [p.titolo, ...names].filter(Boolean).join(' ');
  };
  const text = String(l.value);
  const etichette = obj(obj(plan.documento).etichette);
  const label = (key: string, fallback: string) => String(etichette[key] ?? fallback).replaceAll('{anno}', String(anno));
  switch (l.pattern) {
    case 'ente.nome': case 'piano.approvazione.organo': case 'persone.*.titolo': case 'persone.*.nome': case 'persone.*.cognome': case 'persone.*.qualifica':
      return [text];
    case 'ente.articolo':
      return [`${({ il: 'del ', lo: 'dello ', la: 'della ', "l'": "dell'" } as Json)[text] as string}${obj(plan.ente).nome as string}`];
    case 'piano.anno':
      return [`PIAO ${anno}-${anno + 2}`];
    case 'piano.approvazione.numero':
      return [`n. ${text}`];
    case 'piano.approvazione.data':
      return [formatDate(text)];
    case 'documento.etichette.peso_risultato': case 'documento.etichette.peso_risultato_segretario': case 'documento.etichette.peso_ccdi': case 'documento.etichette.peso_coefficiente':
      return [label(l.pattern.split('.').pop()!, '')];
    case 'introduzione': case 'nota_centri': case 'segretario.funzioni':
      return [markdownText(text)];
    case 'centri[].responsabile': case 'segretario.persona':
      return [name(l.value, 'responsabili')];
    case 'centri[].personale[]': case 'obiettivo.personale[]':
      return [name(l.value, 'personale')];
    case 'centri[].nome': case 'centri[].intestazione': case 'centri[].servizi[].nome': case 'centri[].servizi[].funzioni[]': case 'centri[].servizi[].gruppi[].titolo':
    case 'segretario.incarichi[]': case 'segretario.ruolo':
      return [text];
    case 'segretario.indennita_totale':
      return [`${number(l.source)}%`];
    case 'obiettivo.numero':
      return [`Obiettivo n. ${text}`];
    case 'obiettivo.comune':
      // With its own number the label says both: "Obiettivo comune n. 1".
      return l.value === true ? [l.parent.numero === undefined ? 'Obiettivo comune' : `Obiettivo comune n. ${String(l.parent.numero)}`] : [];
    case 'obiettivo.prerequisito':
      return l.value === true ? ['Obiettivo prerequisito'] : [];
    case 'obiettivo.rilevante_valutazione':
      return [`Rilevante ai fini della valutazione ${l.value ? 'Sì' : 'No'}`];
    case 'obiettivo.titolo': case 'obiettivo.tipo': case 'obiettivo.descrizione': case 'obiettivo.target': case 'obiettivo.stakeholder': case 'obiettivo.contributor':
    case 'obiettivo.baseline': case 'obiettivo.fonte_dati': case 'obiettivo.valore_pubblico': case 'obiettivo.obiettivo_strategico': case 'obiettivo.missione_programma':
    case 'obiettivo.codice_dup': case 'obiettivo.pnrr': case 'obiettivo.risorse': case 'obiettivo.termine.nota':
      return [text];
    case 'obiettivo.risorse.umane': return [`Risorse umane ${text}`];
    case 'obiettivo.risorse.strumentali': return [`Risorse strumentali ${text}`];
    case 'obiettivo.risorse.finanziarie': return [`Risorse finanziarie ${text}`];
    case 'obiettivo.altri_campi[].etichetta':
      return [`${text} ${String(l.parent.valore)}`];
    case 'obiettivo.altri_campi[].valore':
      return [text];
    case 'obiettivo.termine.entro': return [`Entro il ${formatDate(text)}`];
    case 'obiettivo.termine.anno': return [`Tutto l'anno ${text}`];
    case 'obiettivo.termine.dal': return [`Dal ${formatDate(text)} al ${formatDate(String(l.parent.al))}`];
    case 'obiettivo.termine.al': return [formatDate(text)];
    case 'obiettivo.termine.giorni': case 'obiettivo.termine.mesi': return [text];
    case 'obiettivo.termine.evento': return [EVENTS[text as keyof typeof EVENTS]];
    case 'obiettivo.peso.risultato': {
      const segretario = l.path.startsWith('segretario.');
      const row = segretario ? label('peso_risultato_segretario', label('peso_risultato', '% indennità di risultato attribuita')) : label('peso_risultato', '% indennità di risultato attribuita');
      return [`${row} ${number(l.source)}%`];
    }
    case 'obiettivo.peso.ccdi':
      return [`${label('peso_ccdi', '% somma destinata alla performance organizzativa da CCDI {anno}')} ${number(l.source)}%`];
    case 'obiettivo.peso.coefficiente':
      return [`${label('peso_coefficiente', 'Coefficiente di peso')} ${number(l.source)}`];
    case 'obiettivo.fasi[]': case 'obiettivo.fasi[].descrizione': case 'obiettivo.indicatori[]': case 'obiettivo.indicatori[].nome':
      return [text];
    case 'obiettivo.fasi[].output': return [`Output: ${text}`];
    case 'obiettivo.fasi[].peso': return [`peso ${number(l.source)}%`];
    case 'obiettivo.fasi[].inizio': case 'obiettivo.fasi[].fine': return [formatDate(text)];
    case 'obiettivo.indicatori[].tipo': return [`Tipo: ${text}`];
    case 'obiettivo.indicatori[].dimensione': return [`Dimensione: ${text}`];
    case 'obiettivo.indicatori[].formula': return [`Formula: ${text}`];
    case 'obiettivo.indicatori[].unita': return [`Unità di misura: ${text}`];
    case 'obiettivo.indicatori[].polarita': return [`Polarità: ${text} (più ${text === 'crescente' ? 'alto' : 'basso'} è meglio)`];
    case 'obiettivo.indicatori[].baseline': return [`Baseline: ${shown(l)}`];
    case 'obiettivo.indicatori[].fonte': return [`Fonte: ${text}`];
    case 'obiettivo.indicatori[].peso': return [`Peso: ${number(l.source)}%`];
    case 'obiettivo.indicatori[].target':
      // The targets of the three years, in one row (the plan writes plain numbers: no decimals to keep).
      return [`Target ${(l.value as unknown[]).length === 1 ? anno : `${anno}-${anno + (l.value as unknown[]).length - 1}`}: ${(l.value as unknown[]).map((v) => (typeof v === 'number' ? number(String(v)) : String(v))).join(' / ')}`];
    default:
      return undefined;
  }
}

interface Built {
  plan: Json;
  leaves: Leaf[];
  check: { code: number; json: { conteggi: Record<string, number>; diagnostica: { severity: string; code: string; path: string; message: string }[] } };
  strict: number;
  build: { code: number; err: string };
  /** The main document's text, per format. */
  main: Record<Format, string>;
  /** Every document of `build --split` (main, settori, schede), per format. */
  all: Record<Format, string>;
  /** The schede's text (HTML), one per responsabile. */
  schede: string[];
}

async function buildPlan(name: string, modello?: string): Promise<Built> {
  const file = join(DIR, `${name}.yaml`);
  const doc = parseDocument(readFileSync(file, 'utf8'));
  const plan = doc.toJSON() as Json;
  const check = await cli(['check', file, '--json']);
  const strict = await cli(['check', file, '--strict']);
  const out = join(mkdtempSync(join(tmpdir(), `piao-enti-${name}-`)), 'out');
  const build = await cli(['build', file, '--out', out, '--split', ...(modello ? ['--modello', modello] : [])]);
  const main = { docx: '', pdf: '', html: '' };
  const all = { docx: '', pdf: '', html: '' };
  const schede: string[] = [];
  if (build.code === 0) {
    for (const f of readdirSync(out, { recursive: true, encoding: 'utf8' }).sort()) {
      const path = join(out, f);
      const format = FORMATS.find((x) => f.endsWith(`.${x}`));
      if (!format) continue;
      const text = format === 'docx' ? docxText(readFileSync(path)) : format === 'pdf' ? (await pdfText(readFileSync(path))).text : htmlText(readFileSync(path, 'utf8'));
      all[format] += `${text}\n`;
      if (f === `${name}.${format}`) main[format] = text;
      if (format === 'html' && f.startsWith('schede')) schede.push(text);
    }
  }
  return { plan, leaves: leaves(doc.contents, '', {}), check: { code: check.code, json: JSON.parse(check.out) as Built['check']['json'] }, strict: strict.code, build: { code: build.code, err: build.err }, main, all, schede };
}

/** Each plan built once for all the tests that read it. */
const cache = new Map<string, Promise<Built>>();
const built = (name: string): Promise<Built> => {
  if (!cache.has(name)) cache.set(name, buildPlan(name));
  return cache.get(name)!;
};

const PLANS = ['grande-comune', 'piccolo-comune', 'comune-coefficienti', 'universita'] as const;

for (const name of PLANS) {
  describe(`test/fixtures/enti/${name}.yaml`, () => {
    let r: Built;
    beforeAll(async () => {
      r = await built(name);
    }, 120_000);

    it('passes check with no errors and no warnings (also with --strict), and builds', () => {
      expect(r.check.code).toBe(0);
      expect(r.check.json.diagnostica.filter((d) => d.severity !== 'info').map((d) => `${d.code} ${d.path}: ${d.message}`)).toEqual([]);
      expect(r.check.json.conteggi.avvisi).toBe(0);
      expect(r.strict).toBe(0);
      expect(r.build.code, r.build.err).toBe(0);
    });

    it('is a realistic plan: 8 to 20 objectives', () => {
      const objectives = r.leaves.filter((l) => l.pattern === 'obiettivo.titolo');
      expect(objectives.length).toBeGreaterThanOrEqual(8);
      expect(objectives.length).toBeLessThanOrEqual(20);
    });

    it('has a rule for every value it writes', () => {
      expect(r.leaves.filter((l) => expected(l, r.plan) === undefined).map((l) => `${l.path} (${l.pattern})`)).toEqual([]);
    });

    for (const format of FORMATS) {
      it(`${format}: the main document shows the plan's texts in order`, () => {
        expect(missingNeedles(r.main[format], planNeedles(r.plan)).map((m) => `${m.how}: ${m.needle.where} «${m.needle.text}»`)).toEqual([]);
      });

      it(`${format}: every value written in the plan is read in the documents`, () => {
        const hay = bare(r.all[format]);
        const missing = r.leaves.flatMap((l) => (expected(l, r.plan) ?? []).filter((t) => !hay.includes(bare(t))).map((t) => `${l.path}: «${t}»`));
        expect(missing).toEqual([]);
      });
    }
  });
}

/** The built-in layout that fits each entity (`--modello`). */
const LAYOUT: Record<(typeof PLANS)[number], string> = { 'grande-comune': 'fasi', 'piccolo-comune': 'tabella', 'comune-coefficienti': 'tabella', universita: 'fasi' };

for (const name of PLANS) {
  describe(`${name} with --modello ${LAYOUT[name]}`, () => {
    let r: Built;
    beforeAll(async () => {
      r = await buildPlan(name, LAYOUT[name]);
    }, 120_000);

    for (const format of FORMATS) {
      it(`${format}: every text of the plan is in the main document (an indicator's targets one by one, in their year's column)`, () => {
        expect(r.build.code, r.build.err).toBe(0);
        const hay = bare(r.main[format]);
        const texts = planNeedles(r.plan).flatMap((n) => (/indicatori\[\d+\]\.target$/.test(n.where) ? n.text.split(' / ').map((t) => ({ ...n, text: t })) : [n]));
        expect(texts.filter((n) => !hay.includes(bare(n.text))).map((n) => `${n.where} «${n.text}»`)).toEqual([]);
      });
    }
  });
}

describe('a university\'s documents', () => {
  let r: Built;
  beforeAll(async () => {
    r = await built('universita');
  }, 120_000);

  it('name the ente with its article in the main document ("dell\'Università …")', () => {
    for (const format of FORMATS) expect(r.main[format]).toContain("struttura organizzativa dell'Università degli Studi di Valsorda");
  });

  it('name the ente with its article in each responsabile\'s scheda', () => {
    expect(r.schede.length).toBe(5);
    for (const s of r.schede) expect(s).toContain("dell'Università degli Studi di Valsorda");
  });
});
