/**
 * A document's properties (title, author, subject, keywords, date) from the plan, its view and
 * its tree: what the writers put in DOCX core properties, PDF info and XMP, and HTML meta.
 */
import type { Piano } from '../plan/schema.js';
import { lastAct } from './history.js';
import type { DocTree } from './tree.js';
import type { PlanView } from './view.js';
import type { DocMeta } from '../writers/meta.js';

/** "PIAO 2024-2026 – Sottosezione 2.2 Performance". */
export function subjectOf(view: PlanView): string {
  return `PIAO ${view.piano.triennio} – Sottosezione ${view.piano.sezione} ${view.piano.titolo}`;
}

/**
 * The document date comes from the data, never from the clock: `data_documento`, else the date of the
 * act the document is annexed to (an amended plan's last variazione, else the first approval), else
 * the last act known, else 1 January.
 */
export function documentDate(plan: Piano): Date {
  const acts = [plan.piano.approvazione, ...plan.piano.variazioni.map((v) => v.approvazione)].filter((a) => a !== undefined);
  const iso = plan.piano.data_documento ?? lastAct(plan).act?.data ?? acts.at(-1)?.data ?? `${plan.piano.anno}-01-01`;
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, 12, 0, 0));
}

/** Document properties: the title from the template, the date from the data (never the clock). */
export function metaOf(plan: Piano, view: PlanView, tree: DocTree, subject: string): DocMeta {
  return {
    title: tree.title ?? subject,
    author: view.ente.nome,
    subject,
    keywords: `PIAO, performance, obiettivi, ${view.ente.nome}, ${view.piano.triennio}`,
    language: 'it-IT',
    date: documentDate(plan),
  };
}
