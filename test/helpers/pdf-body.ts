/**
 * The text of a PDF's page bodies: what lies between the page margins of the default theme
 * (templates/default/tema.json). test/helpers/extract.ts's pdfText leaves out a fixed 12 mm band at
 * the top and bottom, which a running header wrapped on two or three lines (a long ente name or
 * section title) overflows; here the band is the margin itself, so a header stays out however it
 * wraps, and a header or footer that spills into the body is still caught (as extra text).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const MM_TO_PT = 72 / 25.4;
const theme = JSON.parse(readFileSync(join(import.meta.dirname, '../../templates/default/tema.json'), 'utf8')) as {
  pagina: { margini: { sopra: number; sotto: number } };
};

export async function pdfBodyText(pdf: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const top = theme.pagina.margini.sopra * MM_TO_PT;
  const bottom = theme.pagina.margini.sotto * MM_TO_PT;
  const parts: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const height = page.view[3]!;
    const content = await page.getTextContent();
    for (const item of content.items) {
      if (!('str' in item)) continue;
      const y = item.transform[5] as number;
      // A body line's baseline is below the top margin and above the bottom one.
      if (y > height - top || y < bottom) continue;
      parts.push(item.str);
      if (item.hasEOL) parts.push('\n');
    }
    parts.push('\n');
  }
  await doc.destroy();
  return parts.join('');
}
