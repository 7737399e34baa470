/**
 * The plan's history as the documents show it (issue 14): an amended plan (`piano.variazioni`) is
 * a *testo coordinato*, annexed to the last amending deliberation. Computed once here for the view
 * (the sentence under the title, the table of revisions), the letterhead ("Allegato alla
 * deliberazione …" names the last act) and the document's properties (its date).
 */
import { currentVariazione, type Piano } from '../plan/schema.js';
import { delDate, formatDate, joinItalian } from './format.js';

/** Blanks for a deliberation's number and date not yet known, to fill in by hand (as the letterhead). */
export const BLANK_NUMBER = '____';
export const BLANK_DATE = '________';

type Act = NonNullable<Piano['piano']['approvazione']>;

/** One row of the table of revisions: revision 0 is the first approval. */
export interface RevisioneView {
  numero: number;
  /** "Giunta Comunale n. 45", with blanks for a number not yet known. */
  deliberazione: string;
  /** "20 giugno 2024", or blanks. */
  data: string;
  motivazione: string;
}

/**
 * The act the current document is annexed to: the last variazione's (which may not be adopted yet:
 * `undefined` act, the letterhead shows blanks) or, without variazioni, the first approval.
 * `organo` is known even when the act is not (a variazione without its act: Giunta Comunale).
 */
export function lastAct(plan: Piano): { organo: string; act?: Act } {
  const last = currentVariazione(plan);
  if (last) return { organo: last.approvazione?.organo ?? 'Giunta Comunale', ...(last.approvazione && { act: last.approvazione }) };
  const first = plan.piano.approvazione;
  return { organo: first?.organo ?? 'Giunta Comunale', ...(first && { act: first }) };
}

/** "n. 45 del 20 giugno 2024", "n. ____ del ________". */
function numberAndDate(act: Act | undefined): string {
  const numero = act?.numero !== undefined ? String(act.numero) : BLANK_NUMBER;
  return `n. ${numero} ${act ? delDate(act.data) : `del ${BLANK_DATE}`}`;
}

/** "di Giunta Comunale n. 12 del 30 gennaio 2024", the words after "deliberazione". */
export function actWords(organo: string, act: Act | undefined): string {
  return `di ${organo} ${numberAndDate(act)}`;
}

/**
 * "Testo coordinato con le variazioni approvate con deliberazione di Giunta Comunale n. 45 del 20
 * giugno 2024"; several acts: "con deliberazioni di Giunta Comunale n. 45 del … e n. 60 del …"
 * (each act with its own organo when they differ). Undefined for a plan without variazioni.
 */
export function testoCoordinato(plan: Piano): string | undefined {
  const list = plan.piano.variazioni;
  if (list.length === 0) return undefined;
  const acts = list.map((v) => ({ organo: v.approvazione?.organo ?? 'Giunta Comunale', act: v.approvazione }));
  const sameOrgano = acts.every((a) => a.organo === acts[0]!.organo);
  const words = sameOrgano
    ? `di ${acts[0]!.organo} ${joinItalian(acts.map((a) => numberAndDate(a.act)))}`
    : joinItalian(acts.map((a) => actWords(a.organo, a.act)));
  return `Testo coordinato con le variazioni approvate con ${acts.length === 1 ? 'deliberazione' : 'deliberazioni'} ${words}`;
}

/** The table of revisions: the first approval (revision 0), then one row per variazione. Empty without variazioni. */
export function revisioniRows(plan: Piano): RevisioneView[] {
  const { variazioni, approvazione } = plan.piano;
  if (variazioni.length === 0) return [];
  const row = (numero: number, organo: string, act: Act | undefined, motivazione: string): RevisioneView => ({
    numero,
    deliberazione: `${organo} n. ${act?.numero !== undefined ? String(act.numero) : BLANK_NUMBER}`,
    data: act ? formatDate(act.data) : BLANK_DATE,
    motivazione,
  });
  return [
    row(0, approvazione?.organo ?? 'Giunta Comunale', approvazione, 'Approvazione del piano'),
    ...variazioni.map((v) => row(v.revisione, v.approvazione?.organo ?? 'Giunta Comunale', v.approvazione, v.motivazione)),
  ];
}
