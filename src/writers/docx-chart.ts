/**
 * A chart of the document tree (render/chart.ts) in a DOCX: a DrawingML group of shapes in line with
 * the text (rectangles, lines, text boxes), the same geometry the SVG of HTML and PDF draws. Shapes
 * rather than a picture: no rasteriser (no native dependency), text that stays text, the same bytes
 * every run. Word (2010 on) and LibreOffice draw such groups.
 */
import type { Chart } from '../render/chart.js';

const EMU = 12700;
const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const WPS = 'http://schemas.microsoft.com/office/word/2010/wordprocessingShape';
const WPG = 'http://schemas.microsoft.com/office/word/2010/wordprocessingGroup';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const emu = (pt: number) => Math.max(0, Math.round(pt * EMU));
const hex = (c: string) => c.replace('#', '').toUpperCase();

/**
 * The run holding the chart drawn `width` points wide. `id`: the drawing's unique id in the document
 * (its shapes take the ids after it: `nextId` says the first one free after the chart).
 */
export function chartDrawing(chart: Chart, width: number, id: number): { xml: string; nextId: number } {
  const k = width / chart.width;
  const cx = emu(chart.width * k);
  const cy = emu(chart.height * k);
  let sid = id;
  const shape = (x: number, y: number, w: number, h: number, spPr: string, extra = '', txBox = false) =>
    `<wps:wsp><wps:cNvPr id="${++sid}" name="Forma ${sid}"/><wps:cNvSpPr${txBox ? ' txBox="1"' : ''}/>` +
    `<wps:spPr><a:xfrm><a:off x="${emu(x * k)}" y="${emu(y * k)}"/><a:ext cx="${emu(w * k)}" cy="${emu(h * k)}"/></a:xfrm>${spPr}</wps:spPr>` +
    `${extra}</wps:wsp>`;
  const parts: string[] = [];
  for (const s of chart.shapes) {
    switch (s.kind) {
      case 'rect':
        parts.push(shape(s.x, s.y, s.w, s.h, `<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="${hex(s.fill)}"/></a:solidFill>${s.stroke ? `<a:ln w="3175"><a:solidFill><a:srgbClr val="${hex(s.stroke)}"/></a:solidFill></a:ln>` : '<a:ln><a:noFill/></a:ln>'}`, '<wps:bodyPr/>'));
        break;
      case 'line':
        // Horizontal and vertical lines only (all a timeline has): the box from the smaller corner.
        parts.push(shape(Math.min(s.x1, s.x2), Math.min(s.y1, s.y2), Math.abs(s.x2 - s.x1), Math.abs(s.y2 - s.y1),
          `<a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:noFill/><a:ln w="${emu(s.width * k)}"><a:solidFill><a:srgbClr val="${hex(s.stroke)}"/></a:solidFill>${s.dash ? '<a:prstDash val="dash"/>' : ''}</a:ln>`, '<wps:bodyPr/>'));
        break;
      case 'text': {
        // A text box around the text: as wide as the text may be (estimated generously), aligned at its anchor.
        const w = s.text.length * s.size * 0.62 + 6;
        const h = s.size * 1.6;
        const left = s.anchor === 'start' ? s.x : s.anchor === 'end' ? s.x - w : s.x - w / 2;
        const jc = s.anchor === 'start' ? 'left' : s.anchor === 'end' ? 'right' : 'center';
        const sz = Math.max(2, Math.round(s.size * k * 2));
        const run = `<w:r><w:rPr>${s.bold ? '<w:b/>' : ''}<w:color w:val="${hex(s.fill)}"/><w:sz w:val="${sz}"/><w:szCs w:val="${sz}"/></w:rPr><w:t xml:space="preserve">${esc(s.text)}</w:t></w:r>`;
        const body = `<wps:txbx><w:txbxContent><w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="${jc}"/></w:pPr>${run}</w:p></w:txbxContent></wps:txbx>` +
          '<wps:bodyPr rot="0" vert="horz" wrap="none" lIns="0" tIns="0" rIns="0" bIns="0" anchor="b" anchorCtr="0"><a:noAutofit/></wps:bodyPr>';
        parts.push(shape(left, s.y - s.size * 1.25, w, h, '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln>', body, true));
        break;
      }
    }
  }
  const alt = esc(chart.alt);
  const xml =
    `<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="${cx}" cy="${cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>` +
    `<wp:docPr id="${id}" name="Grafico ${id}" descr="${alt}"/><wp:cNvGraphicFramePr/>` +
    `<a:graphic xmlns:a="${A}"><a:graphicData uri="${WPG}"><wpg:wgp xmlns:wpg="${WPG}" xmlns:wps="${WPS}"><wpg:cNvGrpSpPr/>` +
    `<wpg:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/><a:chOff x="0" y="0"/><a:chExt cx="${cx}" cy="${cy}"/></a:xfrm></wpg:grpSpPr>` +
    `${parts.join('')}</wpg:wgp></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`;
  return { xml, nextId: sid + 1 };
}
