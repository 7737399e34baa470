/**
 * Views for the documents written with --split: one per settore, and one "scheda obiettivi" per
 * responsabile with the objectives he or she answers for (Segretario's included).
 */
import { formatPercent } from './format.js';
import { objectiveViews, type ObiettivoView, type PlanView, type SettoreView } from './view.js';

export interface SettoreDocView extends Omit<PlanView, 'settori'> {
  settore: SettoreView;
}

export interface SchedaView extends Omit<PlanView, 'settori' | 'segretario'> {
  responsabile: string;
  responsabile_id: string;
  totale_risultato?: string;
  blocchi: { titolo: string; obiettivi: ObiettivoView[] }[];
}

export function settoreViews(view: PlanView): SettoreDocView[] {
  const { settori, ...rest } = view;
  return settori.map((settore) => ({ ...rest, settore }));
}

export function schedaViews(view: PlanView): SchedaView[] {
  const { settori: _, segretario, ...rest } = view;
  const byPerson = new Map<string, { name: string; blocchi: SchedaView['blocchi'] }>();
  const add = (id: string | undefined, name: string | undefined, titolo: string, o: ObiettivoView) => {
    if (!id) return;
    const entry = byPerson.get(id) ?? { name: name ?? id, blocchi: [] };
    byPerson.set(id, entry);
    const last = entry.blocchi[entry.blocchi.length - 1];
    if (last?.titolo === titolo) last.obiettivi.push(o);
    else entry.blocchi.push({ titolo, obiettivi: [o] });
  };
  for (const { o, settore, servizio } of objectiveViews(view)) {
    if (settore && servizio) add(o.responsabile_id, o.responsabile, `${settore.nome} – ${servizio.nome}`, o);
    else add(o.responsabile_id, segretario?.nome, 'Segretario Comunale', o);
  }

  return [...byPerson.entries()].map(([id, { name, blocchi }]) => {
    const risultato = blocchi.flatMap((b) => b.obiettivi).filter((o) => o.peso?.risultato && o.peso.numero !== null);
    const total = risultato.reduce((a, o) => a + (o.peso?.numero ?? 0), 0);
    return { ...rest, responsabile: name, responsabile_id: id, ...(risultato.length && { totale_risultato: formatPercent(total) }), blocchi };
  });
}
