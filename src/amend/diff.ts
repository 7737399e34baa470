/**
 * What an amendment changes, as data: the objectives added, removed and changed field by field,
 * with the words changed inside a text; weights per person before and after, with the totals; the
 * checks' findings on the new version; the amendment's own data (revision, delibera, motivazione).
 * Values are compared as the documents print them (the view: deadlines, weights, names formatted),
 * because that is what the Giunta reads and approves, not the YAML behind it.
 * The prospetto (prospetto.ts) and the CSV are made from this, and so are the tests' assertions.
 */
import { diffWordsWithSpace } from 'diff';
import { runChecks, type CheckResult, type Placed } from '../plan/checks.js';
import type { Diagnostic } from '../plan/diagnostics.js';
import type { LoadedPlan } from '../plan/load.js';
import { currentVariazione, type Piano, type Variazione } from '../plan/schema.js';
import type { PesoTipo } from '../render/format.js';
import { allObjectives, buildView, type ObiettivoView, type PlanView } from '../render/view.js';
import { matchObjectives, placeAfterRenames, placeKey, renamedServizi, type MatchedPair } from './match.js';

/** A piece of a value as shown: unchanged, or the words removed (`del`) or inserted (`ins`). */
export interface Segment {
  text: string;
  mark?: 'del' | 'ins';
}

export interface FieldChange {
  /** The field's key ("termine", "peso", or "altri_campi:<etichetta>"). */
  campo: string;
  /** As the objective's card labels it ("Termine"). */
  etichetta: string;
  /** The value as printed; "" where the version has none. */
  prima: string;
  dopo: string;
  /** The same values with the words removed from `prima` and inserted in `dopo` marked. */
  prima_parti: Segment[];
  dopo_parti: Segment[];
}

/** One objective as one version prints it, with where it sits. */
export interface Side {
  placed: Placed;
  view: ObiettivoView;
  /** "Settore Amministrativo – Servizio Demografico", "Segretario Comunale". */
  dove: string;
  /** The responsabile as printed (the centro's when the objective names none). */
  responsabile: string;
}

export interface ObjectiveChange {
  tipo: 'aggiunto' | 'eliminato' | 'modificato';
  /** The old version (removed, changed), the new one (added, changed). */
  prima?: Side;
  dopo?: Side;
  /** Where it was and where it is, when it moved to another settore, servizio or the Segretario. */
  spostato?: { da: string; a: string };
  /** The fields that differ (a changed objective), in the card's order. */
  campi: FieldChange[];
  /** How a changed objective was recognised; `uncertain` when the prospetto must ask to check it. */
  abbinamento?: Pick<MatchedPair, 'how' | 'score' | 'uncertain'>;
}

export interface WeightRow {
  obiettivo: string;
  dove: string;
  /** undefined: the objective does not weigh on this person in that version; null: left blank. */
  prima?: number | null;
  dopo?: number | null;
}

export interface WeightChange {
  tipo: PesoTipo;
  persona: string;
  /** The Segretario's role, or "Responsabile" (result allowance); none for CCDI shares and coefficients. */
  ruolo?: string;
  righe: WeightRow[];
  totale_prima?: number;
  totale_dopo?: number;
  /** The expected total of the new version (result allowance only). */
  atteso?: number | null;
}

export interface CheckFinding {
  diagnostic: Diagnostic;
  /** Not among the old version's findings (same code and message). */
  nuovo: boolean;
}

export interface PlanDiff {
  prima: { plan: Piano; view: PlanView; checks: CheckResult; file: string };
  dopo: { plan: Piano; view: PlanView; checks: CheckResult; file: string };
  /** Every objective added, removed or changed: in the new plan's order, a removed one where it was. */
  modifiche: ObjectiveChange[];
  pesi: WeightChange[];
  /** The total of every CCDI share, before and after (when either version has any). */
  ccdi_totale?: { prima: number; dopo: number };
  /** Errors and warnings of the checks on the new version. */
  controlli: CheckFinding[];
  /** The new version's last amendment (the one this prospetto is the annex of), if it has any. */
  variazione?: Variazione;
  /** Servizi renamed (same centro and position, another name): their objectives stay where they were. */
  servizi_rinominati: { centro: string; settore: string; prima: string; dopo: string }[];
}

export function diffPlans(oldLoaded: LoadedPlan, newLoaded: LoadedPlan): PlanDiff {
  const before = side(oldLoaded);
  const after = side(newLoaded);
  // A servizio renamed is not a move of its objectives: said once, in its settore.
  const rinominati = renamedServizi(oldLoaded.plan, newLoaded.plan);
  const oldPlace = placeAfterRenames(rinominati);
  const matching = matchObjectives(before.checks.obiettivi, after.checks.obiettivi, oldPlace);

  const changes: ObjectiveChange[] = [];
  for (const pair of matching.pairs) {
    const prima = before.side(pair.old);
    const dopo = after.side(pair.new);
    const campi = fieldChanges(prima, dopo);
    const moved = oldPlace(pair.old) !== placeKey(pair.new);
    if (!campi.length && !moved) continue;
    changes.push({
      tipo: 'modificato', prima, dopo, campi,
      ...(moved && { spostato: { da: prima.dove, a: dopo.dove } }),
      abbinamento: { how: pair.how, score: pair.score, uncertain: pair.uncertain },
    });
  }
  for (const p of matching.added) changes.push({ tipo: 'aggiunto', dopo: after.side(p), campi: [] });
  // A removed objective goes where it was: after the changes of the objectives that were before it in the old plan.
  const oldOrder = new Map(before.checks.obiettivi.map((p, i) => [p, i]));
  const newOrder = new Map(after.checks.obiettivi.map((p, i) => [p, i]));
  const partnerOld = new Map(matching.pairs.map((m) => [m.new, m.old]));
  const key = (c: ObjectiveChange): [number, number] => {
    if (c.dopo) {
      const old = partnerOld.get(c.dopo.placed);
      return [newOrder.get(c.dopo.placed)!, old ? oldOrder.get(old)! : -1];
    }
    // The removed objective's place in the new order: after the last new objective paired with an earlier old one.
    const at = oldOrder.get(c.prima!.placed)!;
    let pos = -0.5;
    for (const m of matching.pairs) if (oldOrder.get(m.old)! < at) pos = Math.max(pos, newOrder.get(m.new)! + 0.5);
    return [pos, at];
  };
  for (const p of matching.removed) changes.push({ tipo: 'eliminato', prima: before.side(p), campi: [] });
  const keys = new Map(changes.map((c) => [c, key(c)]));
  changes.sort((a, b) => keys.get(a)![0] - keys.get(b)![0] || keys.get(a)![1] - keys.get(b)![1]);

  const identity = identities(matching);
  const { pesi, ccdi_totale } = weightChanges(before, after, identity);
  const oldFindings = new Set(before.checks.diagnostics.map((d) => `${d.code}\u0000${d.message}`));
  const controlli = after.checks.diagnostics
    .filter((d) => d.severity !== 'info')
    .map((d) => ({ diagnostic: d, nuovo: !oldFindings.has(`${d.code}\u0000${d.message}`) }));
  const variazione = currentVariazione(newLoaded.plan);

  return {
    prima: { plan: oldLoaded.plan, view: before.view, checks: before.checks, file: oldLoaded.file },
    dopo: { plan: newLoaded.plan, view: after.view, checks: after.checks, file: newLoaded.file },
    modifiche: changes, pesi, ...(ccdi_totale && { ccdi_totale }), controlli,
    ...(variazione && { variazione }),
    servizi_rinominati: rinominati,
  };
}

/** A version: its checks (placed objectives, weights), its view, and each objective's side. */
function side(loaded: LoadedPlan) {
  const checks = runChecks(loaded);
  const view = buildView(loaded.plan);
  // The view's objectives and the checks' placed ones come from the same walk, in the same order.
  const views = allObjectives(view);
  if (views.length !== checks.obiettivi.length) throw new Error('obiettivi del piano e della vista non corrispondono');
  const byPlaced = new Map(checks.obiettivi.map((p, i) => [p, views[i]!]));
  const sides = new Map<Placed, Side>();
  return {
    checks, view,
    side(p: Placed): Side {
      let s = sides.get(p);
      if (!s) {
        s = { placed: p, view: byPlaced.get(p)!, dove: placeName(p), responsabile: p.responsabile ? checks.nome(p.responsabile) : '' };
        sides.set(p, s);
      }
      return s;
    },
  };
}

/** "Settore Amministrativo – Servizio Demografico", or the Segretario's role. */
export function placeName(p: Placed): string {
  return [p.settore, p.servizio].filter(Boolean).join(' – ');
}

/** The fields compared, in the order of the objective's card, each as printed. */
const FIELDS: { campo: string; etichetta: string; value: (s: Side) => string }[] = [
  { campo: 'numero', etichetta: 'Numero', value: (s) => s.view.etichetta },
  { campo: 'titolo', etichetta: 'Titolo', value: (s) => s.view.titolo },
  { campo: 'responsabile', etichetta: 'Responsabile', value: (s) => s.responsabile },
  { campo: 'tipo', etichetta: 'Tipo di obiettivo', value: (s) => s.view.tipo ?? '' },
  { campo: 'descrizione', etichetta: 'Descrizione sintetica del contenuto', value: (s) => s.view.descrizione },
  { campo: 'fasi', etichetta: 'Fasi', value: (s) => s.view.fasi.map((f) => `• ${f.descrizione}${f.periodo ? ` (${f.periodo})` : ''}${f.peso ? ` – peso ${f.peso}` : ''}${f.output ? `\nOutput: ${f.output}` : ''}`).join('\n') },
  {
    campo: 'indicatori', etichetta: 'Indicatori di risultato',
    value: (s) => s.view.indicatori.map((i) => [
      `• ${i.nome}`, i.tipo && `Tipo: ${i.tipo}`, i.dimensione && `Dimensione: ${i.dimensione}`, i.formula && `Formula: ${i.formula}`,
      i.unita && `Unità di misura: ${i.unita}`, i.polarita && `Polarità: ${i.polarita}`, i.baseline && `Baseline: ${i.baseline}`,
      i.target && `Target${i.target_periodo ? ` ${i.target_periodo}` : ''}: ${i.target}`, i.fonte && `Fonte: ${i.fonte}`, i.peso && `Peso: ${i.peso}`,
    ].filter(Boolean).join('\n')).join('\n'),
  },
  { campo: 'target', etichetta: 'Target (valore atteso)', value: (s) => s.view.target ?? '' },
  { campo: 'termine', etichetta: 'Termine', value: (s) => s.view.termine },
  { campo: 'stakeholder', etichetta: 'Stakeholder', value: (s) => s.view.stakeholder ?? '' },
  { campo: 'contributor', etichetta: 'Contributor', value: (s) => s.view.contributor ?? '' },
  { campo: 'baseline', etichetta: 'Baseline', value: (s) => s.view.baseline ?? '' },
  { campo: 'fonte_dati', etichetta: 'Fonte dei dati', value: (s) => s.view.fonte_dati ?? '' },
  { campo: 'valore_pubblico', etichetta: 'Valore pubblico', value: (s) => s.view.valore_pubblico ?? '' },
  { campo: 'obiettivo_strategico', etichetta: 'Obiettivo strategico', value: (s) => s.view.obiettivo_strategico ?? '' },
  { campo: 'missione_programma', etichetta: 'Missione e programma (DUP)', value: (s) => s.view.missione_programma ?? '' },
  { campo: 'codice_dup', etichetta: 'Codice DUP', value: (s) => s.view.codice_dup ?? '' },
  { campo: 'pnrr', etichetta: 'Misura PNRR', value: (s) => s.view.pnrr ?? '' },
  { campo: 'risorse', etichetta: 'Risorse', value: (s) => s.view.risorse ?? '' },
  { campo: 'risorse_umane', etichetta: 'Risorse umane', value: (s) => s.view.risorse_umane ?? '' },
  { campo: 'risorse_strumentali', etichetta: 'Risorse strumentali', value: (s) => s.view.risorse_strumentali ?? '' },
  { campo: 'risorse_finanziarie', etichetta: 'Risorse finanziarie', value: (s) => s.view.risorse_finanziarie ?? '' },
  { campo: 'rilevante_valutazione', etichetta: 'Rilevante ai fini della valutazione', value: (s) => s.view.rilevante_valutazione ?? '' },
  { campo: 'tempi_pagamento', etichetta: 'Obiettivo sui tempi di pagamento (art. 4-bis)', value: (s) => (s.view.tempi_pagamento ? 'Sì' : '') },
  { campo: 'prerequisito', etichetta: 'Obiettivo prerequisito', value: (s) => (s.view.prerequisito ? 'Sì' : '') },
  { campo: 'prerequisiti', etichetta: 'Obiettivi prerequisiti', value: (s) => s.view.prerequisiti.map((p) => `• ${p}`).join('\n') },
  { campo: 'peso', etichetta: 'Peso', value: (s) => pesoText(s.view) },
  { campo: 'personale', etichetta: 'Personale coinvolto', value: (s) => s.view.personale },
];

/** A weight as the prospetto says it: "60% dell'indennità di risultato", "8% della somma CCDI", "coefficiente 1,2". */
function pesoText(v: ObiettivoView): string {
  const p = v.peso;
  if (!p) return '';
  if (p.numero === null) return `non indicato (${{ risultato: 'indennità di risultato', ccdi: 'somma CCDI', coefficiente: 'coefficiente' }[p.tipo]})`;
  return { risultato: `${p.valore} dell'indennità di risultato`, ccdi: `${p.valore} della somma CCDI`, coefficiente: `coefficiente ${p.valore}` }[p.tipo];
}

function fieldChanges(a: Side, b: Side): FieldChange[] {
  const out: FieldChange[] = [];
  const fields = [
    ...FIELDS,
    // The plan's own rows, by their label.
    ...[...new Set([...a.view.altri_campi, ...b.view.altri_campi].map((c) => c.etichetta))].map((etichetta) => ({
      campo: `altri_campi:${etichetta}`, etichetta,
      value: (s: Side) => s.view.altri_campi.filter((c) => c.etichetta === etichetta).map((c) => c.valore).join('\n'),
    })),
  ];
  for (const f of fields) {
    const prima = f.value(a);
    const dopo = f.value(b);
    // What the documents cannot show is no change: Unicode forms (the documents are NFC), runs of spaces.
    if (shown(prima) === shown(dopo)) continue;
    out.push({ campo: f.campo, etichetta: f.etichetta, prima, dopo, ...wordDiff(prima, dopo) });
  }
  return out;
}

/** A value as a reader sees it: in NFC, runs of spaces (non-breaking too) collapsed, none at the edges; line breaks kept. */
function shown(v: string): string {
  return v.normalize('NFC').replace(/[ \t\u00a0]+/g, ' ').trim();
}

/**
 * The words removed from `prima` and inserted in `dopo`, whitespace kept as written so that each
 * side's parts read back as its text. Spaces at the edges of a change stay unmarked.
 */
export function wordDiff(prima: string, dopo: string): { prima_parti: Segment[]; dopo_parti: Segment[] } {
  const left: Segment[] = [];
  const right: Segment[] = [];
  const parts = diffWordsWithSpace(prima, dopo);
  // Two values with little in common (another name, another kind of deadline) are changed as a whole:
  // marking the odd word they share ("Dott.") would say less, not more.
  const letters = (s: string) => s.replace(/\s+/g, '').length;
  const common = letters(parts.filter((p) => !p.added && !p.removed).map((p) => p.value).join(''));
  if (common < 0.5 * Math.min(letters(prima), letters(dopo))) {
    push(left, prima, 'del');
    push(right, dopo, 'ins');
    return { prima_parti: left, dopo_parti: right };
  }
  for (const part of parts) {
    if (part.added) push(right, part.value, 'ins');
    else if (part.removed) push(left, part.value, 'del');
    else {
      push(left, part.value);
      push(right, part.value);
    }
  }
  return { prima_parti: left, dopo_parti: right };
}

function push(into: Segment[], text: string, mark?: 'del' | 'ins'): void {
  const add = (t: string, m?: 'del' | 'ins') => {
    if (!t) return;
    const last = into.at(-1);
    if (last && last.mark === m) last.text += t;
    else into.push({ text: t, ...(m && { mark: m }) });
  };
  if (!mark) return add(text);
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
  add(m[1]!);
  add(m[2]!, mark);
  add(m[3]!);
}

/** Each objective's identity across the two versions: the same key for a matched pair. */
function identities(m: ReturnType<typeof matchObjectives>): Map<Placed, string> {
  const id = new Map<Placed, string>();
  m.pairs.forEach((p, i) => {
    id.set(p.old, `c${i}`);
    id.set(p.new, `c${i}`);
  });
  m.removed.forEach((p, i) => id.set(p, `r${i}`));
  m.added.forEach((p, i) => id.set(p, `a${i}`));
  return id;
}

type Version = ReturnType<typeof side>;

/**
 * Weights per person that changed (a value, an objective more or less, the total), from the checks'
 * summary of each version (plan/checks/weights.ts): every objective of such a person, before and after.
 */
function weightChanges(before: Version, after: Version, identity: Map<Placed, string>): { pesi: WeightChange[]; ccdi_totale?: { prima: number; dopo: number } } {
  // A summary's line names its objective by place, label and title: found again among the version's objectives.
  const lineKey = (l: { settore: string; servizio?: string; etichetta: string; titolo: string }) => [l.settore, l.servizio ?? '', l.etichetta, l.titolo].join('\u0000');
  // Two objectives may share all of that (two "Obiettivo comune" of one title in two groups of a servizio): then in order.
  const placedOf = (v: Version) => {
    const m = new Map<string, Placed[]>();
    for (const p of v.checks.obiettivi) {
      const k = lineKey({ settore: p.settore, ...(p.servizio && { servizio: p.servizio }), etichetta: p.etichetta, titolo: p.o.titolo });
      m.set(k, [...(m.get(k) ?? []), p]);
    }
    return m;
  };
  const oldPlaced = placedOf(before);
  const newPlaced = placedOf(after);

  type Person = { persona: string; ruolo?: string; totale: number; atteso?: number | null; righe: Map<string, { obiettivo: string; dove: string; peso: number | null }> };
  const people = (v: Version, placed: Map<string, Placed[]>) => {
    const out = new Map<string, Person>();
    const add = (tipo: PesoTipo, who: string, r: { persona: string; totale: number; obiettivi: { settore: string; servizio?: string; etichetta: string; titolo: string; peso: number | null }[] }, extra: Partial<Person> = {}) => {
      const righe = new Map<string, { obiettivo: string; dove: string; peso: number | null }>();
      const seen = new Map<string, number>();
      r.obiettivi.forEach((l, i) => {
        const k = lineKey(l);
        const n = seen.get(k) ?? 0;
        seen.set(k, n + 1);
        const p = placed.get(k)?.[n];
        righe.set(p ? identity.get(p)! : `?${i}`, { obiettivo: `${l.etichetta} – ${l.titolo}`, dove: l.servizio ? `${l.settore} – ${l.servizio}` : l.settore, peso: l.peso });
      });
      out.set(`${tipo}\u0000${who}`, { persona: r.persona, totale: r.totale, righe, ...extra });
    };
    const pesi = v.checks.pesi;
    // The Segretario's allowance is apart from her result allowance as responsabile of a settore, if she is one.
    for (const r of pesi.risultato) add('risultato', `${r.segretario ? 'S' : 'R'}${r.id}`, r, { ruolo: r.segretario ? (r.ruolo ?? 'Segretario Comunale') : 'Responsabile', atteso: r.atteso });
    for (const r of pesi.ccdi) add('ccdi', r.id, r);
    for (const r of pesi.coefficiente) add('coefficiente', r.id, r);
    return out;
  };
  const old = people(before, oldPlaced);
  const now = people(after, newPlaced);

  const pesi: WeightChange[] = [];
  const keys = [...now.keys(), ...[...old.keys()].filter((k) => !now.has(k))];
  for (const k of keys) {
    const a = old.get(k);
    const b = now.get(k);
    const tipo = k.split('\u0000')[0] as PesoTipo;
    const ids = mergeOrder([...(a?.righe.keys() ?? [])], [...(b?.righe.keys() ?? [])]);
    const righe: WeightRow[] = ids.map((id) => {
      const x = a?.righe.get(id);
      const y = b?.righe.get(id);
      return { obiettivo: (y ?? x)!.obiettivo, dove: (y ?? x)!.dove, ...(x && { prima: x.peso }), ...(y && { dopo: y.peso }) };
    });
    const changed = !a || !b || a.totale !== b.totale || righe.some((r) => r.prima !== r.dopo);
    if (!changed) continue;
    const who = (b ?? a)!;
    pesi.push({
      tipo, persona: who.persona, ...(who.ruolo !== undefined && { ruolo: who.ruolo }), righe,
      ...(a && { totale_prima: a.totale }), ...(b && { totale_dopo: b.totale }),
      ...(tipo === 'risultato' && { atteso: b?.atteso ?? a?.atteso ?? null }),
    });
  }
  const ccdiSum = (v: Version) => Math.round(v.checks.pesi.ccdi.reduce((s, r) => s + r.totale, 0) * 1000) / 1000;
  const any = before.checks.pesi.ccdi.length + after.checks.pesi.ccdi.length > 0;
  return { pesi, ...(any && { ccdi_totale: { prima: ccdiSum(before), dopo: ccdiSum(after) } }) };
}

/** The new order, with each item only in the old one put back near where it was (before the next item both have). */
function mergeOrder(old: string[], now: string[]): string[] {
  const keep = new Set(now);
  const out: string[] = [];
  let i = 0;
  for (const id of now) {
    const at = old.indexOf(id);
    if (at >= i) {
      for (; i < at; i++) if (!keep.has(old[i]!)) out.push(old[i]!);
      i = at + 1;
    }
    out.push(id);
  }
  for (; i < old.length; i++) if (!keep.has(old[i]!)) out.push(old[i]!);
  return out;
}

/** How many changes of each kind: objectives added, removed, changed (moved ones among them), weights. */
export function countChanges(d: PlanDiff): { aggiunti: number; eliminati: number; modificati: number; spostati: number; incerti: number; pesi: number } {
  const m = d.modifiche;
  return {
    aggiunti: m.filter((c) => c.tipo === 'aggiunto').length,
    eliminati: m.filter((c) => c.tipo === 'eliminato').length,
    modificati: m.filter((c) => c.tipo === 'modificato').length,
    spostati: m.filter((c) => c.spostato).length,
    incerti: m.filter((c) => c.abbinamento?.uncertain).length,
    pesi: d.pesi.length,
  };
}

/** Nothing the Giunta would see differs: no objective and no weight changed. */
export function isEmpty(d: PlanDiff): boolean {
  return d.modifiche.length === 0 && d.pesi.length === 0 && d.servizi_rinominati.length === 0;
}

