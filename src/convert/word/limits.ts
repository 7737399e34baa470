/**
 * A DOCX is a zip: a file of 200 KB can hold gigabytes of XML (a "zip bomb"), and the input's size
 * limit says nothing about it. Before mammoth reads the document, its XML parts are inflated here
 * with fflate, counting the bytes as they come (the sizes the zip declares may lie) and stopping
 * at the first part over the limit; the paragraphs of word/document.xml are counted too, since
 * mammoth's time and memory grow with them. The answer is an Italian sentence, or nothing.
 */
import { Unzip, UnzipInflate, unzipSync } from 'fflate';

/** At most this many bytes in one XML part once uncompressed. */
export const MAX_PART_BYTES = 50 * 1024 * 1024;
/** At most this many paragraphs in word/document.xml (a long PIAO has a few thousand). */
export const MAX_PARAGRAPHS = 50_000;

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
const XML = /\.(xml|rels)$/i;

/** Why the DOCX's content is too large to read, or undefined when it is not. */
export function docxTooLarge(docx: Uint8Array): string | undefined {
  const over = (name: string, size?: number) =>
    `il documento è troppo grande una volta decompresso: la parte «${name}» ${size !== undefined ? `è di ${mb(size)}` : 'supera'} (al massimo ${mb(MAX_PART_BYTES)} per parte): un documento vero non ne ha tanto; se il file è stato prodotto da un programma, aprilo con Word o LibreOffice e salvalo di nuovo come .docx`;
  // The sizes the central directory declares, without inflating anything.
  let declared: string | undefined;
  try {
    unzipSync(docx, {
      filter: (f) => {
        if (!declared && XML.test(f.name) && f.originalSize > MAX_PART_BYTES) declared = over(f.name, f.originalSize);
        return false;
      },
    });
  } catch {
    return undefined; // not a zip mammoth can read either: it says so
  }
  if (declared) return declared;
  // The bytes the parts really inflate to.
  let problem: string | undefined;
  const document: Uint8Array[] = [];
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.onfile = (file) => {
    if (!XML.test(file.name) || problem) return;
    let size = 0;
    file.ondata = (err, chunk) => {
      if (err || problem) return;
      size += chunk.length;
      if (size > MAX_PART_BYTES) {
        problem = over(file.name);
        file.terminate();
        return;
      }
      if (file.name === 'word/document.xml') document.push(chunk);
    };
    file.start();
  };
  try {
    unzip.push(docx, true);
  } catch {
    // a damaged archive: mammoth reports it
  }
  if (problem) return problem;
  const xml = Buffer.concat(document).toString('latin1');
  const paragraphs = xml.match(/<w:p[\s>/]/g)?.length ?? 0;
  if (paragraphs > MAX_PARAGRAPHS) {
    return `il documento ha ${thousands(paragraphs)} paragrafi (al massimo ${thousands(MAX_PARAGRAPHS)}): la sottosezione Performance non ne ha tanti; importa solo la sottosezione (copiala in un documento a sé) o controlla che il file non sia danneggiato`;
  }
  return undefined;
}
