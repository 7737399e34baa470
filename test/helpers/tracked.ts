/**
 * Word's "accept all" and "reject all" of tracked changes, done on word/document.xml as WordprocessingML
 * defines them: runs in `w:del` removed and `w:ins` unwrapped (or the reverse), rows marked in `w:trPr`
 * removed or kept, a paragraph whose mark goes joined to the paragraph after it. Then the document's
 * paragraphs, each with its place in the tables, to compare with a document built without revisions.
 * And the amendments the tests of `--confronta` compare: the example's rev. 0 → rev. 1, and synthetic ones.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, DomUtils } from 'htmlparser2';
import type { ChildNode, Element, ParentNode } from 'domhandler';

export function acceptAll(documentXml: string): string {
  return resolve(documentXml, 'ins');
}

export function rejectAll(documentXml: string): string {
  return resolve(documentXml, 'del');
}

const tags = (root: ParentNode, name: string): Element[] => DomUtils.findAll((e) => e.name === name, root.children);
const child = (el: Element, name: string): Element | undefined => el.children.find((c): c is Element => c.type === 'tag' && c.name === name);

function resolve(xml: string, keep: 'ins' | 'del'): string {
  const drop = keep === 'ins' ? 'del' : 'ins';
  const dom = parseDocument(xml, { xmlMode: true });
  // Rows first: a table left without rows goes too.
  for (const tr of tags(dom, 'w:tr')) {
    const trPr = child(tr, 'w:trPr');
    if (trPr && child(trPr, `w:${drop}`)) DomUtils.removeElement(tr);
    else if (trPr && child(trPr, `w:${keep}`)) DomUtils.removeElement(child(trPr, `w:${keep}`)!);
  }
  for (const tbl of tags(dom, 'w:tbl')) if (!child(tbl, 'w:tr')) DomUtils.removeElement(tbl);
  // Runs: dropped, or unwrapped (deleted text put back is text again).
  for (const el of tags(dom, `w:${drop}`)) if (el.parent && (el.parent as Element).name === 'w:p') DomUtils.removeElement(el);
  for (const el of tags(dom, `w:${keep}`)) {
    if (!el.parent || (el.parent as Element).name !== 'w:p') continue;
    for (const c of [...el.children]) DomUtils.prepend(el, c);
    DomUtils.removeElement(el);
  }
  for (const t of tags(dom, 'w:delText')) t.name = 'w:t';
  // Paragraph marks: a dropped one joins its paragraph to the next (which keeps its own properties).
  for (const p of tags(dom, 'w:p')) {
    const rPr = markOf(p);
    const mark = rPr && child(rPr, `w:${drop}`);
    if (rPr && child(rPr, `w:${keep}`)) DomUtils.removeElement(child(rPr, `w:${keep}`)!);
    if (!mark) continue;
    const content = p.children.filter((c) => !(c.type === 'tag' && (c as Element).name === 'w:pPr'));
    const next = DomUtils.nextElementSibling(p);
    if (next?.name === 'w:p') {
      const at = child(next, 'w:pPr');
      for (const c of content.reverse()) at ? DomUtils.append(at, c) : DomUtils.prependChild(next, c);
      DomUtils.removeElement(p);
    } else if (content.every((c) => DomUtils.textContent(c) === '' && !DomUtils.findOne((e) => e.name === 'w:br' || e.name === 'w:drawing', [c]))) {
      // Nothing left to join (before a table, or last of its cell): the paragraph goes.
      DomUtils.removeElement(p);
    } else throw new Error(`a paragraph mark marked w:${drop} with text and no paragraph after it: ${DomUtils.textContent(p)}`);
  }
  // The XML declaration written back whole (the serializer leaves out its closing "?").
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${DomUtils.getOuterHTML(dom.children.filter((n) => n.type === 'tag'), { xmlMode: true })}`;
}

function markOf(p: Element): Element | undefined {
  const pPr = child(p, 'w:pPr');
  return pPr && child(pPr, 'w:rPr');
}

/**
 * The body's paragraphs in order, each as "[row.cell/…] style | text" (its place in the tables it is in,
 * its paragraph style): what two documents must share to be the same text, cell by cell.
 */
export function paragraphs(documentXml: string): string[] {
  const dom = parseDocument(documentXml, { xmlMode: true });
  const out: string[] = [];
  const walk = (nodes: ChildNode[], place: string) => {
    for (const n of nodes) {
      if (n.type !== 'tag') continue;
      const el = n as Element;
      if (el.name === 'w:tbl') {
        let r = 0;
        for (const tr of el.children.filter((c): c is Element => c.type === 'tag' && c.name === 'w:tr')) {
          let c = 0;
          for (const tc of tr.children.filter((x): x is Element => x.type === 'tag' && x.name === 'w:tc')) walk(tc.children, `${place}${r}.${c++}/`);
          r++;
        }
      } else if (el.name === 'w:p') {
        const style = DomUtils.findOne((e) => e.name === 'w:pStyle', [el])?.attribs['w:val'] ?? '';
        const text = DomUtils.findAll((e) => e.name === 'w:t' || e.name === 'w:delText' || e.name === 'w:br', [el]).map((e) => (e.name === 'w:br' ? '\n' : DomUtils.textContent(e))).join('');
        out.push(`[${place}] ${style} | ${text}`);
      } else walk(el.children, place);
    }
  };
  walk(dom.children, '');
  return out;
}

/** The revisions left in a document.xml (none after accepting or rejecting all). */
export function revisionCount(documentXml: string): number {
  return (documentXml.match(/<w:(ins|del)\b/g) ?? []).length;
}

/** The example's approved version (rev. 0) and its amendment (rev. 1). */
export const REV0 = join(import.meta.dirname, '../fixtures/variazioni/casalmorano-rev0.yaml');
export const REV1 = join(import.meta.dirname, '../fixtures/variazioni/casalmorano-rev1.yaml');

/** Synthetic amendments of rev. 0, one change each, as text replacements in its YAML. */
export const VARIANTS = {
  /** A row added to an objective's table (its baseline). */
  riga: [['      target: Programmazione\n', '      target: Programmazione\n      baseline: PIAO 2023-2025 approvato a marzo\n']],
  /** A paragraph of the introduction deleted. */
  paragrafo: [[/\n  Il piano dettagliato degli obiettivi[^\n]*\n/, '\n']],
  /** A settore's heading changed. */
  titolo: [['    intestazione: Settore Tecnico e Tecnico Manutentivo\n', '    intestazione: Settore Tecnico, Manutentivo e Ambiente\n']],
  /** A whole settore added (its heading, servizio, objective, and its row in the table of centri). */
  settore: [[
    '  - id: polizia_locale\n',
    [
      '  - id: cultura',
      '    nome: Settore Cultura e Biblioteca',
      '    responsabile: ~',
      '    servizi:',
      '      - nome: Servizio biblioteca',
      '        gruppi:',
      '          - obiettivi:',
      '              - id: cul-prestiti',
      '                titolo: Prestito interbibliotecario',
      '                descrizione: Adesione al prestito interbibliotecario della rete provinciale',
      '                target: Adesione deliberata',
      '                termine: { entro: "2024-10-31" }',
      '                peso: { ccdi: 5 }',
      '                personale: [stelluti]',
      '',
      '  - id: polizia_locale',
      '',
    ].join('\n'),
  ]],
} satisfies Record<string, [string | RegExp, string][]>;

/** Writes a variant of rev. 0 as `<dir>/<name>.yaml`; each replacement must apply. */
export function writeVariant(name: keyof typeof VARIANTS, dir: string): string {
  let text = readFileSync(REV0, 'utf8');
  for (const [from, to] of VARIANTS[name] as [string | RegExp, string][]) {
    const next = text.replace(from, to);
    if (next === text) throw new Error(`variant ${name}: ${String(from)} not found in rev. 0`);
    text = next;
  }
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, text);
  return file;
}
