/**
 * DOCX writer (docx 9): the document tree as an editable Word file for the Giunta's delibera.
 * It uses Word's built-in styles (Heading 1-4, List Paragraph, Table Grid), so the section can be
 * pasted into the full PIAO and its table of contents picks the headings up. Objective tables
 * never split: rows cannot break and every row but the last keeps with the next.
 * The theme's fonts are embedded. The package is zipped by `zip.ts`, for byte-identical output.
 *
 * docx builds the package (styles, numbering, fonts, header and footer, properties, relationships);
 * the body, which grows with the plan, is written as XML by `docx-xml.ts` and put in the place of a
 * placeholder paragraph, without a docx object per paragraph, run or cell.
 */
import {
  AlignmentType, Document, Footer, Header, LevelFormat, Packer, PageNumber, Paragraph, TextRun, type ParagraphChild,
} from 'docx';
import type { DocTree, Inline } from '../render/tree.js';
import type { FontFiles, Theme } from '../render/theme.js';
import { color } from './style.js';
import { MM_TO_PT } from './common.js';
import type { DocMeta } from './meta.js';
import { zipPackage, withFixedRandom, type PackageFiles } from './docx-package.js';
import { HALF, TWIP, bodyXml, hex, type ListReference } from './docx-xml.js';

/** The text of the paragraph that stands for the body in docx's document.xml. */
const BODY_MARKER = 'piao:body';
const BODY_PLACEHOLDER = `<w:body><w:p><w:r><w:t xml:space="preserve">${BODY_MARKER}</w:t></w:r></w:p><w:sectPr`;

/** Word's built-in "Table Grid" table style (Word and LibreOffice know it by this id). */
const TABLE_GRID = `<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>`;

export async function writeDocx(tree: DocTree, theme: Theme, fonts: FontFiles, meta: DocMeta): Promise<Buffer> {
  const m = theme.pagina.margini;
  const f = theme.carattere;
  const small = theme.intestazione.dimensione * HALF;
  const grey = hex(color(theme, 'piePagina'));
  const headingStyle = (level: '1' | '2' | '3' | '4') => ({
    run: { font: f.famiglia, size: theme.titoli[level].dimensione * HALF, bold: true, color: hex(color(theme, 'titoli')) },
    paragraph: { spacing: { before: theme.titoli[level].spazioPrima * TWIP, after: theme.titoli[level].spazioDopo * TWIP }, keepNext: true, keepLines: true },
  });

  // docx draws the embedded fonts' obfuscation keys from Math.random: seed it for identical bytes.
  const doc = withFixedRandom(0x5ea1, () => new Document({
    creator: meta.author,
    lastModifiedBy: meta.author,
    title: meta.title,
    subject: meta.subject,
    keywords: meta.keywords,
    description: meta.subject,
    revision: 1,
    fonts: [{ name: f.famiglia, data: fonts.normal, bold: fonts.bold, italic: fonts.italics, boldItalic: fonts.bolditalics }],
    styles: {
      default: {
        document: {
          run: { font: f.famiglia, size: f.dimensione * HALF, color: hex(color(theme, 'testo')), language: { value: meta.language } },
          paragraph: { spacing: { after: theme.paragrafo.spazioDopo * TWIP, line: Math.round(f.interlinea * 240) } },
        },
        heading1: headingStyle('1'),
        heading2: headingStyle('2'),
        heading3: headingStyle('3'),
        heading4: headingStyle('4'),
        listParagraph: { paragraph: { spacing: { after: 0 } } },
      },
    },
    numbering: { config: numberingConfig() },
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM_TO_PT * TWIP), height: Math.round(297 * MM_TO_PT * TWIP) },
            margin: {
              top: Math.round(m.sopra * MM_TO_PT * TWIP),
              right: Math.round(m.destra * MM_TO_PT * TWIP),
              bottom: Math.round(m.sotto * MM_TO_PT * TWIP),
              left: Math.round(m.sinistra * MM_TO_PT * TWIP),
              header: Math.round((m.sopra / 2) * MM_TO_PT * TWIP),
              footer: Math.round((m.sotto / 2) * MM_TO_PT * TWIP),
            },
          },
        },
        headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: runsOf(tree.header, { size: small, color: grey }) })] }) },
        footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: runsOf(tree.footer, { size: small, color: grey }) })] }) },
        children: [new Paragraph({ children: [new TextRun(BODY_MARKER)] })],
      },
    ],
  }));
  // Numbering: docx writes a list's w:num in numbering.xml when a paragraph of the list is written. Our
  // paragraphs are not docx's, so the body asks docx for each list's w:num itself, in the order it first
  // refers to them, which is the order docx would have met them in: same ids, same numbering.xml. This
  // happens before compiling, which writes the w:num entries made so far.
  const numIdOf = (reference: ListReference, instance: number): number => {
    doc.Numbering.createConcreteNumberingInstance(reference, instance);
    const made = doc.Numbering.ConcreteNumbering.find((n) => n.reference === reference && n.instance === instance && n.restartedListId === undefined);
    if (!made) throw new Error(`docx made no numbering for list ${reference} ${instance}`);
    return made.numId;
  };
  const body = bodyXml(tree.body, theme, numIdOf);
  // The package's files, zipped once by zipPackage (docx's own zip would carry the clock's time).
  const files = (Packer as unknown as { compiler: { compile(file: Document): PackageFiles } }).compiler.compile(doc);
  return zipPackage(files, meta.date, {
    // The body in the place of the placeholder paragraph; the section properties docx wrote stay last in w:body.
    'word/document.xml': (xml) => {
      const at = xml.indexOf(BODY_PLACEHOLDER);
      if (at < 0 || xml.indexOf(BODY_PLACEHOLDER, at + 1) >= 0) throw new Error('docx wrote the body placeholder in an unexpected form');
      return `${xml.slice(0, at)}<w:body>${body}${xml.slice(at + BODY_PLACEHOLDER.length - '<w:sectPr'.length)}`;
    },
    // docx has no API for table styles: add Word's "Table Grid" to the styles it wrote.
    'word/styles.xml': (xml) => xml.replace('</w:styles>', `${TABLE_GRID}</w:styles>`),
  });
}

function numberingConfig() {
  const levels = (format: (typeof LevelFormat)[keyof typeof LevelFormat], text: (l: number) => string) =>
    [0, 1, 2, 3].map((level) => ({
      level,
      format,
      text: text(level),
      alignment: AlignmentType.LEFT,
      style: { paragraph: { indent: { left: 360 * (level + 1), hanging: 260 } } },
    }));
  return [
    { reference: 'punti' satisfies ListReference, levels: levels(LevelFormat.BULLET, (l) => ['•', '◦', '▪', '•'][l]!) },
    { reference: 'numeri' satisfies ListReference, levels: levels(LevelFormat.DECIMAL, (l) => `%${l + 1}.`) },
  ];
}

function runsOf(items: Inline[], base: { size?: number; color?: string | undefined; bold?: boolean } = {}): ParagraphChild[] {
  return items.map((i) => {
    if (i.type === 'break') return new TextRun({ break: 1 });
    if (i.type === 'field') return new TextRun({ ...base, children: [i.field === 'page' ? PageNumber.CURRENT : PageNumber.TOTAL_PAGES] });
    return new TextRun({ ...base, text: i.text, ...(i.bold && { bold: true }), ...(i.italic && { italics: true }) });
  });
}

