/**
 * What a reader must find in the documents of a plan, in document order, taken from the plan's
 * own data: objective texts are plain text (shown as written), the rich-text fields are Markdown
 * (compared as rendered, i.e. as the text of renderMarkdown's HTML). Numbers shown as the
 * documents format them. Whitespace is collapsed and text put in Unicode NFC before comparing.
 */
import { DomUtils, parseDocument } from 'htmlparser2';
import { renderMarkdown } from '../../src/render/markdown.js';
import { formatNumber } from '../../src/render/format.js';
import { normalize } from './extract.js';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? formatNumber(v) : '');

/** The form texts are shown in: NFC, bullets removed, whitespace collapsed. */
export function canonical(s: string): string {
  return normalize(s.normalize('NFC'));
}

/**
 * The form texts are compared in: without whitespace, in Unicode NFKC, case aside. A PDF line may end where
 * the text has no space (after "}", "/", "-", inside a word longer than the line), and the text extracted from
 * it then has one: where spaces are is not compared, every other character is. pdf.js gives some characters
 * back as their compatibility equivalents (the micro sign µ as the Greek μ): NFKC on both sides. The PDF draws
 * in capitals what a style shows in capitals (a settore's heading): both sides in capitals ("ß" as "SS").
 */
export function bare(s: string): string {
  return normalize(s).normalize('NFKC').toUpperCase().normalize('NFKC').replace(/\s/g, '');
}

const BLOCKS = new Set(['p', 'li', 'ul', 'ol', 'blockquote']);

/** The text of Markdown as rendered: block by block, as the extractors separate blocks. */
export function markdownText(src: unknown): string {
  const html = renderMarkdown(typeof src === 'string' ? src : '');
  const dom = parseDocument(html, { decodeEntities: true });
  const out: string[] = [];
  const walk = (nodes: ReturnType<typeof parseDocument>['children']) => {
    for (const n of nodes) {
      if (n.type === 'text') out.push((n as unknown as { data: string }).data);
      else if (n.type === 'tag') {
        const name = (n as { name: string }).name;
        if (name === 'br') out.push(' ');
        walk((n as unknown as { children: typeof nodes }).children);
        if (BLOCKS.has(name)) out.push(' ');
      }
    }
  };
  walk(dom.children);
  return out.join('');
}

export interface Needle {
  /** Where in the plan, e.g. "centri[0].servizi[1].gruppi[0].obiettivi[2].fasi[3]". */
  where: string;
  text: string;
}

type Order = { responsabili: string; personale: string };

/** The name orders of the plan (documento.ordine_nomi), or of a settore where it has its own. */
function orders(plan: Json, centro?: Json): Order {
  const base = obj(obj(plan.documento).ordine_nomi);
  const own = centro ? obj(centro.ordine_nomi) : {};
  return {
    responsabili: str(own.responsabili ?? base.responsabili ?? 'nome_cognome'),
    personale: str(own.personale ?? base.personale ?? 'nome_cognome'),
  };
}

const personName = (plan: Json, id: unknown, order = 'nome_cognome'): string => {
  const p = obj(obj(plan.persone)[id as string]);
  const names = order === 'cognome_nome' ? [p.cognome, p.nome] : [p.nome, p.cognome];
  return [p.titolo, ...names].filter(Boolean).join(' ');
};

/** One objective's texts: title, description, phases, indicators, target, and the other rows the default table shows. */
function objectiveNeedles(plan: Json, o: Json, at: string, responsabile: string | undefined, order: Order): Needle[] {
  const n: Needle[] = [];
  const add = (where: string, v: unknown) => n.push({ where: `${at}.${where}`, text: str(v) });
  if (responsabile) n.push({ where: `${at}.responsabile`, text: personName(plan, responsabile, order.responsabili) });
  add('titolo', o.titolo);
  add('tipo', o.tipo);
  add('descrizione', o.descrizione);
  list(o.fasi).forEach((f, i) => {
    if (typeof f === 'string') return add(`fasi[${i}]`, f);
    add(`fasi[${i}].descrizione`, obj(f).descrizione);
    add(`fasi[${i}].output`, obj(f).output);
  });
  list(o.indicatori).forEach((x, i) => {
    if (typeof x === 'string') return add(`indicatori[${i}]`, x);
    const ind = obj(x);
    add(`indicatori[${i}].nome`, ind.nome);
    // The details are shown when the indicator has any besides its name and consuntivo.
    const details = Object.keys(ind).some((k) => k !== 'nome' && k !== 'consuntivo');
    if (!details) return;
    for (const k of ['formula', 'unita', 'baseline'] as const) add(`indicatori[${i}].${k}`, ind[k]);
    if (Array.isArray(ind.target)) add(`indicatori[${i}].target`, ind.target.map(str).join(' / '));
    add(`indicatori[${i}].fonte`, ind.fonte);
  });
  add('target', o.target);
  add('termine.nota', obj(o.termine).nota);
  for (const k of ['stakeholder', 'contributor', 'baseline', 'fonte_dati', 'valore_pubblico', 'obiettivo_strategico', 'missione_programma', 'codice_dup', 'pnrr']) add(k, o[k]);
  if (typeof o.risorse === 'string') add('risorse', o.risorse);
  else for (const k of ['umane', 'strumentali', 'finanziarie']) add(`risorse.${k}`, obj(o.risorse)[k]);
  list(o.altri_campi).forEach((r, i) => {
    add(`altri_campi[${i}].etichetta`, obj(r).etichetta);
    add(`altri_campi[${i}].valore`, obj(r).valore);
  });
  list(o.personale).forEach((p, i) => n.push({ where: `${at}.personale[${i}]`, text: personName(plan, p, order.personale) }));
  return n;
}

/** Every text of the plan a reader must find, in document order (templates/default/documento.hbs). */
export function planNeedles(plan: Json): Needle[] {
  const n: Needle[] = [];
  const piano = obj(plan.piano);
  n.push({ where: 'piano.sezione+titolo', text: `${(piano.sezione as string | undefined) ?? '2.2'} ${(piano.titolo as string | undefined) ?? 'Performance'}` });
  n.push({ where: 'introduzione', text: markdownText(plan.introduzione) });
  n.push({ where: 'ente.nome', text: str(obj(plan.ente).nome) });
  list(plan.centri).forEach((c0, ci) => {
    const c = obj(c0);
    n.push({ where: `centri[${ci}].nome`, text: str(c.nome) });
    n.push({ where: `centri[${ci}].responsabile`, text: c.responsabile ? personName(plan, c.responsabile, orders(plan).responsabili) : '-' });
  });
  n.push({ where: 'nota_centri', text: markdownText(plan.nota_centri) });
  if (plan.segretario !== undefined) {
    const s = obj(plan.segretario);
    n.push({ where: 'segretario.persona', text: personName(plan, s.persona, orders(plan).responsabili) });
    n.push({ where: 'segretario.funzioni', text: markdownText(s.funzioni) });
    list(s.incarichi).forEach((x, i) => n.push({ where: `segretario.incarichi[${i}]`, text: str(x) }));
    list(s.convenzione).forEach((x, i) => n.push({ where: `segretario.convenzione[${i}]`, text: str(x) }));
    list(s.obiettivi).forEach((o, i) => n.push(...objectiveNeedles(plan, obj(o), `segretario.obiettivi[${i}]`, undefined, orders(plan))));
  }
  list(plan.centri).forEach((c0, ci) => {
    const c = obj(c0);
    // A settore with no staff, no servizi and no head has no part of its own (as in the seed).
    if (list(c.personale).length === 0 && list(c.servizi).length === 0 && list(c.obiettivi).length === 0 && !c.responsabile) return;
    const at = `centri[${ci}]`;
    const order = orders(plan, c);
    n.push({ where: `${at}.intestazione`, text: str(c.intestazione ?? c.nome) });
    n.push({ where: `${at}.responsabile`, text: c.responsabile ? personName(plan, c.responsabile, order.responsabili) : '-' });
    list(c.personale).forEach((p, i) => n.push({ where: `${at}.personale[${i}]`, text: personName(plan, p, order.personale) }));
    list(c.obiettivi).forEach((o0, oi) => {
      const o = obj(o0);
      const resp = (o.responsabile as string | undefined) ?? (c.responsabile as string | null | undefined) ?? undefined;
      n.push(...objectiveNeedles(plan, o, `${at}.obiettivi[${oi}]`, resp, order));
    });
    list(c.servizi).forEach((sv0, si) => {
      const sv = obj(sv0);
      n.push({ where: `${at}.servizi[${si}].nome`, text: str(sv.nome) });
      list(sv.funzioni).forEach((f, i) => n.push({ where: `${at}.servizi[${si}].funzioni[${i}]`, text: str(f) }));
      list(sv.gruppi).forEach((g0, gi) => {
        const g = obj(g0);
        n.push({ where: `${at}.servizi[${si}].gruppi[${gi}].titolo`, text: str(g.titolo) });
        list(g.obiettivi).forEach((o0, oi) => {
          const o = obj(o0);
          const resp = (o.responsabile as string | undefined) ?? (c.responsabile as string | null | undefined) ?? undefined;
          n.push(...objectiveNeedles(plan, o, `${at}.servizi[${si}].gruppi[${gi}].obiettivi[${oi}]`, resp, order));
        });
      });
    });
  });
  return n.map((x) => ({ ...x, text: canonical(x.text) })).filter((x) => x.text !== '');
}

/**
 * The needles not found in `haystack` in order (compared `bare`) (each searched after the previous one found),
 * each said "missing" or "out of order" (present, but earlier).
 */
export function missingNeedles(haystack: string, needles: Needle[]): { needle: Needle; how: 'mancante' | 'fuori ordine' }[] {
  const out: { needle: Needle; how: 'mancante' | 'fuori ordine' }[] = [];
  let from = 0;
  const hay = bare(haystack);
  for (const needle of needles) {
    const text = bare(needle.text);
    const at = hay.indexOf(text, from);
    if (at >= 0) from = at + text.length;
    else out.push({ needle, how: hay.includes(text) ? 'fuori ordine' : 'mancante' });
  }
  return out;
}
