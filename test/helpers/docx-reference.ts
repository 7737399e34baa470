/**
 * The DOCX writer as it was before the body was written as XML (`src/writers/docx-xml.ts`): the whole
 * document built with docx's object model (a Paragraph, TextRun, Table… per element). It is the reference
 * `docx-body.test.ts` holds the real writer to, byte for byte, so the body's hand-written XML stays what
 * docx itself writes. Keep it as it is; it is not used outside the tests.
 */
import {
  AlignmentType, BorderStyle, Document, Footer, Header, HeadingLevel, LevelFormat, Packer, PageNumber,
  Paragraph, ShadingType, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType,
  type IParagraphOptions, type ParagraphChild,
} from 'docx';
import type { Block, DocTree, Inline } from '../../src/render/tree.js';
import type { FontFiles, Theme } from '../../src/render/theme.js';
import { classStyle, color } from '../../src/writers/style.js';
import { MM_TO_PT, columnPercents, contentWidthPt } from '../../src/writers/common.js';
import type { DocMeta } from '../../src/writers/meta.js';
import { zipPackage, withFixedRandom, type PackageFiles } from '../../src/writers/docx-package.js';

const TWIP = 20; // twips per point
const HALF = 2; // half-points per point
const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4] as const;
const ALIGN = { sinistra: AlignmentType.LEFT, centro: AlignmentType.CENTER, destra: AlignmentType.RIGHT, giustificato: AlignmentType.JUSTIFIED } as const;

/** Word's built-in "Table Grid" table style (Word and LibreOffice know it by this id). */
const TABLE_GRID = `<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>`;

export async function writeDocxReference(tree: DocTree, theme: Theme, fonts: FontFiles, meta: DocMeta): Promise<Buffer> {
  const w = new DocxBlocks(theme);
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
    numbering: { config: w.numberingConfig() },
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
        children: w.blocks(tree.body),
      },
    ],
  }));
  // The package's files, zipped once by zipPackage (docx's own zip would carry the clock's time).
  const files = (Packer as unknown as { compiler: { compile(file: Document): PackageFiles } }).compiler.compile(doc);
  // docx has no API for table styles: add Word's "Table Grid" to the styles it wrote.
  return zipPackage(files, meta.date, { 'word/styles.xml': (xml) => xml.replace('</w:styles>', `${TABLE_GRID}</w:styles>`) });
}

function join(a: string | undefined, b: string | undefined): string | undefined {
  return a && b ? `${a} ${b}` : (a ?? b);
}

function hex(c: string | undefined): string | undefined {
  return c?.replace('#', '');
}

function runsOf(items: Inline[], base: { size?: number; color?: string | undefined; bold?: boolean } = {}): ParagraphChild[] {
  return items.map((i) => {
    if (i.type === 'break') return new TextRun({ break: 1 });
    if (i.type === 'field') return new TextRun({ ...base, children: [i.field === 'page' ? PageNumber.CURRENT : PageNumber.TOTAL_PAGES] });
    return new TextRun({ ...base, text: i.text, ...(i.bold && { bold: true }), ...(i.italic && { italics: true }) });
  });
}

/** Where a block sits: list depth, inside a table cell or a quotation, and the class inherited from its cell. */
interface Ctx {
  level: number;
  inCell: boolean;
  quote?: boolean;
  cls?: string;
}

class DocxBlocks {
  private lists = 0;
  private readonly widthTwips: number;

  constructor(private readonly theme: Theme) {
    this.widthTwips = Math.round(contentWidthPt(theme) * TWIP);
  }

  numberingConfig() {
    const levels = (format: (typeof LevelFormat)[keyof typeof LevelFormat], text: (l: number) => string) =>
      [0, 1, 2, 3].map((level) => ({
        level,
        format,
        text: text(level),
        alignment: AlignmentType.LEFT,
        style: { paragraph: { indent: { left: 360 * (level + 1), hanging: 260 } } },
      }));
    return [
      { reference: 'punti', levels: levels(LevelFormat.BULLET, (l) => ['•', '◦', '▪', '•'][l]!) },
      { reference: 'numeri', levels: levels(LevelFormat.DECIMAL, (l) => `%${l + 1}.`) },
    ];
  }

  blocks(blocks: Block[], ctx: Ctx = { level: 0, inCell: false }): (Paragraph | Table)[] {
    return blocks.flatMap((b) => this.block(b, ctx));
  }

  private block(b: Block, ctx: Ctx): (Paragraph | Table)[] {
    const t = this.theme;
    switch (b.type) {
      case 'heading':
        return [new Paragraph({ heading: HEADINGS[b.level - 1], children: this.runs(b.content, join(ctx.cls, b.cls)), ...this.paraProps(b.cls) })];
      case 'paragraph':
        return [new Paragraph({ children: this.runs(b.content, join(ctx.cls, b.cls)), ...this.paraProps(join(ctx.cls, b.cls), ctx) })];
      case 'list': {
        // Numbered lists restart (an instance each); bulleted ones share one, which keeps numbering.xml small.
        const instance = b.ordered ? ++this.lists : 0;
        const reference = b.ordered ? 'numeri' : 'punti';
        const paragraphs = b.items.flatMap((item) =>
          item.flatMap((child, k): (IParagraphOptions | Paragraph | Table)[] => {
            if (child.type === 'paragraph' && k === 0) {
              return [{
                style: 'ListParagraph',
                numbering: { reference, level: Math.min(ctx.level, 3), instance },
                children: this.runs(child.content, join(ctx.cls, child.cls)),
                ...(ctx.quote && { indent: { left: 360 * (ctx.level + 1) + 540, hanging: 260 } }),
              } as IParagraphOptions];
            }
            return this.block(child, { ...ctx, level: ctx.level + 1 });
          }),
        );
        // A list in the flow of text is followed by the usual paragraph space (inside a cell, none).
        const last = paragraphs.length - 1;
        return paragraphs.map((p, i) =>
          p instanceof Paragraph || p instanceof Table
            ? p
            : new Paragraph(i === last && ctx.level === 0 && !ctx.inCell ? { ...(p as IParagraphOptions), spacing: { after: t.paragrafo.spazioDopo * TWIP } } : (p as IParagraphOptions)),
        );
      }
      case 'quote':
        return this.blocks(b.content, { ...ctx, quote: true });
      case 'div':
        return this.blocks(b.content, ctx);
      case 'pagebreak':
        return [new Paragraph({ pageBreakBefore: true, children: [] })];
      case 'table': {
        const percents = columnPercents(t, b.rows, b.cls);
        const widths = percents.map((p) => Math.round((p / 100) * this.widthTwips));
        const border = { style: BorderStyle.SINGLE, size: 4, color: hex(color(t, 'bordi')) ?? 'auto' };
        const pad = t.tabella.margineCella * TWIP;
        const last = b.rows.length - 1;
        const rows = b.rows.map((r, ri) => {
          let col = 0;
          return new TableRow({
            cantSplit: true,
            // Keep-with-next on every row but the last keeps the table on one page without chaining tables together.
            keepNext: ri < last,
            children: r.cells.map((c) => {
              const st = classStyle(t, c.cls);
              const width = widths.slice(col, col + c.colspan).reduce((a, x) => a + x, 0);
              col += c.colspan;
              const content = this.blocks(c.content, { level: 0, inCell: true, ...(c.cls && { cls: c.cls }) });
              return new TableCell({
                width: { size: width, type: WidthType.DXA },
                ...(c.colspan > 1 && { columnSpan: c.colspan }),
                ...(st.sfondo && { shading: { type: ShadingType.CLEAR, color: 'auto', fill: hex(color(t, st.sfondo))! } }),
                children: content.length ? content : [new Paragraph({ children: [] })],
              });
            }),
          });
        });
        return [
          new Table({
            style: 'TableGrid',
            layout: TableLayoutType.FIXED,
            width: { size: this.widthTwips, type: WidthType.DXA },
            columnWidths: widths,
            // Cell padding once for the table (tblCellMar), not on every cell.
            margins: { top: pad * 0.6, bottom: pad * 0.4, left: pad, right: pad },
            borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
            rows,
          }),
          // Space after the table (Word needs a paragraph between two tables anyway).
          new Paragraph({ spacing: { after: 0, before: 0, line: Math.round(t.tabella.spazioDopo * TWIP) , lineRule: 'exact' as never }, children: [] }),
        ];
      }
    }
  }

  private runs(items: Inline[], cls: string | undefined): ParagraphChild[] {
    const st = classStyle(this.theme, cls);
    const base = {
      ...(st.grassetto && { bold: true }),
      ...(st.corsivo && { italics: true }),
      ...(st.dimensione && { size: st.dimensione * HALF }),
      ...(st.colore && { color: hex(color(this.theme, st.colore)) }),
    };
    return items.map((i) => {
      if (i.type === 'break') return new TextRun({ break: 1 });
      if (i.type === 'field') return new TextRun({ text: '' });
      const own = classStyle(this.theme, i.cls);
      return new TextRun({ ...base, text: i.text, ...((i.bold || own.grassetto) && { bold: true }), ...((i.italic || own.corsivo) && { italics: true }) });
    });
  }

  private paraProps(cls: string | undefined, ctx?: { inCell: boolean; quote?: boolean }): Partial<IParagraphOptions> {
    const st = classStyle(this.theme, cls);
    const spacing =
      ctx?.inCell ? { after: 0 } : st.spazioPrima !== undefined || st.spazioDopo !== undefined ? { before: (st.spazioPrima ?? 0) * TWIP, after: (st.spazioDopo ?? this.theme.paragrafo.spazioDopo) * TWIP } : undefined;
    return {
      ...(st.conSuccessivo && { keepNext: true }),
      ...(st.allineamento && { alignment: ALIGN[st.allineamento] }),
      ...(spacing && { spacing }),
      ...(ctx?.quote && { indent: { left: 540 } }),
    };
  }
}
