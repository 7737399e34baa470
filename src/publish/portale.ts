/**
 * What the Portale PIAO (the Department of Public Administration's site where each PIAO and each of
 * its amendments is uploaded) asks for each upload, in one place next to the files: the version
 * (revision), the approving act (type, body, number, date) and the plan's years. Written with each
 * revision of `piao publish` as `portale-piao.json` (for a program) and `portale-piao.txt` (to copy
 * into the Portale's form by hand).
 */
import { delDate, formatDate } from '../render/format.js';
import type { Act } from './destination.js';

export interface PortaleInfo {
  ente: string;
  anno: number;
  triennio: string;
  sezione: string;
  titolo: string;
  revisione: number;
  /** The act approving this revision (the first approval for revision 0); null while not adopted. */
  atto: Act | null;
  motivazione: string;
  /** The file to upload (the PDF/A). */
  documento: string;
}

export function portaleJson(p: PortaleInfo): Buffer {
  const data = {
    descrizione: 'Dati per il caricamento sul Portale PIAO di questa versione della sottosezione',
    ente: p.ente,
    piao: { anno: p.anno, triennio: p.triennio },
    sezione: { numero: p.sezione, titolo: p.titolo },
    versione: p.revisione,
    tipo: p.revisione === 0 ? 'approvazione' : 'variazione',
    atto: p.atto ? { tipo: 'deliberazione', organo: p.atto.organo, numero: p.atto.numero, data: p.atto.data } : null,
    data_approvazione: p.atto?.data ?? null,
    motivazione: p.motivazione,
    documento: p.documento,
  };
  return Buffer.from(`${JSON.stringify(data, null, 2)}\n`, 'utf8');
}

export function portaleText(p: PortaleInfo): Buffer {
  const act = p.atto
    ? `deliberazione di ${p.atto.organo} n. ${p.atto.numero ?? '____'} ${delDate(p.atto.data)}`
    : 'deliberazione non ancora adottata (numero e data da indicare)';
  const lines = [
    'Dati per il caricamento sul Portale PIAO',
    '',
    `Ente: ${p.ente}`,
    `PIAO: ${p.triennio} (anno ${p.anno})`,
    `Sottosezione: ${p.sezione} ${p.titolo}`,
    `Versione: revisione ${p.revisione} (${p.revisione === 0 ? 'prima approvazione' : 'variazione'})`,
    `Data di approvazione: ${p.atto ? formatDate(p.atto.data) : 'da indicare'}`,
    `Atto di approvazione: ${act}`,
    `Organo che approva: ${p.atto?.organo ?? 'da indicare'}`,
    `Motivazione: ${p.motivazione}`,
    `File da caricare: ${p.documento} (PDF/A-2b)`,
  ];
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}
