/**
 * Images named in the data (the Comune's coat of arms): read once, when the plan is loaded, and
 * checked there, so that a missing or broken file is an error at its line of the plan instead of
 * a failure inside a writer. Only PNG and baseline/progressive JPEG in grey or RGB are accepted:
 * what Word, LibreOffice, browsers and PDF (DCTDecode, FlateDecode) all draw the same way.
 * The writers get the bytes as they are, so the same file gives the same documents.
 */
import { inflateSync } from 'node:zlib';
import { readRegularFile } from './files.js';

export interface ImageFile {
  format: 'png' | 'jpeg';
  data: Buffer;
  /** Size in pixels. */
  width: number;
  height: number;
}

/** An image file is refused beyond this size: a coat of arms needs a few hundred kilobytes. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** Nor larger than this on either side (a decompressed PNG is held in memory by the PDF writer). */
export const MAX_IMAGE_PIXELS = 3000;

export interface ImageProblem {
  code: string;
  message: string;
  /** The file does not exist. */
  missing?: boolean;
}

/** Reads and checks an image file: the image, or why it cannot be used (in Italian). */
export function readImage(path: string): { image?: ImageFile; problem?: ImageProblem } {
  const read = readRegularFile(path, MAX_IMAGE_BYTES);
  if (read.problem) return { problem: read.problem };
  return imageOf(read.data!);
}

/** The image in `data`, checked; or why it is not a usable PNG or JPEG. */
export function imageOf(data: Buffer): { image?: ImageFile; problem?: ImageProblem } {
  let image: ImageFile | string;
  if (data.subarray(0, 8).equals(PNG_SIGNATURE)) image = png(data);
  else if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) image = jpeg(data);
  else return { problem: { code: 'immagine.formato', message: `il file non è un'immagine PNG o JPEG${kindHint(data)}` } };
  if (typeof image === 'string') return { problem: { code: 'immagine.danneggiata', message: image } };
  if (image.width > MAX_IMAGE_PIXELS || image.height > MAX_IMAGE_PIXELS) {
    return { problem: { code: 'immagine.dimensioni', message: `l'immagine è troppo grande (${image.width} × ${image.height} pixel; al massimo ${MAX_IMAGE_PIXELS} per lato): riducila, per uno stemma bastano 600 pixel di altezza` } };
  }
  return { image };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Bit depths allowed for each PNG colour type. */
const PNG_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** A PNG walked chunk by chunk to its end, its pixel data inflated: a truncated or garbled file is refused here. */
function png(data: Buffer): ImageFile | string {
  const broken = (what: string) => `il file PNG è danneggiato (${what}): aprilo e salvalo di nuovo con un programma di grafica`;
  let at = 8;
  let header: { width: number; height: number; depth: number; type: number; interlace: number } | undefined;
  let palette = false;
  const idat: Buffer[] = [];
  for (;;) {
    if (at + 12 > data.length) return broken('finisce prima del blocco IEND');
    const length = data.readUInt32BE(at);
    const type = data.toString('latin1', at + 4, at + 8);
    if (at + 12 + length > data.length) return broken(`il blocco ${type} è troncato`);
    const body = data.subarray(at + 8, at + 8 + length);
    if (!header && type !== 'IHDR') return broken('manca il blocco IHDR');
    if (type === 'IHDR') {
      if (length !== 13) return broken('blocco IHDR non valido');
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), depth: body[8]!, type: body[9]!, interlace: body[12]! };
      if (!header.width || !header.height) return broken('larghezza o altezza zero');
      if (!PNG_DEPTHS[header.type]?.includes(header.depth) || body[10] !== 0 || body[11] !== 0 || header.interlace > 1) return broken('tipo di colore o profondità non validi');
    } else if (type === 'PLTE') palette = true;
    else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  if (!header || !idat.length) return broken('mancano i dati dei pixel');
  if (header.type === 3 && !palette) return broken('manca la tavolozza dei colori');
  if (header.width > MAX_IMAGE_PIXELS || header.height > MAX_IMAGE_PIXELS) return { format: 'png', data, width: header.width, height: header.height };
  // The size of the filtered scanlines (all seven passes of an interlaced image fit in this bound).
  const bits = PNG_CHANNELS[header.type]! * header.depth;
  const rows = header.height * (1 + Math.ceil((header.width * bits) / 8));
  const expected = header.interlace ? rows + 7 * header.height + 7 * Math.ceil((header.width * bits) / 8) + 64 : rows;
  try {
    const pixels = inflateSync(Buffer.concat(idat), { maxOutputLength: expected + 1 });
    if (!header.interlace && pixels.length !== rows) return broken('i dati dei pixel non corrispondono alle dimensioni');
  } catch {
    return broken('i dati dei pixel non si leggono');
  }
  return { format: 'png', data, width: header.width, height: header.height };
}

/** A JPEG's frame header: its size, and a coding and colours every reader draws. */
function jpeg(data: Buffer): ImageFile | string {
  const broken = (what: string) => `il file JPEG è danneggiato (${what}): aprilo e salvalo di nuovo con un programma di grafica`;
  let at = 2;
  let frame: { width: number; height: number; components: number; marker: number; precision: number } | undefined;
  let scan = false;
  while (at + 4 <= data.length) {
    if (data[at] !== 0xff) return broken('struttura non valida');
    const marker = data[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    // Markers without a length.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    const length = data.readUInt16BE(at + 2);
    if (length < 2 || at + 2 + length > data.length) return broken('un segmento è troncato');
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (length < 8) return broken('intestazione non valida');
      frame = { precision: data[at + 4]!, height: data.readUInt16BE(at + 5), width: data.readUInt16BE(at + 7), components: data[at + 9]!, marker };
    }
    if (marker === 0xda) {
      scan = true; // start of scan: the compressed data follows
      break;
    }
    at += 2 + length;
  }
  if (!frame) return broken("manca l'intestazione con le dimensioni");
  if (frame.marker > 0xc2) return 'il file JPEG usa una codifica (senza perdita o aritmetica) che Word e i lettori PDF non mostrano: salvalo come JPEG normale o come PNG';
  if (frame.components !== 1 && frame.components !== 3) return "il file JPEG è in quadricromia (CMYK): salvalo in RGB o come PNG, perché l'immagine abbia gli stessi colori in ogni formato";
  if (!frame.width || !frame.height) return broken('larghezza o altezza zero');
  if (frame.precision !== 8) return `il file JPEG usa ${frame.precision} bit per colore, che i browser e Word non mostrano: salvalo come JPEG normale (8 bit) o come PNG`;
  // The image itself: a scan, and the end of the image (FF D9) at the end of the file (trailing zeros aside).
  let end = data.length;
  while (end > 2 && data[end - 1] === 0) end--;
  if (!scan || data[end - 2] !== 0xff || data[end - 1] !== 0xd9) return broken("l'immagine è troncata");
  return { format: 'jpeg', data, width: frame.width, height: frame.height };
}

/** What else the file may be, for the message. */
function kindHint(data: Buffer): string {
  const head = data.subarray(0, 8).toString('latin1');
  if (head.startsWith('GIF8')) return ' (è un GIF: salvalo come PNG)';
  if (head.startsWith('BM')) return ' (è una bitmap BMP: salvalo come PNG)';
  if (head.startsWith('RIFF')) return ' (forse è un WebP: salvalo come PNG)';
  if (head.startsWith('%PDF')) return ' (è un PDF: esporta lo stemma come PNG)';
  if (/^\s*<(\?xml|svg)/i.test(data.subarray(0, 200).toString('latin1'))) return ' (è un disegno SVG: esportalo come PNG)';
  if (data.length === 0) return ' (il file è vuoto)';
  return '';
}
