/**
 * pdfmake's own classes that we patch (pdf-runs.ts, pdf-styles.ts) or drive ourselves
 * (pdf-print.ts), taken once from its CommonJS modules (pdfmake is pinned by the lockfile; the
 * tests fail if its internals change). Each module has an `exports.default`: bundled, the class
 * is `default`; through Node's CommonJS interop (tests running the TypeScript sources), it is
 * `default.default`.
 */
import * as RendererModule from 'pdfmake/js/Renderer.js';
import * as StyleContextStackModule from 'pdfmake/js/StyleContextStack.js';
import * as LayoutBuilderModule from 'pdfmake/js/LayoutBuilder.js';
import * as PDFDocumentModule from 'pdfmake/js/PDFDocument.js';
import * as SVGMeasureModule from 'pdfmake/js/SVGMeasure.js';
import * as PageSizeModule from 'pdfmake/js/PageSize.js';
import * as TableLayoutsModule from 'pdfmake/js/tableLayouts.js';

function classOf<T>(module: unknown): T {
  const m = module as { default: T & { default?: T } };
  return m.default.default ?? m.default;
}

/** A named export of one of those modules, the same way. */
function exportOf<T>(module: unknown, name: string): T {
  const m = module as Record<string, unknown> & { default?: Record<string, unknown> };
  return (m[name] ?? m.default?.[name]) as T;
}

type Page = unknown;
type Content = unknown;

export const Renderer = classOf<{ prototype: Record<string, unknown>; new (doc: PdfKitDocument): { renderPages(pages: Page[]): void } }>(RendererModule);
export const StyleContextStack = classOf<unknown>(StyleContextStackModule);

/** pdfkit's document as pdfmake extends it (fonts from its virtual file system). */
export interface PdfKitDocument {
  on(event: 'data', f: (chunk: Buffer) => void): void;
  on(event: 'end', f: () => void): void;
  end(): void;
}

export const PDFDocument = classOf<
  new (fonts: object, images: object, patterns: object, attachments: object, options: object, virtualfs: unknown, localAccessPolicy: (p: string) => boolean) => PdfKitDocument
>(PDFDocumentModule);

export interface LayoutBuilderInstance {
  registerTableLayouts(layouts: object): void;
  layoutDocument(
    content: Content,
    doc: PdfKitDocument,
    styles: object,
    defaultStyle: object,
    background: undefined,
    header: undefined,
    footer: undefined,
    watermark: undefined,
    pageBreakBefore: undefined,
  ): Page[];
  addHeadersAndFooters(header: (page: number) => Content, footer: (page: number) => Content): void;
}

export const LayoutBuilder = classOf<new (pageSize: object, pageMargins: object, svgMeasure: unknown) => LayoutBuilderInstance>(LayoutBuilderModule);
export const SVGMeasure = classOf<new () => unknown>(SVGMeasureModule);
export const normalizePageSize = exportOf<(size: unknown, orientation: unknown) => { width: number; height: number }>(PageSizeModule, 'normalizePageSize');
export const normalizePageMargin = exportOf<(margins: unknown) => object>(PageSizeModule, 'normalizePageMargin');
export const tableLayouts = exportOf<object>(TableLayoutsModule, 'tableLayouts');
