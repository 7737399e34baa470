/**
 * The letterhead of the section's first page (template `carta-intestata.hbs`): the Comune's coat of
 * arms, its name, its province and the line naming the deliberation the section is annexed to, with
 * blanks to fill by hand while the number and date are not known. Computed here, as everything
 * templates show; shown when the plan asks for it (`documento.intestazione`), by default when it
 * names a coat of arms.
 */
import type { Piano } from '../plan/schema.js';
import { delDate } from './format.js';

export interface LetterheadView {
  /** `src`: the name of the image file as written in the data (the build has read it). */
  stemma?: { src: string; alt: string };
  ente: string;
  /** "Provincia di Cremona" (a province written with its kind, "Città metropolitana di Milano", is kept as written). */
  provincia?: string;
  /** "Allegato alla deliberazione di Giunta Comunale n. 12 del 15 marzo 2024", or with blanks "n. ____ del ________". */
  allegato: string;
}

/** Blanks for a deliberation's number and date not yet known, to fill in by hand. */
export const BLANK_NUMBER = '____';
export const BLANK_DATE = '________';

export function letterheadView(plan: Piano): LetterheadView | undefined {
  const show = plan.documento.intestazione ?? plan.ente.stemma !== undefined;
  if (!show) return undefined;
  const { nome, provincia, stemma } = plan.ente;
  const approvazione = plan.piano.approvazione;
  const organo = approvazione?.organo ?? 'Giunta Comunale';
  const numero = approvazione?.numero !== undefined ? String(approvazione.numero) : BLANK_NUMBER;
  const data = approvazione ? delDate(approvazione.data) : `del ${BLANK_DATE}`;
  return {
    ...(stemma !== undefined && { stemma: { src: stemma, alt: /^comune\b/i.test(nome) ? `Stemma del ${nome}` : `Stemma: ${nome}` } }),
    ente: nome,
    ...(provincia !== undefined && { provincia: /^(provincia|città metropolitana|libero consorzio|regione)\b/i.test(provincia.trim()) ? provincia.trim() : `Provincia di ${provincia.trim()}` }),
    allegato: `Allegato alla deliberazione di ${organo} n. ${numero} ${data}`,
  };
}
