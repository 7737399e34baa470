/**
 * The DOCX's `word/numbering.xml`, written by us rather than by docx: the body's paragraphs are our own XML
 * (`docx-xml.ts`), so their lists' `w:numId`s are ours too, and asking docx for them meant reaching into its
 * private numbering classes. docx still writes the part's relationship and content type (it always writes a
 * numbering part); `docx.ts` puts this file in its place.
 *
 * Two list definitions, as docx wrote them from our old numbering config: bullets (`punti`, •◦▪•) and
 * decimals (`numeri`, "1."), four levels, indented 360 twips a level with a 260 hanging indent. Every
 * bulleted list shares one `w:num`; each numbered list has its own, whose start overrides make it restart at 1,
 * or at its `start` (`<ol start="3">`) on its level (lists of one `w:abstractNum` would otherwise continue each
 * other's numbers in Word).
 */

/** The body's list kinds: `punti` (bulleted) and `numeri` (numbered). */
export type ListReference = 'punti' | 'numeri';

/**
 * The first list's `w:numId`. docx numbered lists from 2 (its own default bullet list took 1): starting
 * there keeps `word/document.xml` byte for byte what it was when docx gave the ids.
 */
const FIRST_NUM_ID = 2;

const LEVELS = [0, 1, 2, 3] as const;
type Level = (typeof LEVELS)[number];
const BULLETS = ['•', '◦', '▪', '•'] as const;
const ABSTRACT_ID: Record<ListReference, number> = { punti: 0, numeri: 1 };

interface List {
  reference: ListReference;
  /** The level the list's paragraphs are at, and the number its first one has there. */
  level: number;
  start: number;
}

/** The lists of one document, in the order the body first refers to them. */
export class Numbering {
  private readonly lists: List[] = [];

  /** A new list's `w:numId`. A `start` that is not a whole number ≥ 0 is taken as 1. */
  add(reference: ListReference, level = 0, start = 1): number {
    this.lists.push({ reference, level, start: Number.isInteger(start) && start >= 0 ? start : 1 });
    return FIRST_NUM_ID + this.lists.length - 1;
  }

  /** `word/numbering.xml`: both definitions, then one `w:num` per list. */
  xml(): string {
    const nums = this.lists.map(({ reference, level, start }, i) => {
      const from = (l: number) => (l === level ? start : 1);
      const restart = reference === 'numeri' ? LEVELS.map((l) => `<w:lvlOverride w:ilvl="${l}"><w:startOverride w:val="${from(l)}"/></w:lvlOverride>`).join('') : '';
      return `<w:num w:numId="${FIRST_NUM_ID + i}"><w:abstractNumId w:val="${ABSTRACT_ID[reference]}"/>${restart}</w:num>`;
    });
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
      abstractNum('punti', (l) => ['bullet', BULLETS[l]]) +
      abstractNum('numeri', (l) => ['decimal', `%${l + 1}.`]) +
      nums.join('') +
      '</w:numbering>'
    );
  }
}

function abstractNum(reference: ListReference, format: (level: Level) => [numFmt: string, text: string]): string {
  const levels = LEVELS.map((l) => {
    const [numFmt, text] = format(l);
    return (
      `<w:lvl w:ilvl="${l}"><w:start w:val="1"/><w:numFmt w:val="${numFmt}"/><w:lvlText w:val="${text}"/><w:lvlJc w:val="left"/>` +
      `<w:pPr><w:ind w:left="${360 * (l + 1)}" w:hanging="260"/></w:pPr></w:lvl>`
    );
  });
  return `<w:abstractNum w:abstractNumId="${ABSTRACT_ID[reference]}"><w:multiLevelType w:val="hybridMultilevel"/>${levels.join('')}</w:abstractNum>`;
}
