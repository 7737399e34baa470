/**
 * Phases (fasi), as other entities write them: each with a weight, a start and an end. At year
 * end an objective's achievement is the weighted sum of its phases (70×100% + 20×100% + 10×0% =
 * 90%), so weights that do not make 100 give a wrong score: an error, like a responsabile's
 * weights (summed and rounded the same way, `weights.ts`). A phase without a weight among weighted
 * ones is pointed out. A phase that ends before it starts is a clear mistake; one outside the
 * objective's deadline or the plan's three years is pointed out politely.
 */
import { formatDate, formatPercent, formatTermine, termineDate } from '../../render/format.js';
import { writtenDecimals, type Fase } from '../schema.js';
import { defineRule } from './rule.js';
import { sum } from './weights.js';

/** "fase 2 «Progettazione»": a phase as messages name it. */
const label = (f: Fase, i: number) => {
  const d = typeof f === 'string' ? f : f.descrizione;
  return `fase ${i + 1} «${d.length > 60 ? `${d.slice(0, 59)}…` : d}»`;
};

/** A total as computed (rounded to the thousandth), with all its decimals: 99.999 is not "100%". */
const total = (x: number) => formatPercent(x, (String(x).split('.')[1] ?? '').length);

export const fasi = defineRule({
  name: 'le fasi pesano in tutto 100, iniziano prima di finire e cadono nel termine dell\'obiettivo e nel triennio del piano',
  codes: {
    'fasi.somma-pesi': 'errore',
    'fasi.peso-mancante': 'avviso',
    'fasi.date-invertite': 'errore',
    'fasi.fuori-termine': 'avviso',
    'fasi.fuori-triennio': 'avviso',
  },
  obiettivo(p, { plan, title }, report) {
    const phases = p.o.fasi;
    const at = (i: number, ...key: string[]) => [...p.path, 'fasi', i, ...key];
    const of = `dell'obiettivo ${title(p)}`;

    // Weights: all or none, 100 in all.
    const weighted = phases.flatMap((f, i) => (typeof f !== 'string' && f.peso !== undefined ? [{ f, i, peso: f.peso }] : []));
    if (weighted.length) {
      const unweighted = phases.length - weighted.length;
      const tot = sum(weighted.map((w) => w.peso));
      if (unweighted === 0 ? tot !== 100 : tot > 100) {
        const detail = phases.map((f, i) => `fase ${i + 1} ${typeof f !== 'string' && f.peso !== undefined ? formatPercent(f.peso, writtenDecimals(f, 'peso')) : 'senza peso'}`).join(', ');
        report('fasi.somma-pesi', at(weighted[0]!.i, 'peso'), `i pesi delle fasi ${of} sommano a ${total(tot)}, non a 100% (${detail})`, {
          value: total(tot),
          hint: 'il grado di raggiungimento dell\'obiettivo è la somma delle fasi pesate: i loro pesi fanno in tutto 100 (se il vostro sistema di valutazione le pesa in altro modo, cambia il livello di fasi.somma-pesi in "controlli: { livelli: … }")',
        });
      }
      phases.forEach((f, i) => {
        if (typeof f !== 'string' && f.peso !== undefined) return;
        report('fasi.peso-mancante', at(i), `la ${label(f, i)} ${of} non ha un peso, mentre altre fasi dello stesso obiettivo ce l'hanno`, {
          hint: typeof f === 'string' ? 'scrivi la fase come { descrizione: …, peso: … }' : 'indica "peso" per ogni fase (in tutto 100), oppure per nessuna',
        });
      });
    }

    // Dates: start before end, within the objective's deadline and the plan's three years.
    const t = p.o.termine;
    const deadline = { from: t.dal ?? (t.anno !== undefined ? `${t.anno}-01-01` : undefined), to: termineDate(t, plan.piano.approvazione?.data) };
    const first = `${plan.piano.anno}-01-01`;
    const last = `${plan.piano.anno + 2}-12-31`;
    phases.forEach((f, i) => {
      if (typeof f === 'string') return;
      const { inizio, fine } = f;
      if (inizio && fine && inizio > fine) {
        report('fasi.date-invertite', at(i, 'fine'), `la ${label(f, i)} ${of} finisce il ${formatDate(fine)}, prima di iniziare (${formatDate(inizio)})`, {
          value: fine, hint: '"inizio" è il primo giorno della fase, "fine" l\'ultimo',
        });
      }
      // The phase's earliest and latest dates, and where each is written.
      const start = inizio ? { key: 'inizio', d: inizio } : fine ? { key: 'fine', d: fine } : undefined;
      const end = fine ? { key: 'fine', d: fine } : start;
      if (!start || !end) return;
      const verb = (key: string) => (key === 'inizio' ? 'inizia' : 'finisce');
      if (deadline.to && end.d > deadline.to) {
        report('fasi.fuori-termine', at(i, end.key), `la ${label(f, i)} ${of} ${verb(end.key)} il ${formatDate(end.d)}, dopo il termine dell'obiettivo (${formatTermine(t)})`, { value: end.d });
      } else if (deadline.from && start.d < deadline.from) {
        report('fasi.fuori-termine', at(i, start.key), `la ${label(f, i)} ${of} ${verb(start.key)} il ${formatDate(start.d)}, prima dell'inizio del periodo dell'obiettivo (${formatTermine(t)})`, { value: start.d });
      }
      const triennio = `fuori dal triennio ${plan.piano.anno}-${plan.piano.anno + 2} del piano`;
      if (start.d < first) report('fasi.fuori-triennio', at(i, start.key), `la ${label(f, i)} ${of} ${verb(start.key)} il ${formatDate(start.d)}, ${triennio}`, { value: start.d });
      if (end.d > last) report('fasi.fuori-triennio', at(i, end.key), `la ${label(f, i)} ${of} ${verb(end.key)} il ${formatDate(end.d)}, ${triennio}`, { value: end.d });
    });
  },
});
