/**
 * DOCX writer (docx 9): the document tree as an editable Word file for the Giunta's delibera.
 * It uses Word's built-in styles (Heading 1-6 at the headings' outline levels, List Paragraph, Table
 * Grid), so the section can be pasted into the full PIAO and its table of contents picks the headings
 * up at the right level. Objective tables
 * never split: rows cannot break and every row but the last keeps with the next.
 * The theme's fonts are embedded.
 *
 * docx builds the package through its public API (`new Document`, `Packer.toBuffer`): styles, fonts,
 * header and footer, properties, relationships, with a placeholder paragraph for a body. The body, which
 * grows with the plan, is written as XML by `docx-xml.ts` (no docx object per paragraph, run or cell), with
 * its own `word/numbering.xml`. `docx-package.ts` unzips docx's package, puts them in, and zips it again
 * with fixed dates, for byte-identical output.
 */
import { AlignmentType, Document, LineRuleType, Footer, Header, Packer, PageNumber, Paragraph, TextRun, type ParagraphChild } from 'docx';
import { allHeadings, outlineOf, type DocTree, type Inline } from '../render/tree.js';
import type { FontFiles, Theme } from '../render/theme.js';
import { classStyle, color } from './style.js';
import { MM_TO_PT } from './common.js';
import type { DocMeta } from './meta.js';
import { unzipPackage, withFixedRandom, zipPackage, type PackageFiles } from './docx-package.js';
import { HALF, TWIP, bodyXml, capsStyleId, hex, type Revisions } from './docx-xml.js';
import { FileError } from '../io/errors.js';

/** The text of the paragraph that stands for the body in docx's document.xml. */
const BODY_MARKER = 'piao:body';
const BODY_PLACEHOLDER = `<w:body><w:p><w:r><w:t xml:space="preserve">${BODY_MARKER}</w:t></w:r></w:p><w:sectPr`;

/** Word's built-in "Table Grid" table style (Word and LibreOffice know it by this id). */
const TABLE_GRID = `<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>`;

/**
 * `pages`: the number of pages the footer's page count shows until a viewer counts them (Word and
 * LibreOffice do, some viewers never): the PDF's, when the same run made it.
 */
export async function writeDocx(tree: DocTree, theme: Theme, fonts: FontFiles, meta: DocMeta, pages?: number, revisions?: Revisions): Promise<Buffer> {
  const m = theme.pagina.margini;
  const f = theme.carattere;
  const small = theme.intestazione.dimensione * HALF;
  const grey = hex(color(theme, 'piePagina'));
  // Word's Heading N is the heading's level in the outline; its look is that of the template's level
  // there (so "2.2 Performance" looks the same at level 1 or 2).
  const look = headingLooks(tree);
  const headingStyle = (n: number) => {
    const h = theme.titoli[look(n)];
    return {
      run: { font: f.famiglia, size: h.dimensione * HALF, bold: true, color: hex(color(theme, 'titoli')) },
      paragraph: { spacing: { before: h.spazioPrima * TWIP, after: h.spazioDopo * TWIP }, keepNext: true, keepLines: true, outlineLevel: n - 1 },
    };
  };
  // Headings in capitals by their class (`maiuscole`): a style of their own based on the heading's, so the
  // text keeps the case it was typed in (Word's table of contents shows that) and the page shows capitals.
  const caps = new Set(allHeadings(tree.body).filter((h) => classStyle(theme, h.cls).maiuscole).map(outlineOf));

  // docx (9.15) draws the embedded fonts' obfuscation keys from Math.random when the Document is made: seed it
  // for identical bytes.
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
          paragraph: { spacing: { after: theme.paragrafo.spazioDopo * TWIP, line: Math.round(f.interlinea * 240), lineRule: LineRuleType.AUTO } },
        },
        heading1: headingStyle(1),
        heading2: headingStyle(2),
        heading3: headingStyle(3),
        heading4: headingStyle(4),
        heading5: headingStyle(5),
        heading6: headingStyle(6),
        listParagraph: { paragraph: { spacing: { after: 0 } } },
      },
      paragraphStyles: [...caps].sort().map((n) => ({
        id: capsStyleId(n),
        name: `Heading ${n} Maiuscolo`,
        basedOn: `Heading${n}`,
        next: 'Normal',
        quickFormat: true,
        run: { allCaps: true },
        paragraph: { outlineLevel: n - 1 },
      })),
    },
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
  const { body, numbering, media } = bodyXml(tree.body, theme, revisions);
  const files = unzipPackage(await packed(doc));
  requireNumberingPart(files);
  // The body's images (the coat of arms): their parts, and relationships from document.xml (png and jpeg have content types already).
  for (const m of media) files[`word/${m.path}`] = m.data;
  const imageRels = media.map((m) => `<Relationship Id="${m.rId}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="${m.path}"/>`).join('');
  return zipPackage(files, meta.date, {
    // The body in the place of the placeholder paragraph; the section properties docx wrote stay last in w:body.
    'word/document.xml': (xml) => {
      const at = xml.indexOf(BODY_PLACEHOLDER);
      if (at < 0 || xml.indexOf(BODY_PLACEHOLDER, at + 1) >= 0) throw new Error('docx wrote the body placeholder in an unexpected form');
      return `${xml.slice(0, at)}<w:body>${body}${xml.slice(at + BODY_PLACEHOLDER.length - '<w:sectPr'.length)}`;
    },
    // Our lists' numbering in the place of docx's (which has only its own default bullet list).
    'word/numbering.xml': () => numbering,
    // docx has no API for table styles: add Word's "Table Grid" to the styles it wrote.
    'word/styles.xml': (xml) => xml.replace('</w:styles>', `${TABLE_GRID}</w:styles>`),
    'word/_rels/document.xml.rels': (xml) => xml.replace('</Relationships>', `${imageRels}</Relationships>`),
    '[Content_Types].xml': (xml) => {
      for (const ext of new Set(media.map((m) => m.path.slice(m.path.lastIndexOf('.') + 1)))) {
        if (!xml.includes(`Extension="${ext}"`)) xml = xml.replace('<Default ', `<Default ContentType="image/${ext}" Extension="${ext}"/><Default `);
      }
      return xml;
    },
    ...fieldResults(files, tree, pages),
  });
}

/** The template level whose look the heading style of each outline level takes: the one of the headings there. */
function headingLooks(tree: DocTree): (n: number) => '1' | '2' | '3' | '4' {
  const seen = new Map<number, number>();
  for (const h of allHeadings(tree.body)) if (!seen.has(outlineOf(h))) seen.set(outlineOf(h), h.level);
  // Levels without headings follow the same step as the others.
  const [first] = seen;
  const shift = first ? first[0] - first[1] : 0;
  return (n) => String(seen.get(n) ?? Math.max(1, Math.min(4, n - shift))) as '1' | '2' | '3' | '4';
}

/**
 * docx writes PAGE and NUMPAGES as complex fields with no result: a viewer that does not update fields
 * shows "Pagina  di ". Each gets a result, in the look of the run before it: the first page, and
 * `pages` (or 1 when unknown). Should docx write the fields in another form, this fails rather than
 * leave one without.
 */
function fieldResults(files: PackageFiles, tree: DocTree, pages: number | undefined): Record<string, (xml: string) => string> {
  const parts = Object.keys(files).filter((name) => /^word\/(header|footer)\d*\.xml$/.test(name));
  const expected = [...tree.header, ...tree.footer].filter((i) => i.type === 'field').length;
  let found = 0;
  const field = /(<w:r>(<w:rPr>(?:(?!<\/w:rPr>).)*<\/w:rPr>)?<w:fldChar w:fldCharType="begin"\/><\/w:r><w:r>(?:<w:rPr>(?:(?!<\/w:rPr>).)*<\/w:rPr>)?<w:instrText xml:space="preserve">(PAGE|NUMPAGES)<\/w:instrText><\/w:r><w:r>(?:<w:rPr>(?:(?!<\/w:rPr>).)*<\/w:rPr>)?<w:fldChar w:fldCharType="separate"\/><\/w:r>)(?=<w:r>(?:<w:rPr>(?:(?!<\/w:rPr>).)*<\/w:rPr>)?<w:fldChar w:fldCharType="end"\/>)/g;
  const patch = (xml: string) =>
    xml.replace(field, (_m, fieldStart: string, rPr: string | undefined, instr: string) => {
      found++;
      return `${fieldStart}<w:r>${rPr ?? ''}<w:t>${instr === 'PAGE' ? 1 : (pages ?? 1)}</w:t></w:r>`;
    });
  const patches: Record<string, (xml: string) => string> = {};
  for (const name of parts) {
    const xml = patch(new TextDecoder().decode(files[name]));
    patches[name] = () => xml;
  }
  if (found !== expected) throw new Error(`docx wrote ${expected} page fields in an unexpected form (${found} recognised)`);
  return patches;
}

/**
 * docx always writes a numbering part, with its relationship from document.xml and its content type, even
 * with no `numbering` option: ours takes its place. Should a docx version stop doing so, fail here rather
 * than write a document whose lists point nowhere.
 */
function requireNumberingPart(files: PackageFiles): void {
  const text = (name: string) => new TextDecoder().decode(files[name]);
  const ok =
    files['word/numbering.xml'] !== undefined &&
    /Type="[^"]*\/relationships\/numbering" Target="numbering\.xml"/.test(text('word/_rels/document.xml.rels')) &&
    text('[Content_Types].xml').includes('PartName="/word/numbering.xml"');
  if (!ok) throw new Error('docx wrote no numbering part (word/numbering.xml, its relationship and content type)');
}

function runsOf(items: Inline[], base: { size?: number; color?: string | undefined; bold?: boolean } = {}): ParagraphChild[] {
  return items.map((i) => {
    if (i.type === 'break') return new TextRun({ break: 1 });
    if (i.type === 'field') return new TextRun({ ...base, children: [i.field === 'page' ? PageNumber.CURRENT : PageNumber.TOTAL_PAGES] });
    return new TextRun({ ...base, text: i.text, ...(i.bold && { bold: true }), ...(i.italic && { italics: true }) });
  });
}


/**
 * docx zips its package with the machine's clock (the dates are then replaced by the document's, in
 * docx-package.ts), and a zip file can only hold 1980–2099: a clock outside them (a machine without
 * a clock battery boots in 1970) is told as such, not as an internal error.
 */
async function packed(doc: Document): Promise<Buffer> {
  try {
    return await Packer.toBuffer(doc);
  } catch (e) {
    const year = new Date().getFullYear();
    if (year < 1980 || year > 2099) {
      throw new FileError(`l'orologio del computer segna l'anno ${year}: il DOCX (un file zip) si può scrivere solo con una data tra il 1980 e il 2099; correggi la data e l'ora del sistema, oppure genera solo PDF e HTML (--format pdf,html)`, 1);
    }
    throw e;
  }
}
