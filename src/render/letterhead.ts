/**
 * The letterhead of the section's first page (template `carta-intestata.hbs`): the Comune's coat of
 * arms, its name, its province and the line naming the deliberation the section is annexed to, with
 * blanks to fill by hand while the number and date are not known. Computed here, as everything
 * templates show; shown when the plan asks for it (`documento.intestazione`), by default when it
 * names a coat of arms.
 */
import type { Piano } from '../plan/schema.js';
import { actWords, lastAct } from './history.js';

export interface LetterheadView {
  /** `src`: the name of the image file as written in the data (the build has read it). */
  stemma?: { src: string; alt: string };
  ente: string;
  /** "Provincia di Cremona" (a province written with its kind, "Città metropolitana di Milano", is kept as written). */
  provincia?: string;
  /** "Allegato alla deliberazione di Giunta Comunale n. 12 del 15 marzo 2024", or with blanks "n. ____ del ________". */
  allegato: string;
}

export function letterheadView(plan: Piano): LetterheadView | undefined {
  const show = plan.documento.intestazione ?? plan.ente.stemma !== undefined;
  if (!show) return undefined;
  const { nome, provincia, stemma } = plan.ente;
  // An amended plan is annexed to the last amending deliberation (render/history.ts).
  const { organo, act } = lastAct(plan);
  return {
    ...(stemma !== undefined && { stemma: { src: stemma, alt: /^comune\b/i.test(nome) ? `Stemma del ${nome}` : `Stemma: ${nome}` } }),
    ente: nome,
    ...(provincia !== undefined && { provincia: /^(provincia|città metropolitana|libero consorzio|regione)\b/i.test(provincia.trim()) ? provincia.trim() : `Provincia di ${provincia.trim()}` }),
    allegato: `Allegato alla deliberazione ${actWords(organo, act)}`,
  };
}
