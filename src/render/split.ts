/**
 * Views for the documents written with --split and --schede-personale: one per settore; one
 * "scheda obiettivi" per responsabile, its objectives in parts by what they weigh on (the
 * responsabile's own indennità di risultato, the staff's CCDI fund, coefficients), each with its
 * weight summary, and prerequisites without a weight apart; one scheda per employee with the CCDI objectives they take part in. Every scheda
 * ends with the block the Comune signs: the approving act, place and date, the signature of whoever
 * receives the objectives and of whoever assigns them. All of it is computed here, so that
 * scheda.hbs only places values.
 */
import { ruoloSegretario, type Piano } from '../plan/schema.js';
import { sum } from '../plan/checks/weights.js';
import { formatNumber, formatPercent, registryNames, type PesoTipo } from './format.js';
import { joinItalian, objectivesWithSource, objectiveViews, type ObiettivoView, type PlanView, type SettoreView } from './view.js';

/** The whole document's data (a partial finds at `@root` what it finds in the section), and the settore. */
export interface SettoreDocView extends PlanView {
  settore: SettoreView;
}

/** A total of weights as the scheda states it: "Totale …: 100%", with the objectives left without a weight. */
export interface SchedaRiepilogo {
  testo: string;
  totale: string;
  /** "peso non indicato per 2 obiettivi", when some were left blank. */
  nota?: string;
}

/** One part of a scheda: the objectives weighing on one thing, grouped by where they sit in the plan. */
export interface SchedaParte {
  titolo: string;
  /** The total of the part's weights (none for objectives without weight). */
  riepilogo?: SchedaRiepilogo;
  /** The CCDI part of a responsabile's scheda: each employee's total over these objectives, under the plan's label of the weight. */
  personale?: { nome: string; obiettivi: number; totale: string }[];
  etichetta_peso?: string;
  blocchi: { titolo: string; obiettivi: ObiettivoView[] }[];
}

/** One signature: what it is for, a line, and under it the role and name of who signs. */
export interface SchedaFirma {
  dicitura: string;
  ruolo: string;
  nome?: string;
}

/** The whole document's data (a partial finds at `@root` what it finds in the section), and the scheda's own. */
export interface SchedaView extends PlanView {
  persona_id: string;
  /** The person's name, as the view writes it. */
  nome: string;
  /** "Responsabile del Settore Tecnico", "Segretario Comunale", or an employee's profile. */
  ruolo?: string;
  /** true: an employee's scheda (--schede-personale); false: a responsabile's (--split). */
  dipendente: boolean;
  /** The scheda's heading table: Ente, Piano, the person and his or her role. */
  dati: { etichetta: string; valore: string }[];
  parti: SchedaParte[];
  firma: {
    /** "Obiettivi assegnati con il PIAO …, approvato con deliberazione di Giunta Comunale n. 12 del …" */
    atto: string;
    /** "Casalmorano, lì ______" */
    luogo_data: string;
    firme: SchedaFirma[];
  };
}

export function settoreViews(view: PlanView): SettoreDocView[] {
  return view.settori.map((settore) => ({ ...view, settore }));
}

/** An objective of the view with where it sits and the ids of its staff (which the view names only). */
interface Placed {
  o: ObiettivoView;
  /** What it weighs on; "nessuno": an objective without a weight (a prerequisite). */
  kind: PesoTipo | 'nessuno';
  /** The heading it goes under: "Settore – Servizio", or "Segretario Comunale". */
  where: string;
  /** Its responsabile's role at that place, without article: "Responsabile del Settore Tecnico". */
  role: string;
  responsabileName?: string;
  settore?: string;
  staffIds: string[];
}

const BLANK = '____';
const PEOPLE_LINE = '______________________';
/** Who countersigns a responsabile's scheda when the plan does not say: the Sindaco. */
const DEFAULT_ASSIGNER = 'Il Sindaco';

/** What a settore's head is called: "Dirigente" for a person whose `qualifica` says so, else "Responsabile". */
function headTitle(plan: Piano, id: string | undefined): string {
  return id !== undefined && /^dirigente\b/i.test(plan.persone[id]?.qualifica?.trim() ?? '') ? 'Dirigente' : 'Responsabile';
}

/** A responsabile's profile row, where the registry gives one. */
function profile(plan: Piano, id: string): { etichetta: string; valore: string }[] {
  const q = plan.persone[id]?.qualifica;
  return q ? [{ etichetta: 'Profilo', valore: q }] : [];
}

function placedObjectives(plan: Piano, view: PlanView): Placed[] {
  const sources = objectivesWithSource(plan, view);
  return objectiveViews(view).map(({ o, settore, servizio }, k) => {
    const staffIds = sources[k]!.source.obiettivo.personale;
    const kind = o.peso?.tipo ?? 'nessuno';
    if (!settore) return { o, kind, where: ruoloSegretario(view), role: ruoloSegretario(view), responsabileName: o.responsabile ?? view.segretario?.nome, staffIds };
    const head = headTitle(plan, o.responsabile_id);
    const role = settore.responsabile_id === o.responsabile_id ? `${head} ${ofThe(settore.nome)}` : `${head} di obiettivi ${ofThe(settore.nome)}`;
    return { o, kind, where: servizio ? `${settore.nome} – ${servizio.nome}` : settore.nome, role, settore: settore.nome, ...(o.responsabile !== undefined && { responsabileName: o.responsabile }), staffIds };
  });
}

/** One scheda per responsabile: the objectives he or she answers for (the Segretario's included). */
export function schedaViews(plan: Piano, view: PlanView): SchedaView[] {
  const { settori, segretario } = view;
  const rest = view;
  const byPerson = new Map<string, { name: string; objs: Placed[] }>();
  for (const p of placedObjectives(plan, view)) {
    const id = p.o.responsabile_id;
    if (!id) continue;
    const entry = byPerson.get(id) ?? { name: p.responsabileName ?? id, objs: [] };
    byPerson.set(id, entry);
    entry.objs.push(p);
  }
  const assigner = plan.documento.firma_assegnazione ?? DEFAULT_ASSIGNER;

  return [...byPerson.entries()].map(([id, { name, objs }]) => {
    // The role comes from the organisation (Segretario, responsabile of a settore), else from the objectives.
    const roles = [
      ...(segretario?.persona_id === id ? [segretario.ruolo] : []),
      ...settori.filter((s) => s.responsabile_id === id).map((s) => `${headTitle(plan, id)} ${ofThe(s.nome)}`),
    ];
    const ruolo = joinItalian(roles.length ? roles : unique(objs.map((p) => p.role)));
    const ccdi = objs.filter((p) => p.kind === 'ccdi');
    // The Segretario who also heads a settore has two allowances: each part has its own total.
    const risultato = objs.filter((p) => p.kind === 'risultato');
    const asSegretario = risultato.filter((p) => p.settore === undefined);
    const asResponsabile = risultato.filter((p) => p.settore !== undefined);
    const both = asSegretario.length > 0 && asResponsabile.length > 0;
    const parti: SchedaParte[] = [
      ...(both
        ? [
            part(`Obiettivi come ${ruoloSegretario(view)} (indennità di risultato)`, asSegretario, "Totale dell'indennità di risultato attribuita con questi obiettivi"),
            part('Obiettivi come responsabile (indennità di risultato)', asResponsabile, "Totale dell'indennità di risultato attribuita con questi obiettivi"),
          ]
        : [part('Obiettivi individuali (indennità di risultato)', risultato, "Totale dell'indennità di risultato attribuita con questi obiettivi")]),
      {
        ...part(`Obiettivi assegnati al personale (performance organizzativa, somma CCDI ${view.piano.anno})`, ccdi, `Totale della somma destinata alla performance organizzativa da CCDI ${view.piano.anno} attribuita con questi obiettivi`),
        personale: staffTotals(ccdi),
        ...(ccdi[0]?.o.peso && { etichetta_peso: ccdi[0].o.peso.etichetta }),
      },
      part('Obiettivi pesati con coefficiente', objs.filter((p) => p.kind === 'coefficiente'), 'Somma dei coefficienti di peso di questi obiettivi'),
      unweighted(objs),
    ].filter((x) => x.blocchi.length > 0);
    // The Segretario is assigned objectives by the Sindaco, whoever assigns the responsabili theirs.
    const countersigner = segretario?.persona_id === id ? DEFAULT_ASSIGNER : assigner;
    return {
      ...rest,
      persona_id: id,
      nome: name,
      ruolo,
      dipendente: false,
      dati: [...planRows(view), { etichetta: 'Responsabile', valore: name }, { etichetta: 'Ruolo', valore: ruolo }, ...profile(plan, id)],
      parti,
      firma: signatureBlock(view, [
        { dicitura: 'Per presa visione e accettazione', ruolo: `Il ${ruolo}`, nome: name },
        { dicitura: "Per l'assegnazione degli obiettivi", ruolo: countersigner },
      ]),
    };
  });
}

/**
 * One scheda per employee named in the staff of an objective weighted on the CCDI fund or by a
 * coefficient: those objectives, with the employee's total, signed by the employee and by the
 * responsabile of each (an objective weighted on the indennità di risultato is the responsabile's,
 * even where staff take part in it).
 */
export function personaleSchedaViews(plan: Piano, view: PlanView): SchedaView[] {
  const rest = view;
  const { staffName } = registryNames(plan.persone, plan.documento.ordine_nomi);
  const byPerson = new Map<string, { name: string; objs: Placed[] }>();
  for (const p of placedObjectives(plan, view)) {
    if (p.kind === 'risultato') continue;
    p.staffIds.forEach((id) => {
      // Named as the plan names its staff (a settore may name them in its own order).
      const entry = byPerson.get(id) ?? { name: staffName(id), objs: [] };
      byPerson.set(id, entry);
      entry.objs.push(p);
    });
  }
  const assigner = plan.documento.firma_assegnazione ?? DEFAULT_ASSIGNER;

  return [...byPerson.entries()].map(([id, { name, objs }]) => {
    const qualifica = plan.persone[id]?.qualifica;
    // Where the employee is assigned; else where his or her objectives are.
    const assigned = plan.centri.filter((c) => c.personale.includes(id)).map((c) => c.nome);
    const settoriOf = assigned.length ? assigned : unique(objs.flatMap((p) => (p.settore ? [p.settore] : [])));
    const parti = [
      part(`Obiettivi di performance organizzativa (somma CCDI ${view.piano.anno})`, objs.filter((p) => p.kind === 'ccdi'), `Totale della somma destinata alla performance organizzativa da CCDI ${view.piano.anno} attribuita con questi obiettivi`),
      part('Obiettivi pesati con coefficiente', objs.filter((p) => p.kind === 'coefficiente'), 'Somma dei coefficienti di peso di questi obiettivi'),
      unweighted(objs),
    ].filter((x) => x.blocchi.length > 0);
    // Each responsabile of these objectives signs once, with the roles in which he or she assigns them.
    const signers = new Map<string, { name?: string; roles: string[] }>();
    for (const p of objs) {
      const key = p.o.responsabile_id ?? '';
      const s = signers.get(key) ?? { ...(p.responsabileName !== undefined && { name: p.responsabileName }), roles: [] };
      signers.set(key, s);
      if (!s.roles.includes(p.role)) s.roles.push(p.role);
    }
    const firme: SchedaFirma[] = [...signers.entries()].map(([key, s]) =>
      key && s.name ? { dicitura: "Per l'assegnazione degli obiettivi", ruolo: `Il ${joinItalian(s.roles)}`, nome: s.name } : { dicitura: "Per l'assegnazione degli obiettivi", ruolo: assigner },
    );
    return {
      ...rest,
      persona_id: id,
      nome: name,
      ...(qualifica && { ruolo: qualifica }),
      dipendente: true,
      dati: [
        ...planRows(view),
        { etichetta: 'Dipendente', valore: name },
        ...(qualifica ? [{ etichetta: 'Profilo', valore: qualifica }] : []),
        ...(settoriOf.length ? [{ etichetta: settoriOf.length === 1 ? 'Settore' : 'Settori', valore: settoriOf.join(', ') }] : []),
      ],
      parti,
      firma: signatureBlock(view, [{ dicitura: 'Per presa visione e accettazione', ...(qualifica ? { ruolo: qualifica, nome: name } : { ruolo: name }) }, ...uniqueFirme(firme)]),
    };
  });
}

function planRows(view: PlanView): { etichetta: string; valore: string }[] {
  return [
    { etichetta: 'Ente', valore: view.ente.nome },
    { etichetta: 'Piano', valore: `PIAO ${view.piano.triennio} – Sottosezione ${view.piano.sezione} ${view.piano.titolo}` },
  ];
}

/** A part of a scheda: the objectives grouped under their place, and their total. */
function part(titolo: string, objs: Placed[], testo: string): SchedaParte {
  const coefficient = objs[0]?.kind === 'coefficiente';
  const { totale, nota } = total(objs.map((p) => p.o.peso?.numero ?? null), coefficient);
  return { titolo, riepilogo: { testo, totale, ...(nota && { nota }) }, blocchi: blocks(objs) };
}

/** Objectives with no weight at all (prerequisites): a part of their own, with nothing to add up. */
function unweighted(objs: Placed[]): SchedaParte {
  return { titolo: 'Obiettivi prerequisiti (senza peso)', blocchi: blocks(objs.filter((p) => p.kind === 'nessuno')) };
}

function blocks(objs: Placed[]): SchedaParte['blocchi'] {
  const blocchi: SchedaParte['blocchi'] = [];
  for (const p of objs) {
    const last = blocchi[blocchi.length - 1];
    if (last?.titolo === p.where) last.obiettivi.push(p.o);
    else blocchi.push({ titolo: p.where, obiettivi: [p.o] });
  }
  return blocchi;
}

/** A sum of weights as shown ("100%", a coefficient "3,6"), and how many were left blank ("non indicato"). */
function total(weights: (number | null)[], coefficient = false): { totale: string; nota?: string } {
  const given = weights.filter((w): w is number => w !== null);
  const blank = weights.length - given.length;
  const nota = blank === 0 ? undefined : `peso non indicato per ${blank === 1 ? '1 obiettivo' : `${blank} obiettivi`}`;
  const totale = given.length === 0 ? 'non indicato' : coefficient ? formatNumber(sum(given)) : formatPercent(sum(given));
  return { totale, ...(nota && given.length > 0 && { nota }) };
}

/** Each employee's total over a responsabile's CCDI objectives, in order of appearance. */
function staffTotals(objs: Placed[]): { nome: string; obiettivi: number; totale: string }[] {
  const byPerson = new Map<string, { nome: string; weights: (number | null)[] }>();
  for (const p of objs) {
    p.staffIds.forEach((id, i) => {
      const entry = byPerson.get(id) ?? { nome: p.o.personale_elenco[i] ?? id, weights: [] };
      byPerson.set(id, entry);
      entry.weights.push(p.o.peso?.numero ?? null);
    });
  }
  return [...byPerson.values()].map(({ nome, weights }) => {
    const { totale, nota } = total(weights);
    return { nome, obiettivi: weights.length, totale: nota ? `${totale} (${nota})` : totale };
  });
}

/** The block every scheda ends with; blanks where the approving act is not known yet. */
function signatureBlock(view: PlanView, firme: SchedaFirma[]): SchedaView['firma'] {
  const a = view.piano.approvazione;
  const organo = a?.organo ?? 'Giunta Comunale';
  return {
    atto: `Obiettivi assegnati con il PIAO ${view.piano.triennio} ${view.ente.del}, approvato con deliberazione di ${organo} n. ${a?.numero ?? BLANK} ${a?.del ?? `del ${BLANK}${BLANK}`}.`,
    luogo_data: `${view.ente.breve}, lì ${PEOPLE_LINE}`,
    firme,
  };
}

function uniqueFirme(firme: SchedaFirma[]): SchedaFirma[] {
  const seen = new Set<string>();
  return firme.filter((f) => {
    const key = `${f.ruolo}\u0000${f.nome ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

/**
 * "Settore Tecnico" -> "del Settore Tecnico", "Area Finanziaria" -> "dell'Area Finanziaria",
 * "Polizia Locale" -> "della Polizia Locale": the article by the first word of a settore's name.
 */
export function ofThe(name: string): string {
  const first = name.split(/\s+/)[0] ?? '';
  if (/^[aeiouàèéìòù]/i.test(first)) return `dell'${name}`;
  if (/^(unità|direzione|sezione|ripartizione|struttura|polizia|segreteria|ragioneria)$/i.test(first) || /a$/i.test(first)) return `della ${name}`;
  return `del ${name}`;
}
