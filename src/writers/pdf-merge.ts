/**
 * Joins the PDFs of a document's parts (see pdf-parts.ts) into one, with pdf-lib: the first part
 * is the document (its properties, XMP metadata and PDF/A output intent stay as pdfkit wrote
 * them), the pages of the others are appended to it.
 *
 * Each part embeds its own subset of the theme's fonts, named by pdfkit from the font's number
 * in that part ("BZZZZZ+TitilliumWeb-Regular"): the same name in both parts for different
 * subsets. The appended parts' subsets get a tag of their own, so that no reader can take one
 * for the other.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFObject } from 'pdf-lib';

export async function mergePdfs(parts: readonly Uint8Array[]): Promise<Buffer> {
  if (parts.length === 1) return Buffer.from(parts[0]!.buffer, parts[0]!.byteOffset, parts[0]!.byteLength);
  // updateMetadata: false keeps the document's properties (producer, dates) as they are.
  const doc = await PDFDocument.load(parts[0]!, { updateMetadata: false });
  for (let k = 1; k < parts.length; k++) {
    const part = await PDFDocument.load(parts[k]!, { updateMetadata: false });
    const renamed = new Set<PDFDict>();
    for (const page of await doc.copyPages(part, part.getPageIndices())) {
      const fonts = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
      for (const [, ref] of fonts?.entries() ?? []) retag(doc, doc.context.lookup(ref), k, renamed);
      doc.addPage(page);
    }
  }
  return Buffer.from(await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false }));
}

/** A Type0 font, its descendant font and its descriptor: the subset tag's last letter becomes part k's. */
function retag(doc: PDFDocument, font: PDFObject | undefined, k: number, done: Set<PDFDict>): void {
  if (!(font instanceof PDFDict) || done.has(font)) return;
  done.add(font);
  rename(font, 'BaseFont', k);
  const descendants = font.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray);
  for (let i = 0; i < (descendants?.size() ?? 0); i++) retag(doc, doc.context.lookup(descendants!.get(i)), k, done);
  const descriptor = font.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict);
  if (descriptor) rename(descriptor, 'FontName', k);
}

function rename(dict: PDFDict, key: string, k: number): void {
  const name = dict.lookupMaybe(PDFName.of(key), PDFName)?.decodeText();
  const m = name && /^([A-Z]{6})\+(.*)$/.exec(name);
  if (!m) return;
  // pdfkit's tags end in Z (they come from the font's short id, padded): a tag ending in A, B, …
  // is never one of its own.
  const tag = m[1]!.slice(0, 5) + String.fromCharCode(64 + k);
  dict.set(PDFName.of(key), PDFName.of(`${tag}+${m[2]}`));
}
