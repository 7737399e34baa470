/**
 * The view: what templates see. Everything computed lives here — names resolved from the
 * registry, objectives numbered (plan/walk.ts objectiveNumbers), deadlines and weights formatted in
 * Italian, Markdown rendered — so that templates only place values, loop and branch.
 */
import { isRealDate, ruoloSegretario, writtenDecimals, type Fase, type Indicatore, type Obiettivo, type Piano } from '../plan/schema.js';
import { delDate, formatDate, joinItalian, registryNames, runningName, objectiveLabel, formatNumber, formatPercent, formatPeso, formatTermine, pesoTipo, termineDate, type PesoTipo } from './format.js';
import { renderMarkdown } from './markdown.js';
import { revisioniRows, testoCoordinato, type RevisioneView } from './history.js';
import { targetElsewhere } from '../plan/measure.js';
import { objectiveNumbers, objectivesOf, type PlacedObjective } from '../plan/walk.js';

export interface FaseView {
  /** 1-based position in the objective, and a code made of it ("F01"), for tables of phases. */
  numero: number;
  codice: string;
  descrizione: string;
  peso?: string;
  /** "dal 3 febbraio 2025 al 14 marzo 2025": the dates in one text; `inizio`/`fine` apart, for columns. */
  periodo?: string;
  inizio?: string;
  fine?: string;
  /** The same dates as written (AAAA-MM-GG), for the `data_formato` helper. */
  inizio_data?: string;
  fine_data?: string;
  output?: string;
}

export interface IndicatoreView {
  /** 1-based position in the objective. */
  numero: number;
  nome: string;
  tipo?: string;
  dimensione?: string;
  formula?: string;
  unita?: string;
  polarita?: string;
  baseline?: string;
  /** The targets joined ("10 / 8 / 6"), for the years `target_periodo` ("2025-2027", or "2025" for one value); `target_anni` one per year, for columns. */
  target?: string;
  target_periodo?: string;
  target_anni: { anno: number; valore: string }[];
  /** One value for each year of the plan's three ("–" where the plan gives none), for a column per year. */
  target_triennio: string[];
  fonte?: string;
  peso?: string;
  dettagli: boolean;
}

export interface ObiettivoView {
  /** The plan's identifier of the objective, where it has one. */
  id?: string;
  /** "Obiettivo n. 1" or "Obiettivo comune". */
  etichetta: string;
  numero?: number;
  comune: boolean;
  titolo: string;
  responsabile?: string;
  responsabile_id?: string;
  descrizione: string;
  fasi: FaseView[];
  indicatori: IndicatoreView[];
  target?: string;
  /** The expected result is given elsewhere: the indicators carry their own targets (per year), or weighted phases measure the objective; the card's "Target" row is then left out when the objective has none. */
  target_altrove: boolean;
  termine: string;
  termine_data?: string;
  /** The kind (`tipo`), a flag per kind for templates, the value as shown and as a number. */
  /** The kind (`tipo`), a flag per kind, the row's label (the plan's own, `documento.etichette`), the value as shown and as a number. */
  peso?: { tipo: PesoTipo; risultato: boolean; ccdi: boolean; coefficiente: boolean; etichetta: string; valore: string; numero: number | null };
  personale: string;
  personale_elenco: string[];
  tempi_pagamento: boolean;
  prerequisito: boolean;
  /** The objectives this one depends on ("prerequisiti"), named as in the document. */
  prerequisiti: string[];
  stakeholder?: string;
  contributor?: string;
  baseline?: string;
  fonte_dati?: string;
  valore_pubblico?: string;
  codice_dup?: string;
  missione_programma?: string;
  obiettivo_strategico?: string;
  pnrr?: string;
  /** The kind of objective as the plan writes it ("Performance organizzativa – annuale"). */
  tipo?: string;
  /** "Sì"/"No" where the plan says whether the objective counts for the evaluation. */
  rilevante_valutazione?: string;
  /** Resources as one text (`risorse`), or split (`risorse_umane`, …). */
  risorse?: string;
  risorse_umane?: string;
  risorse_strumentali?: string;
  risorse_finanziarie?: string;
  /** The plan's own extra rows, in order. */
  altri_campi: { etichetta: string; valore: string }[];
  settore?: string;
  servizio?: string;
}

export interface GruppoView {
  titolo?: string;
  obiettivi: ObiettivoView[];
}

export interface ServizioView {
  nome: string;
  funzioni: string[];
  gruppi: GruppoView[];
}

export interface SettoreView {
  id: string;
  numero: number;
  nome: string;
  intestazione: string;
  responsabile?: string;
  responsabile_id?: string;
  personale: string[];
  /** The same staff with their profile ("qualifica"), for the list under the settore's heading. */
  personale_assegnato: { nome: string; qualifica?: string }[];
  /** The settore's own objectives (a settore without servizi), before its servizi. */
  obiettivi: ObiettivoView[];
  /** All its objectives, its own and its servizi's, in order (a summary table of the settore). */
  tutti_obiettivi: ObiettivoView[];
  servizi: ServizioView[];
}

export interface SegretarioView {
  /** "Segretario Comunale", "Segretario Generale". */
  ruolo: string;
  nome: string;
  /** The name inside a sentence, with the title's article: "la dott.ssa Sonia Pagani"; `soggetto` starts a sentence ("La dott.ssa…"). */
  nome_in_frase: string;
  soggetto: string;
  persona_id: string;
  funzioni: string;
  incarichi: string[];
  convenzione?: string;
  quota_attivita?: string;
  indennita_totale: string;
  obiettivi: ObiettivoView[];
}

export interface PlanView {
  /** `del`, `presso`, `Presso`: the name with its article and preposition, for sentences ("del Comune di…", "dell'Università…"). */
  ente: { nome: string; breve: string; provincia?: string; sigla_provincia?: string; del: string; presso: string; Presso: string };
  piano: {
    anno: number;
    anno_fine: number;
    /** The three years, for a column per year. */
    anni: number[];
    triennio: string;
    sezione: string;
    titolo: string;
    revisione: number;
    /** `data` "30 gennaio 2024"; `del` the same after "del" ("dell'11 febbraio 2025"). */
    approvazione?: { organo: string; numero?: string; data: string; del: string };
    /** An amended plan (piano.variazioni): "Testo coordinato con le variazioni approvate con deliberazione di Giunta Comunale n. 45 del 20 giugno 2024". */
    testo_coordinato?: string;
    /** The table of revisions of an amended plan (row 0: the first approval); absent without variazioni. */
    revisioni?: RevisioneView[];
  };
  introduzione: string;
  centri: { numero: number; nome: string; responsabile: string }[];
  numero_centri: number;
  un_solo_centro: boolean;
  nota_centri: string;
  segretario?: SegretarioView;
  settori: SettoreView[];
}

export function buildView(plan: Piano): PlanView {
  // Names in the plan's order (documento.ordine_nomi), or in a settore's own (its part of the
  // document): responsabili and the Segretario as tables and headings name them; staff in lists.
  const namer = (order: Piano['documento']['ordine_nomi']) => registryNames(plan.persone, order);
  const { name } = namer(plan.documento.ordine_nomi);
  const centroNames = (c: Piano['centri'][number]) => namer({ ...plan.documento.ordine_nomi, ...c.ordine_nomi });
  const labels = weightLabels(plan);
  // Prerequisites are named by the label and title of the objective they point to.
  const numbers = objectiveNumbers(plan);
  const byId = new Map<string, string>();
  for (const { obiettivo, group } of objectivesOf(plan)) {
    if (!obiettivo.id) continue;
    const where = group.segretario ? ruoloSegretario(plan) : [group.centro?.nome, group.servizio?.nome].filter(Boolean).join(' – ');
    byId.set(obiettivo.id, `${objectiveLabel(numbers.get(obiettivo), obiettivo.comune)} «${obiettivo.titolo}» (${where})`);
  }

  type Names = ReturnType<typeof namer>;
  const objective = (o: Obiettivo, numero: number | undefined, defaultResp: string | null | undefined, where: { settore?: string; servizio?: string }, names: Names, segretario: boolean): ObiettivoView => {
    const respId = o.responsabile ?? defaultResp ?? undefined;
    const deadline = termineDate(o.termine, plan.piano.approvazione?.data);
    const peso = o.peso;
    const tipo = pesoTipo(peso);
    const personale = o.personale.map(names.staffName);
    return {
      ...(o.id !== undefined && { id: o.id }),
      etichetta: objectiveLabel(numero, o.comune),
      ...(numero !== undefined && { numero }),
      comune: o.comune ?? false,
      titolo: o.titolo,
      ...(respId && { responsabile: names.name(respId), responsabile_id: respId }),
      descrizione: o.descrizione,
      fasi: o.fasi.map((f, i) => fase(f, i)),
      indicatori: o.indicatori.map((x, i) => indicatore(x, i, plan.piano.anno)),
      ...(o.target !== undefined && { target: o.target }),
      target_altrove: targetElsewhere(o),
      termine: formatTermine(o.termine),
      ...(deadline && { termine_data: deadline }),
      // A prerequisite may have no weight: no row.
      ...(peso && tipo && {
        peso: {
          tipo, risultato: tipo === 'risultato', ccdi: tipo === 'ccdi', coefficiente: tipo === 'coefficiente',
          etichetta: tipo === 'risultato' && segretario ? labels.risultato_segretario : labels[tipo],
          valore: formatPeso(peso) || 'non indicato', numero: peso[tipo] ?? null,
        },
      }),
      personale: personale.join(', '),
      personale_elenco: personale,
      tempi_pagamento: o.tempi_pagamento ?? false,
      prerequisito: o.prerequisito ?? false,
      prerequisiti: (o.prerequisiti ?? []).map((id) => byId.get(id) ?? id),
      ...optional(o, ['stakeholder', 'contributor', 'baseline', 'fonte_dati', 'valore_pubblico', 'codice_dup', 'missione_programma', 'obiettivo_strategico', 'pnrr', 'tipo']),
      ...(o.rilevante_valutazione !== undefined && { rilevante_valutazione: o.rilevante_valutazione ? 'Sì' : 'No' }),
      ...risorse(o.risorse),
      altri_campi: o.altri_campi ?? [],
      ...where,
    };
  };

  const group = (objs: Obiettivo[], resp: string | null | undefined, where: { settore?: string; servizio?: string }, names: Names, segretario = false) => {
    return objs.map((o) => objective(o, numbers.get(o), resp, where, names, segretario));
  };

  const first = plan.piano.anno;
  const s = plan.segretario;
  const approvazione = plan.piano.approvazione;
  const coordinato = testoCoordinato(plan);
  return {
    ente: {
      nome: plan.ente.nome,
      breve: plan.ente.denominazione_breve ?? plan.ente.nome.replace(/^Comune di /, ''),
      ...(plan.ente.provincia !== undefined && { provincia: plan.ente.provincia }),
      ...(plan.ente.sigla_provincia && { sigla_provincia: plan.ente.sigla_provincia }),
      ...withArticle(plan.ente.nome, plan.ente.articolo),
    },
    piano: {
      anno: first,
      anno_fine: first + 2,
      anni: [first, first + 1, first + 2],
      triennio: `${first}-${first + 2}`,
      sezione: plan.piano.sezione,
      titolo: plan.piano.titolo,
      revisione: plan.piano.revisione,
      ...(approvazione && {
        approvazione: {
          organo: approvazione.organo, ...(approvazione.numero !== undefined && { numero: String(approvazione.numero) }),
          data: formatDate(approvazione.data), del: delDate(approvazione.data),
        },
      }),
      ...(coordinato !== undefined && { testo_coordinato: coordinato, revisioni: revisioniRows(plan) }),
    },
    introduzione: renderMarkdown(plan.introduzione),
    centri: plan.centri.map((c, i) => ({ numero: i + 1, nome: c.nome, responsabile: c.responsabile ? name(c.responsabile) : '-' })),
    numero_centri: plan.centri.length,
    un_solo_centro: plan.centri.length === 1,
    nota_centri: renderMarkdown(plan.nota_centri),
    ...(s && {
      segretario: {
        ruolo: s.ruolo,
        nome: name(s.persona),
        ...runningNames(plan, s.persona),
        persona_id: s.persona,
        funzioni: renderMarkdown(s.funzioni),
        incarichi: s.incarichi,
        ...(s.convenzione && { convenzione: joinItalian(s.convenzione) }),
        ...(s.quota_attivita !== undefined && { quota_attivita: formatPercent(s.quota_attivita) }),
        indennita_totale: formatPercent(s.indennita_totale),
        // As in the seed, the Segretario's own tables have no "Responsabile" row: the section names her
        // (an objective assigned to someone else keeps its row).
        obiettivi: group(s.obiettivi, s.persona, { settore: s.ruolo }, namer(plan.documento.ordine_nomi), true).map(({ responsabile, ...o }) =>
          o.responsabile_id === s.persona ? o : { ...o, ...(responsabile !== undefined && { responsabile }) },
        ),
      },
    }),
    settori: plan.centri
      .map((c, i) => ({ c, i, names: centroNames(c) }))
      .map(({ c, i, names }) => ({
        id: c.id,
        numero: i + 1,
        nome: c.nome,
        intestazione: c.intestazione ?? c.nome,
        ...(c.responsabile && { responsabile: names.name(c.responsabile), responsabile_id: c.responsabile }),
        personale: c.personale.map(names.staffName),
        personale_assegnato: c.personale.map((id) => {
          const q = plan.persone[id]?.qualifica;
          return { nome: names.staffName(id), ...(q && { qualifica: q }) };
        }),
        obiettivi: group(c.obiettivi, c.responsabile, { settore: c.nome }, names),
        servizi: c.servizi.map((sv) => ({
          nome: sv.nome,
          funzioni: sv.funzioni,
          gruppi: sv.gruppi.map((g) => ({ ...(g.titolo && { titolo: g.titolo }), obiettivi: group(g.obiettivi, c.responsabile, { settore: c.nome, servizio: sv.nome }, names) })),
        })),
      }))
      .map((st) => ({ ...st, tutti_obiettivi: [...st.obiettivi, ...st.servizi.flatMap((sv) => sv.gruppi.flatMap((g) => g.obiettivi))] }))
      // An area with no staff and no servizi (the seed's Polizia Locale) has no part of its own.
      .filter((st) => st.personale.length > 0 || st.servizi.length > 0 || st.obiettivi.length > 0 || st.responsabile),
  };
}

/**
 * The label of each weight kind's row: the plan's own (`documento.etichette`, where "{anno}" is
 * the plan's first year), else the default. The Segretario's result weight may have its own label:
 * the seed writes "% indennità di risultato attribuita" for her and "… 2024" for the responsabili.
 */
function weightLabels(plan: Piano): Record<PesoTipo, string> & { risultato_segretario: string } {
  const e = plan.documento.etichette;
  const year = (s: string) => s.replaceAll('{anno}', String(plan.piano.anno));
  const risultato = year(e.peso_risultato ?? '% indennità di risultato attribuita');
  return {
    risultato,
    risultato_segretario: e.peso_risultato_segretario !== undefined ? year(e.peso_risultato_segretario) : risultato,
    ccdi: year(e.peso_ccdi ?? '% somma destinata alla performance organizzativa da CCDI {anno}'),
    coefficiente: year(e.peso_coefficiente ?? 'Coefficiente di peso'),
  };
}

const DEL = { il: 'del ', lo: 'dello ', la: 'della ', "l'": "dell'" } as const;

/** The ente's name after "del" and "presso": "del Comune di X", "dell'Università di Y", "presso la Provincia di Z". */
function withArticle(nome: string, articolo: keyof typeof DEL): { del: string; presso: string; Presso: string } {
  const art = articolo === "l'" ? "l'" : `${articolo} `;
  return { del: `${DEL[articolo]}${nome}`, presso: `presso ${art}${nome}`, Presso: `Presso ${art}${nome}` };
}

/** The Segretario's name inside sentences ("la dott.ssa Sonia Pagani"), and at a sentence's start. */
function runningNames(plan: Piano, id: string): { nome_in_frase: string; soggetto: string } {
  const p = plan.persone[id];
  if (!p) return { nome_in_frase: id, soggetto: id };
  const order = plan.documento.ordine_nomi.responsabili;
  return { nome_in_frase: runningName(p, order), soggetto: runningName(p, order, true) };
}

function risorse(r: Obiettivo['risorse']): Pick<ObiettivoView, 'risorse' | 'risorse_umane' | 'risorse_strumentali' | 'risorse_finanziarie'> {
  if (r === undefined) return {};
  if (typeof r === 'string') return { risorse: r };
  return {
    ...(r.umane !== undefined && { risorse_umane: r.umane }),
    ...(r.strumentali !== undefined && { risorse_strumentali: r.strumentali }),
    ...(r.finanziarie !== undefined && { risorse_finanziarie: r.finanziarie }),
  };
}

function fase(f: Fase, i: number): FaseView {
  const numero = i + 1;
  const codice = `F${String(numero).padStart(2, '0')}`;
  if (typeof f === 'string') return { numero, codice, descrizione: f };
  const periodo = fasePeriodo(f.inizio, f.fine);
  return {
    numero,
    codice,
    descrizione: f.descrizione,
    ...(f.peso !== undefined && { peso: formatPercent(f.peso, writtenDecimals(f, 'peso')) }),
    ...(periodo && { periodo }),
    ...(f.inizio && { inizio: formatDate(f.inizio), inizio_data: f.inizio }),
    ...(f.fine && { fine: formatDate(f.fine), fine_data: f.fine }),
    ...(f.output && { output: f.output }),
  };
}

/** A phase's dates as shown: "dal … al …", only a start "dal …", only an end "entro il …". */
function fasePeriodo(inizio: string | undefined, fine: string | undefined): string | undefined {
  if (inizio && fine) return `dal ${formatDate(inizio)} al ${formatDate(fine)}`;
  if (inizio) return `dal ${formatDate(inizio)}`;
  if (fine) return `entro il ${formatDate(fine)}`;
  return undefined;
}

/** What an indicator may say besides its name: with any of these, the default template lists them under it. */
const DETAILS = ['tipo', 'dimensione', 'formula', 'unita', 'polarita', 'baseline', 'target', 'fonte', 'peso'] as const;

function indicatore(i: Indicatore, index: number, anno: number): IndicatoreView {
  const numero = index + 1;
  if (typeof i === 'string') return { numero, nome: i, target_anni: [], target_triennio: ['–', '–', '–'], dettagli: false };
  // A date written AAAA-MM-GG (a deadline as baseline or target) reads as Italians write it: 15/07/2024.
  const val = (v: string | number | undefined, holder?: object, key?: string | number) =>
    v === undefined ? undefined : typeof v === 'number' ? formatNumber(v, holder && key !== undefined ? writtenDecimals(holder, key) : undefined) : isoDateShort(v);
  const view: IndicatoreView = {
    numero,
    nome: i.nome,
    ...optional(i, ['tipo', 'dimensione', 'formula', 'unita', 'fonte']),
    ...(i.polarita && { polarita: i.polarita === 'crescente' ? 'crescente (più alto è meglio)' : 'decrescente (più basso è meglio)' }),
    ...(i.baseline !== undefined && { baseline: val(i.baseline, i, 'baseline') }),
    ...(i.target && { target: i.target.map((t, k) => val(t, i.target, k)).join(' / ') }),
    ...(i.target && i.target.length > 0 && { target_periodo: i.target.length === 1 ? String(anno) : `${anno}-${anno + i.target.length - 1}` }),
    ...(i.peso !== undefined && { peso: formatPercent(i.peso) }),
    target_anni: (i.target ?? []).map((t, k) => ({ anno: anno + k, valore: val(t, i.target, k)! })),
    target_triennio: [0, 1, 2].map((k) => (i.target?.[k] !== undefined ? val(i.target[k], i.target, k)! : '–')),
    dettagli: false,
  };
  view.dettagli = DETAILS.some((k) => view[k] !== undefined);
  return view;
}

function isoDateShort(v: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(v) && isRealDate(v) ? `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}` : v;
}

function optional<T extends object, K extends keyof T>(o: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

export { joinItalian };

/** One objective of the view with where it sits: the Segretario's own, or a settore's servizio. */
export interface PlacedObiettivoView {
  o: ObiettivoView;
  segretario: boolean;
  settore?: SettoreView;
  servizio?: ServizioView;
}

/** Every objective of the view, in document order (the Segretario's first), with where it sits. */
export function objectiveViews(view: PlanView): PlacedObiettivoView[] {
  return [
    ...(view.segretario?.obiettivi ?? []).map((o) => ({ o, segretario: true })),
    ...view.settori.flatMap((settore) => [
      ...settore.obiettivi.map((o) => ({ o, segretario: false, settore })),
      ...settore.servizi.flatMap((servizio) => servizio.gruppi.flatMap((g) => g.obiettivi.map((o) => ({ o, segretario: false, settore, servizio })))),
    ]),
  ];
}

/** Every objective of the plan, in document order. */
export function allObjectives(view: PlanView): ObiettivoView[] {
  return objectiveViews(view).map((p) => p.o);
}

/**
 * Every objective of the view with its source in the plan (its data, place and path): the view's
 * walk and the plan's give them in the same document order.
 */
export function objectivesWithSource(plan: Piano, view: PlanView): { o: ObiettivoView; source: PlacedObjective }[] {
  const views = allObjectives(view);
  const placed = objectivesOf(plan);
  if (views.length !== placed.length) throw new Error('obiettivi del piano e della vista non corrispondono');
  return placed.map((source, k) => ({ o: views[k]!, source }));
}
