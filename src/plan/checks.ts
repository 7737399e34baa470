/**
 * Domain checks on a valid plan: the rules a Segretario and the Nucleo di Valutazione care
 * about (art. 4-bis D.L. 13/2023, weights summing to the allowance, blank weights, staff outside
 * the settore, deadlines outside the year, non-measurable targets, objectives without
 * indicators), a completeness report against the nine questions of the official guidance, and
 * the summary of weights per person that the staff office needs for the CCDI.
 */
import type { Diagnostic, Severity } from './diagnostics.js';
import { formatPath } from './diagnostics.js';
import type { LoadedPlan } from './load.js';
import type { CheckCode, Obiettivo, Piano } from './schema.js';
import { formatName, formatPercent, numberGroup, objectiveLabel, pesoTipo } from '../render/format.js';
import { closest } from './suggest.js';

/** One objective with where it sits. */
interface Placed {
  o: Obiettivo;
  path: PropertyKey[];
  /** "Segretario Comunale" or the centro's name. */
  settore: string;
  servizio?: string;
  centro?: Piano['centri'][number];
  etichetta: string;
  responsabile?: string;
  segretario: boolean;
}

export type Answer = 'sì' | 'parziale' | 'no';

export const QUESTIONS = [
  { key: 'a', label: 'obiettivo', text: 'Cosa prevediamo di fare (obiettivo)?' },
  { key: 'b', label: 'responsabile', text: 'Chi risponderà dell\'obiettivo?' },
  { key: 'c', label: 'stakeholder', text: 'A chi è rivolto?' },
  { key: 'd', label: 'contributor', text: 'Chi contribuirà a raggiungerlo?' },
  { key: 'e', label: 'termine', text: 'Entro quando?' },
  { key: 'f', label: 'indicatore e formula', text: 'Come misuriamo il raggiungimento?' },
  { key: 'g', label: 'baseline', text: 'Da dove partiamo?' },
  { key: 'h', label: 'target', text: 'Qual è il traguardo atteso?' },
  { key: 'i', label: 'fonte dei dati', text: 'Dove sono verificabili i dati?' },
] as const;

export type QuestionKey = (typeof QUESTIONS)[number]['key'];

export interface CompletenessRow {
  settore: string;
  servizio?: string;
  etichetta: string;
  titolo: string;
  risposte: Record<QuestionKey, Answer>;
  /** Share of the nine questions answered (a partial answer counts half), 0..100. */
  punteggio: number;
}

export interface Completeness {
  righe: CompletenessRow[];
  settori: { settore: string; obiettivi: number; punteggio: number }[];
  punteggio: number;
}

export interface WeightLine {
  settore: string;
  etichetta: string;
  titolo: string;
  /** null: left blank in the plan. */
  peso: number | null;
}

export interface WeightSummary {
  /** Each responsabile's result allowance, split by objective. */
  risultato: { persona: string; id: string; segretario: boolean; obiettivi: WeightLine[]; totale: number; atteso: number | null }[];
  /** Each employee's shares of the CCDI performance fund. */
  ccdi: { persona: string; id: string; obiettivi: WeightLine[]; totale: number }[];
}

export interface CheckResult {
  diagnostics: Diagnostic[];
  completezza: Completeness;
  pesi: WeightSummary;
}

const YES_NO = /^(sì|si|no|s[iì]\/no|raggiunto|non raggiunto|realizzato|completato|approvato|adottato|pubblicato)(?=$|[\s,.;:!])/iu;

/** A target is measurable when it states a number, a percentage, a date or a yes/no outcome. */
export function isMeasurable(target: string | undefined): boolean {
  if (!target) return false;
  return /\d/.test(target) || YES_NO.test(target.trim()) || /\b(entro il|entro la data)\b/i.test(target);
}

export function runChecks(loaded: LoadedPlan): CheckResult {
  const { plan, file, locate } = loaded;
  const levels = plan.controlli.livelli;
  const diagnostics: Diagnostic[] = [];
  const report = (severity: Severity, code: CheckCode, path: PropertyKey[], message: string, extra: { value?: string; hint?: string; key?: string } = {}) => {
    const level = levels[code] ?? severity;
    if (level === 'no') return;
    const pos = extra.key !== undefined ? locate(path, extra.key) : locate(path);
    diagnostics.push({
      severity: level, code, file, ...pos, path: formatPath(extra.key !== undefined ? [...path, extra.key] : path), message,
      ...(extra.value !== undefined && { value: extra.value }), ...(extra.hint !== undefined && { hint: extra.hint }),
    });
  };
  const name = (id: string | null | undefined) => (id && plan.persone[id] ? formatName(plan.persone[id]!) : (id ?? ''));
  const objectives = placeObjectives(plan);
  const title = (p: Placed) => `«${p.o.titolo}» (${p.settore}, ${p.etichetta})`;

  // Art. 4-bis c.2 D.L. 13/2023: whoever pays commercial invoices has a payment-times objective worth ≥ 30%.
  if (plan.controlli.tempi_pagamento) {
    const soglia = plan.controlli.soglia_tempi_pagamento;
    plan.centri.forEach((c, ci) => {
      if (!c.paga_fatture) return;
      const base: PropertyKey[] = ['centri', ci];
      if (!c.responsabile) {
        report('errore', 'tempi-pagamento.senza-responsabile', base, `il centro «${c.nome}» paga fatture commerciali ma non ha un responsabile a cui assegnare l'obiettivo sui tempi di pagamento`, { key: 'paga_fatture' });
        return;
      }
      const own = objectives.filter((p) => p.centro === c && p.responsabile === c.responsabile && p.o.tempi_pagamento);
      if (own.length === 0) {
        report('errore', 'tempi-pagamento.mancante', base,
          `${name(c.responsabile)} paga fatture commerciali ma non ha un obiettivo sui tempi di pagamento (art. 4-bis c.2 D.L. 13/2023)`,
          { key: 'paga_fatture', hint: `aggiungi un obiettivo con "tempi_pagamento: true" e peso di almeno ${formatPercent(soglia)} dell'indennità di risultato, oppure disattiva la regola con "controlli: { tempi_pagamento: false }"` });
        return;
      }
      const total = own.reduce((a, p) => a + (pesoTipo(p.o.peso) === 'risultato' ? (p.o.peso.risultato ?? 0) : 0), 0);
      if (total < soglia) {
        report('errore', 'tempi-pagamento.peso', [...own[0]!.path, 'peso'],
          `l'obiettivo sui tempi di pagamento di ${name(c.responsabile)} pesa ${formatPercent(total)} dell'indennità di risultato: l'art. 4-bis c.2 D.L. 13/2023 chiede almeno il ${formatPercent(soglia)}`,
          { value: formatPercent(total) });
      }
    });
  }

  // A responsabile's result-allowance weights sum to the expected total (100 by default).
  const atteso = plan.controlli.totale_risultato;
  const pesi = weightSummary(plan, objectives, name);
  for (const r of pesi.risultato) {
    const expected = r.atteso;
    if (expected === null || Math.abs(r.totale - expected) < 1e-9) continue;
    const mine = objectives.filter((p) => (r.segretario ? p.segretario : !p.segretario && p.responsabile === r.id) && pesoTipo(p.o.peso) === 'risultato');
    const detail = mine.map((p) => `${p.etichetta} ${p.o.peso.risultato === null || p.o.peso.risultato === undefined ? 'vuoto' : formatPercent(p.o.peso.risultato)}`).join(', ');
    if (r.segretario) {
      report('errore', 'pesi.somma-segretario', ['segretario', 'indennita_totale'],
        `i pesi degli obiettivi del Segretario sommano a ${formatPercent(r.totale)}, ma l'indennità di risultato attribuita dichiarata è ${formatPercent(expected)} (${detail})`,
        { value: formatPercent(r.totale) });
    } else {
      report('errore', 'pesi.somma-risultato', [...mine[0]!.path, 'peso'],
        `i pesi sull'indennità di risultato di ${r.persona} sommano a ${formatPercent(r.totale)}, non a ${formatPercent(expected)} (${detail})`,
        { value: formatPercent(r.totale), ...(atteso === 100 && { hint: 'se il vostro sistema di valutazione usa un altro totale, indicalo in "controlli: { totale_risultato: … }"' }) });
    }
  }

  for (const p of objectives) {
    const tipo = pesoTipo(p.o.peso);
    if (p.o.peso[tipo] === null && !p.o.prerequisito) {
      report('avviso', 'pesi.vuoto', [...p.path, 'peso'], `il peso dell'obiettivo ${title(p)} non è indicato`, { hint: 'indica il peso, oppure segna l\'obiettivo come "prerequisito: true" se non ne ha' });
    }

    // Staff involved should belong to the settore.
    const centro = p.centro;
    if (centro) {
      const members = new Set([...centro.personale, ...(centro.responsabile ? [centro.responsabile] : [])]);
      p.o.personale.forEach((id, i) => {
        if (members.has(id) || !plan.persone[id]) return;
        const near = closest(name(id), [...members].map(name));
        report('avviso', 'personale.fuori-settore', [...p.path, 'personale', i],
          `${name(id)} è nel personale coinvolto dell'obiettivo ${title(p)} ma non nel personale assegnato di «${centro.nome}»`,
          { value: id, hint: near ? `forse intendevi «${near}»?` : `aggiungila al personale assegnato del settore, se ne fa parte` });
      });
    }

    // Deadlines fall in the plan's year, and not before its approval.
    const t = p.o.termine;
    const year = plan.piano.anno;
    const approval = plan.piano.approvazione?.data;
    for (const key of ['entro', 'dal', 'al'] as const) {
      const d = t[key];
      if (!d) continue;
      if (Number(d.slice(0, 4)) !== year) {
        report('avviso', 'termine.fuori-anno', [...p.path, 'termine', key], `il termine dell'obiettivo ${title(p)} cade fuori dall'anno ${year} del piano`, { value: d });
      } else if (approval && d < approval && key !== 'dal') {
        report('avviso', 'termine.prima-approvazione', [...p.path, 'termine', key], `il termine dell'obiettivo ${title(p)} è precedente all'approvazione del piano (${approval})`, { value: d });
      }
    }
    if (t.anno !== undefined && t.anno !== year) {
      report('avviso', 'termine.fuori-anno', [...p.path, 'termine', 'anno'], `il termine dell'obiettivo ${title(p)} è l'anno ${t.anno}, non l'anno ${year} del piano`, { value: String(t.anno) });
    }

    // D.Lgs. 150/2009 art. 5: objectives are specific and measurable.
    const detailedTargets = p.o.indicatori.some((i) => typeof i !== 'string' && i.target && i.target.length > 0);
    if (p.o.target === undefined || p.o.target.trim() === '') {
      if (!detailedTargets) report('avviso', 'target.mancante', p.path, `l'obiettivo ${title(p)} non ha un target (valore atteso)`, { key: 'titolo', hint: 'indica un valore atteso: un numero, una percentuale, una data o un esito sì/no' });
    } else if (!isMeasurable(p.o.target) && !detailedTargets) {
      report('avviso', 'target.non-misurabile', [...p.path, 'target'],
        `target non misurabile: indica un valore atteso (numero, percentuale o data) per l'obiettivo ${title(p)}`,
        { value: p.o.target, hint: 'ad esempio "100% delle richieste evase entro 30 giorni" o "approvazione entro il 31 marzo"; l\'art. 5 del D.Lgs. 150/2009 chiede obiettivi misurabili' });
    }
    if (p.o.indicatori.length === 0) {
      report('avviso', 'indicatori.mancanti', p.path, `l'obiettivo ${title(p)} non ha indicatori di risultato`, { key: 'titolo', hint: 'aggiungi almeno un indicatore in "indicatori"' });
    }
  }

  return { diagnostics: diagnostics.sort((a, b) => a.line - b.line || a.col - b.col), completezza: completeness(objectives), pesi };
}

/** Every objective of the plan, in document order, with its context and its label as printed. */
function placeObjectives(plan: Piano): Placed[] {
  const out: Placed[] = [];
  const group = (objs: Obiettivo[], base: PropertyKey[], ctx: Omit<Placed, 'o' | 'path' | 'etichetta' | 'responsabile'>, resp: string | null | undefined) => {
    const numbers = numberGroup(objs);
    objs.forEach((o, oi) => {
      const etichetta = objectiveLabel(numbers[oi]);
      const responsabile = o.responsabile ?? resp ?? undefined;
      out.push({ ...ctx, o, path: [...base, oi], etichetta, ...(responsabile && { responsabile }) });
    });
  };
  if (plan.segretario) group(plan.segretario.obiettivi, ['segretario', 'obiettivi'], { settore: 'Segretario Comunale', segretario: true }, plan.segretario.persona);
  plan.centri.forEach((c, ci) =>
    c.servizi.forEach((s, si) =>
      s.gruppi.forEach((g, gi) =>
        group(g.obiettivi, ['centri', ci, 'servizi', si, 'gruppi', gi, 'obiettivi'], { settore: c.nome, servizio: s.nome, centro: c, segretario: false }, c.responsabile),
      ),
    ),
  );
  return out;
}

function weightSummary(plan: Piano, objectives: Placed[], name: (id: string) => string): WeightSummary {
  const line = (p: Placed, peso: number | null): WeightLine => ({ settore: p.settore, etichetta: p.etichetta, titolo: p.o.titolo, peso });
  const risultato: WeightSummary['risultato'] = [];
  if (plan.segretario) {
    const mine = objectives.filter((p) => p.segretario && pesoTipo(p.o.peso) === 'risultato');
    risultato.push({
      persona: name(plan.segretario.persona), id: plan.segretario.persona, segretario: true,
      obiettivi: mine.map((p) => line(p, p.o.peso.risultato ?? null)),
      totale: sum(mine.map((p) => p.o.peso.risultato ?? 0)), atteso: plan.segretario.indennita_totale,
    });
  }
  const byPerson = new Map<string, Placed[]>();
  for (const p of objectives) {
    if (p.segretario || !p.responsabile || pesoTipo(p.o.peso) !== 'risultato') continue;
    byPerson.set(p.responsabile, [...(byPerson.get(p.responsabile) ?? []), p]);
  }
  for (const [id, mine] of byPerson) {
    risultato.push({
      persona: name(id), id, segretario: false,
      obiettivi: mine.map((p) => line(p, p.o.peso.risultato ?? null)),
      totale: sum(mine.map((p) => p.o.peso.risultato ?? 0)), atteso: plan.controlli.totale_risultato,
    });
  }
  const ccdi = new Map<string, WeightLine[]>();
  for (const p of objectives) {
    if (pesoTipo(p.o.peso) !== 'ccdi') continue;
    for (const id of p.o.personale) ccdi.set(id, [...(ccdi.get(id) ?? []), line(p, p.o.peso.ccdi ?? null)]);
  }
  return {
    risultato,
    ccdi: [...ccdi.entries()].map(([id, obiettivi]) => ({ persona: name(id), id, obiettivi, totale: sum(obiettivi.map((o) => o.peso ?? 0)) })),
  };
}

function completeness(objectives: Placed[]): Completeness {
  const righe = objectives.map((p): CompletenessRow => {
    const o = p.o;
    const detailed = o.indicatori.filter((i) => typeof i !== 'string');
    const risposte: Record<QuestionKey, Answer> = {
      a: o.titolo && o.descrizione ? 'sì' : 'parziale',
      b: p.responsabile ? 'sì' : 'no',
      c: o.stakeholder ? 'sì' : 'no',
      d: o.contributor ? 'sì' : 'no',
      e: 'sì',
      f: detailed.some((i) => i.formula) ? 'sì' : o.indicatori.length ? 'parziale' : 'no',
      g: o.baseline || detailed.some((i) => i.baseline !== undefined) ? 'sì' : 'no',
      h: isMeasurable(o.target) || detailed.some((i) => i.target?.length) ? 'sì' : o.target ? 'parziale' : 'no',
      i: o.fonte_dati || detailed.some((i) => i.fonte) ? 'sì' : 'no',
    };
    return { settore: p.settore, ...(p.servizio && { servizio: p.servizio }), etichetta: p.etichetta, titolo: o.titolo, risposte, punteggio: score([risposte]) };
  });
  const settori: Completeness['settori'] = [];
  for (const r of righe) {
    if (!settori.some((s) => s.settore === r.settore)) {
      const mine = righe.filter((x) => x.settore === r.settore);
      settori.push({ settore: r.settore, obiettivi: mine.length, punteggio: score(mine.map((x) => x.risposte)) });
    }
  }
  return { righe, settori, punteggio: score(righe.map((r) => r.risposte)) };
}

function score(answers: Record<QuestionKey, Answer>[]): number {
  if (answers.length === 0) return 0;
  const points = answers.flatMap((a) => Object.values(a)).reduce((s, v) => s + (v === 'sì' ? 1 : v === 'parziale' ? 0.5 : 0), 0);
  return Math.round((points / (answers.length * QUESTIONS.length)) * 100);
}

function sum(xs: number[]): number {
  return Math.round(xs.reduce((a, b) => a + b, 0) * 1000) / 1000;
}
