/**
 * The top of a publication folder with revisions: `index.html`, the page a reader lands on (every
 * revision with its deliberation, date and motivazione, links to its files and to its change report
 * when the folder holds one), and `revisioni.json`, the same list for programs. Both are made from
 * the revisions' manifests only, so they are the same bytes for the same folders. The page is a
 * document tree written by the HTML writer, with the theme of the section: the same look, the same
 * accessibility (skip link, table of contents, table headers), the same Content-Security-Policy.
 */
import type { Block, DocTree, Inline, Row } from '../render/tree.js';
import type { LoadedTheme } from '../render/theme.js';
import { delDate, formatDate, formatNumber } from '../render/format.js';
import { writeDocument } from '../writers/index.js';
import type { DocMeta } from '../writers/meta.js';
import { changeReportFiles, manifestRevision, MANIFEST, sha256, type Act, type Revision } from './destination.js';

/** The plan the folder publishes, as the index names it. */
export interface PlanInfo {
  ente: string;
  anno: number;
  triennio: string;
  sezione: string;
  titolo: string;
}

/** The act a revision's manifest names: its own (`atto`), or for revision 0 of an older manifest the approval. */
function actOf(r: Revision): Act | null {
  const p = r.manifest.piano;
  if (p?.atto !== undefined) return p.atto;
  return r.revisione === 0 ? (p?.approvazione ?? null) : null;
}

function motivazioneOf(r: Revision): string {
  return r.manifest.piano?.motivazione ?? (r.revisione === 0 ? 'Approvazione del piano' : 'non indicata');
}

/** "deliberazione di Giunta Comunale n. 45 del 20 giugno 2024". */
function actSentence(a: Act): string {
  return `deliberazione di ${a.organo} n. ${a.numero ?? '____'} ${delDate(a.data)}`;
}

/** ", approvata con deliberazione …", or what is not known yet. */
function approved(a: Act | null): string {
  return a ? `, approvata con ${actSentence(a)}` : ' (la deliberazione che la approva non è ancora indicata)';
}

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} byte` : bytes < 1024 * 1024 ? `${formatNumber(Math.round(bytes / 102.4) / 10)} kB` : `${formatNumber(Math.round(bytes / (1024 * 102.4)) / 10)} MB`;
}

/** `revisioni.json`: every revision present, oldest first, with its act, its manifest's SHA-256 and its files. */
export function revisionsJson(plan: PlanInfo, revisions: Revision[], version: string): Buffer {
  const sorted = [...revisions].sort((a, b) => a.revisione - b.revisione);
  const data = {
    descrizione: `Le revisioni pubblicate della sottosezione ${plan.sezione} "${plan.titolo}" del PIAO ${plan.triennio}`,
    ente: plan.ente,
    piano: { anno: plan.anno, triennio: plan.triennio, sezione: plan.sezione, titolo: plan.titolo },
    generatore: { nome: 'piao', versione: version },
    in_vigore: sorted.at(-1)?.revisione ?? null,
    revisioni: sorted.map((r) => ({
      revisione: r.revisione,
      cartella: r.folder,
      atto: actOf(r),
      motivazione: motivazioneOf(r),
      data_documento: r.manifest.piano?.data_documento ?? null,
      manifest: { file: `${r.folder}/${MANIFEST}`, sha256: sha256(r.manifestBytes) },
      file: (r.manifest.file ?? []).map((f) => `${r.folder}/${f.nome}`),
      variazioni: changeReportFiles(r).map((name) => `${r.folder}/${name}`),
    })),
  };
  return Buffer.from(`${JSON.stringify(data, null, 2)}\n`, 'utf8');
}

const text = (t: string, extra: Partial<Extract<Inline, { type: 'text' }>> = {}): Inline => ({ type: 'text', text: t, ...extra });
const para = (content: Inline[], cls?: string): Block => ({ type: 'paragraph', content, ...(cls && { cls }) });
const cell = (content: Inline[], header = false, cls?: string) => ({ header, colspan: 1, content: [para(content)], ...(cls && { cls }) });

/** What each kind of file is, in a few words, for the list of a revision's files. */
const KINDS: Record<string, string> = {
  pdf: 'PDF/A, il documento da pubblicare',
  docx: 'DOCX, modificabile',
  html: 'pagina web accessibile',
  csv: 'dati aperti CSV',
  json: 'dati in JSON',
  yaml: 'i dati del piano (YAML), la fonte dei documenti',
  txt: 'testo',
};

function fileLabel(name: string, descrizione: string | undefined): string {
  if (name === 'obiettivi.schema.json') return 'lo schema dei dati aperti JSON';
  if (name === 'obiettivi.json') return 'dati aperti JSON';
  if (name === 'portale-piao.json' || name === 'portale-piao.txt') return `i dati per il caricamento sul Portale PIAO (${name.endsWith('.txt') ? 'testo' : 'JSON'})`;
  if (name.startsWith('variazioni-rev')) return `prospetto delle variazioni (${name.slice(name.lastIndexOf('.') + 1).toUpperCase()})`;
  const ext = name.slice(name.lastIndexOf('.') + 1);
  return KINDS[ext] ?? descrizione ?? 'file';
}

/** Revisions below the newest that this folder does not hold (published elsewhere, or not at all): said, not hidden. */
function missingNote(revisions: Revision[]): string {
  const have = new Set(revisions.map((r) => r.revisione));
  const top = Math.max(...have);
  const missing = Array.from({ length: top }, (_, i) => i).filter((n) => !have.has(n));
  if (!missing.length) return '';
  return missing.length === 1 ? ` La revisione ${missing[0]} non è in questa cartella.` : ` Le revisioni ${missing.join(', ')} non sono in questa cartella.`;
}

/** The index page: the plan, the revision in force, the table of revisions, then each revision (newest first) with its files. */
export async function indexPage(plan: PlanInfo, revisions: Revision[], theme: LoadedTheme): Promise<Buffer> {
  const newest = [...revisions].sort((a, b) => b.revisione - a.revisione);
  const current = newest[0];
  const subject = `PIAO ${plan.triennio} – Sottosezione ${plan.sezione} ${plan.titolo}`;
  const body: Block[] = [{ type: 'heading', level: 1, id: 'revisioni-pubblicate', content: [text(`${subject}: le revisioni pubblicate`)] }];
  if (current) {
    body.push(
      para([
        text('Le versioni della sottosezione approvate e pubblicate. È in vigore la '),
        text(`revisione ${current.revisione}`, { bold: true }),
        text(`${approved(actOf(current))}.${newest.length > 1 ? ' Le revisioni precedenti restano pubblicate (art. 8, comma 3, D.Lgs. 33/2013).' : ''}${missingNote(revisions)}`),
      ]),
    );
  }
  const head: Row = {
    head: true,
    cells: ['Revisione', 'Deliberazione', 'Data', 'Motivazione'].map((h, i) => cell([text(h)], true, i === 0 ? 'intestazione-colonna centrato' : 'intestazione-colonna')),
  };
  const rows: Row[] = newest.map((r) => {
    const a = actOf(r);
    return {
      cells: [
        cell([text(String(r.revisione), { href: `#${r.folder}` })], false, 'centrato'),
        cell([text(a ? `${a.organo} n. ${a.numero ?? '____'}` : 'non indicata')]),
        cell([text(a ? formatDate(a.data) : '–')]),
        cell([text(motivazioneOf(r))]),
      ],
    };
  });
  body.push({ type: 'table', cls: 'revisioni', caption: [text('Revisioni pubblicate')], captionCls: 'visivamente-nascosto', rows: [head, ...rows] });

  for (const r of newest) {
    body.push({ type: 'heading', level: 2, id: r.folder, content: [text(`Revisione ${r.revisione}${r === current ? ' (in vigore)' : ''}`)] });
    const a = actOf(r);
    body.push(para([text(a ? `Approvata con ${actSentence(a)}.` : 'La deliberazione che la approva non è ancora indicata.')]));
    body.push(para([text('Motivazione: ', { bold: true }), text(motivazioneOf(r))]));
    const report = changeReportFiles(r);
    if (report.length) {
      const links: Inline[] = [text('Prospetto delle variazioni: ', { bold: true })];
      report.forEach((name, i) => links.push(...(i ? [text(', ')] : []), text(name.slice(name.lastIndexOf('.') + 1).toUpperCase(), { href: `${r.folder}/${name}` })));
      body.push(para(links));
    }
    const files = (r.manifest.file ?? []).filter((f): f is { nome: string; descrizione?: string; byte?: number } => typeof f?.nome === 'string');
    body.push(para([text('I file di questa revisione:', { bold: true })], 'con-successivo'));
    body.push({
      type: 'list',
      ordered: false,
      items: [
        ...files.map((f) => [para([text(f.nome, { href: `${r.folder}/${f.nome}` }), text(` – ${fileLabel(f.nome, f.descrizione)}${f.byte !== undefined ? ` (${size(f.byte)})` : ''}`)])]),
        [para([text(MANIFEST, { href: `${r.folder}/${MANIFEST}` }), text(` – l'elenco dei file con la loro impronta SHA-256${manifestRevision(r.manifest) > 0 && r.manifest.precedente ? ' e il collegamento al manifest della revisione precedente' : ''}`)])],
      ],
    });
  }

  const tree: DocTree = {
    title: `${plan.ente} – ${subject} – Revisioni pubblicate`,
    header: [text(`${plan.ente} – ${subject} – Revisioni pubblicate`)],
    footer: [text('Pagina '), { type: 'field', field: 'page' }, text(' di '), { type: 'field', field: 'pages' }],
    body,
  };
  const meta: DocMeta = {
    title: tree.title!,
    author: plan.ente,
    subject: `${subject} – Revisioni pubblicate`,
    keywords: `PIAO, performance, revisioni, ${plan.ente}, ${plan.triennio}`,
    language: 'it-IT',
    date: new Date(Date.UTC(plan.anno, 0, 1, 12)),
  };
  return writeDocument('html', tree, theme, meta, { navigation: true });
}
