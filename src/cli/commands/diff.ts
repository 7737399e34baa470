/** `piao diff VECCHIO NUOVO`: the prospetto delle variazioni between two versions of the plan (DOCX, PDF, HTML, CSV). */
import { outputFolder } from '../outputs.js';
import { basename } from 'node:path';
import { UsageError, type Command } from '../command.js';
import { visible } from '../../plan/diagnostics.js';
import { kb, shownPath } from './build.js';
import type { PlanDiff } from '../../amend/diff.js';

export const command: Command = {
  usage: `Uso:
  piao diff <vecchio.yaml> <nuovo.yaml> [--out CARTELLA]

Confronta due versioni del piano e scrive il prospetto delle variazioni, l'allegato alla
deliberazione che approva la variazione: obiettivi aggiunti, eliminati e modificati campo per campo
(prima e dopo, con le parole cambiate evidenziate), spostati di settore, servizio o responsabile;
i pesi per persona con i nuovi totali; l'esito dei controlli sulla nuova versione; una frase di
sintesi per settore. Gli obiettivi si riconoscono dal loro "id"; senza, dal settore, dal servizio e
dal titolo (il prospetto segnala gli abbinamenti incerti).

File scritti: variazioni-rev<N>.docx, .pdf, .html e .csv (N = revisione del nuovo piano).

Opzioni:
  --out, -o CARTELLA   cartella dei file scritti (predefinita: output/)
  --help, -h           mostra questo aiuto

Codici di uscita: 0 confronto fatto (anche con variazioni); 1 uno dei piani non è valido; 2 uso errato.
`,
  options: { out: { type: 'string', short: 'o' } },
  async run(values, positionals, io) {
    if (positionals.length !== 2) {
      throw new UsageError(positionals.length < 2 ? 'indica i due file del piano: prima la versione precedente, poi quella nuova' : 'indica solo due file del piano: la versione precedente e quella nuova');
    }
    const [vecchio, nuovo] = positionals as [string, string];
    const outDir = outputFolder(values.out);
    const { writeProspetto } = await import('../../amend/write.js');
    const { countChanges, isEmpty } = await import('../../amend/diff.js');
    const { diff, files } = await writeProspetto({ vecchio, nuovo, outDir });

    const a = diff.prima.plan.piano.revisione;
    const b = diff.dopo.plan.piano.revisione;
    const name = (f: string) => visible(basename(f));
    const lines: string[] = [`Confronto tra ${name(vecchio)} (revisione ${a}) e ${name(nuovo)} (revisione ${b})`];
    if (isEmpty(diff)) lines.push(`Nessuna variazione tra ${name(vecchio)} e ${name(nuovo)}: obiettivi e pesi sono gli stessi.`);
    else {
      const c = countChanges(diff);
      const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
      lines.push(
        `  obiettivi aggiunti:   ${c.aggiunti}`,
        `  obiettivi eliminati:  ${c.eliminati}`,
        `  obiettivi modificati: ${c.modificati}${c.spostati ? ` (${n(c.spostati, 'spostato', 'spostati')})` : ''}`,
        `  persone con pesi cambiati: ${c.pesi}`,
      );
      if (c.incerti) lines.push(`Attenzione: ${n(c.incerti, 'abbinamento incerto', 'abbinamenti incerti')} tra obiettivi senza identificativo: verificali nel prospetto.`);
    }
    const errors = diff.controlli.filter((f) => f.diagnostic.severity === 'errore').length;
    const warnings = diff.controlli.length - errors;
    if (errors || warnings) {
      lines.push(`La nuova versione ha ${n2(errors, 'errore', 'errori')} e ${n2(warnings, 'avviso', 'avvisi')} dei controlli (nel prospetto; i dettagli con piao check ${visible(nuovo)}).`);
    }
    // The first approval's act belongs to revision 0: a new act goes in piano.variazioni.
    const act = (x: typeof diff.prima.plan) => JSON.stringify(x.piano.approvazione ?? null);
    if (act(diff.prima.plan) !== act(diff.dopo.plan) && diff.prima.plan.piano.approvazione) {
      lines.push('Attenzione: la deliberazione della prima approvazione (piano.approvazione) è cambiata: quella che approva una variazione va in piano.variazioni, nella sua voce.');
    }
    // An objective removed and one added in the same place with the same title: most likely its id was changed.
    for (const c of sameTitleOtherId(diff)) {
      lines.push(`Attenzione: «${visible(c.titolo)}» risulta eliminato (id «${visible(c.prima)}») e aggiunto (id «${visible(c.dopo)}»): se è lo stesso obiettivo, lascia l'identificativo di prima.`);
    }
    if (b <= a && !isEmpty(diff)) {
      lines.push(`Attenzione: la revisione del nuovo piano (${b}) non è successiva a quella del vecchio (${a}): controlla piano.revisione e piano.variazioni.`);
    }
    lines.push('');
    for (const f of files) lines.push(`scritto ${shownPath(f.path)} (${kb(f.bytes)})`);
    io.out(`${lines.join('\n')}\n`);
    return 0;
  },
};

/** Objectives removed and added in the same place under the same title but with different ids. */
function sameTitleOtherId(diff: PlanDiff): { titolo: string; prima: string; dopo: string }[] {
  const removed = diff.modifiche.filter((c) => c.tipo === 'eliminato' && c.prima?.placed.o.id !== undefined);
  const added = diff.modifiche.filter((c) => c.tipo === 'aggiunto' && c.dopo?.placed.o.id !== undefined);
  const norm = (t: string) => t.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
  return removed.flatMap((r) => {
    const o = r.prima!.placed;
    const a = added.find((x) => norm(x.dopo!.placed.o.titolo) === norm(o.o.titolo) && x.dopo!.placed.settore === o.settore && x.dopo!.placed.servizio === o.servizio);
    return a ? [{ titolo: o.o.titolo, prima: o.o.id!, dopo: a.dopo!.placed.o.id! }] : [];
  });
}

function n2(k: number, one: string, many: string): string {
  return `${k} ${k === 1 ? one : many}`;
}
