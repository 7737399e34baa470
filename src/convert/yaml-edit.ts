/**
 * Edits of a YAML file's text at the places `yaml`'s parseDocument found its nodes, so that
 * everything not edited stays byte for byte as the user wrote it: comments, blank lines, quoting,
 * flow or block style, long lines. (Re-printing the Document would re-indent comments, pad flow
 * collections and re-fold `>` texts.) Used by `piao nuovo-anno`, which changes a few values of a
 * plan the Segretario keeps editing by hand.
 */
import { isScalar, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

interface Edit {
  start: number;
  end: number;
  text: string;
  /** Insertion order, so that two insertions at one place keep it. */
  order: number;
}

export class SourceEdits {
  private readonly edits: Edit[] = [];

  constructor(readonly text: string) {}

  /** Replaces text[start, end). */
  replace(start: number, end: number, text: string): void {
    this.edits.push({ start, end, text, order: this.edits.length });
  }

  /**
   * Replaces `from` by `to` inside a scalar's own source (its quotes, if any, kept). A value whose
   * source does not spell it (a year written 0x7E9 or 2.025e3, a date with an escape "\x2D") is
   * written anew: a number as `to`, a text double-quoted.
   */
  replaceInScalar(node: Node, from: string, to: string): void {
    const [start, end] = node.range!;
    const src = this.text.slice(start, end);
    const at = src.indexOf(from);
    if (at >= 0) this.replace(start + at, start + at + from.length, to);
    else this.replace(start, end, isScalar(node) && typeof node.value === 'number' ? to : JSON.stringify(to));
  }

  /** Comment lines ("# …") inserted above the line holding `offset`, at that line's indentation. */
  commentAbove(offset: number, lines: string[]): void {
    const lineStart = this.lineStart(offset);
    const indent = /^[ ]*/.exec(this.text.slice(lineStart))![0];
    // A comment ends at its line: a line break inside (a name written with "\n") would end it early.
    this.replace(lineStart, lineStart, lines.map((l) => `${indent}# ${l.replace(/[\r\n\u0085\u2028\u2029]+/g, ' ')}\n`).join(''));
  }

  /** Removes a key and its value from a map, block or flow, with the comment lines just above it in a block map. */
  removePair(map: YAMLMap, pair: Pair): void {
    const index = map.items.indexOf(pair);
    const key = pair.key as Node;
    const keyStart = key.range![0];
    const valueEnd = this.valueEnd(pair);
    const next = map.items[index + 1];
    const nextStart = next ? (next.key as Node).range![0] : undefined;
    if (map.flow) {
      if (index > 0) this.replace(this.valueEnd(map.items[index - 1]!), valueEnd, '');
      else this.replace(keyStart, nextStart ?? valueEnd, '');
      return;
    }
    const lineStart = this.lineStart(keyStart);
    if (/\S/.test(this.text.slice(lineStart, keyStart))) {
      // The first key of a list item ("- consuntivo: …"): the next key takes its place after the dash.
      this.replace(keyStart, nextStart ?? this.lineEnd(valueEnd), nextStart === undefined ? '{}\n' : '');
      return;
    }
    let start = lineStart;
    const indent = keyStart - lineStart;
    // Comment lines right above, at the key's indentation, speak of the value removed.
    while (start > 0) {
      const prevStart = this.lineStart(start - 1);
      const prev = this.text.slice(prevStart, start - 1);
      if (!new RegExp(`^ {${indent}}#`).test(prev)) break;
      start = prevStart;
    }
    this.replace(start, this.lineEnd(valueEnd), '');
  }

  /** Removes the first `count` items of a list, block or flow. */
  removeFirstItems(seq: YAMLSeq, count: number): void {
    if (count <= 0) return;
    const items = seq.items as Node[];
    const first = items[0]!.range![0];
    const keep = items[count];
    if (seq.flow) {
      this.replace(first, keep ? keep.range![0] : items[count - 1]!.range![1], '');
      return;
    }
    this.replace(this.lineStart(first), keep ? this.lineStart(keep.range![0]) : this.lineEnd(items[count - 1]!.range![1]), '');
  }

  /** The text with every edit applied (edits must not overlap). */
  apply(): string {
    const sorted = [...this.edits].sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
    let out = '';
    let at = 0;
    for (const e of sorted) {
      if (e.start < at) throw new Error(`modifiche sovrapposte al carattere ${e.start}`);
      out += this.text.slice(at, e.start) + e.text;
      at = e.end;
    }
    return out + this.text.slice(at);
  }

  lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  /** Just after the line break ending the line of the last character before `offset` (the end of a value). */
  private lineEnd(offset: number): number {
    let e = offset;
    while (e > 0 && /\s/.test(this.text[e - 1]!)) e--;
    const nl = this.text.indexOf('\n', e);
    return nl < 0 ? this.text.length : nl + 1;
  }

  /** Where a pair's value ends (its key's end when it has none: "approvazione:"). */
  private valueEnd(pair: Pair): number {
    const v = pair.value as Node | null;
    if (v?.range && !(isScalar(v) && v.source === undefined && v.range[0] === v.range[1])) return v.range[1];
    return (pair.key as Node).range![1];
  }
}
