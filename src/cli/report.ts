/**
 * The human report of `piao check`: problems grouped by settore, each with its source line and
 * a caret under the offending value; the completeness table against the nine questions; the
 * weights per person; a final count. Plain text, in Italian, readable in any terminal.
 */
import { visible, type Diagnostic } from '../plan/diagnostics.js';
import { formatNumber, formatPercent } from '../render/format.js';
import { QUESTIONS, type Answer, type CheckResult } from '../plan/checks.js';
import { RUOLO_SEGRETARIO, ruoloSegretario, type Piano } from '../plan/schema.js';

const MARK: Record<Answer, string> = { sì: '●', parziale: '◐', no: '○' };

/** The settore a diagnostic belongs to, from its path in the data. */
export function groupOf(d: Diagnostic, plan: Piano | undefined): string {
  const m = /^centri\[(\d+)\]/.exec(d.path);
  if (m && plan) return plan.centri[Number(m[1])]?.nome ?? 'Centri di responsabilità';
  if (m) return `Centro di responsabilità n. ${Number(m[1]) + 1}`;
  if (d.path.startsWith('segretario')) return ruoloSegretario(plan);
  return 'Dati generali';
}

export function counts(diags: Diagnostic[]): { errori: number; avvisi: number; info: number } {
  return {
    errori: diags.filter((d) => d.severity === 'errore').length,
    avvisi: diags.filter((d) => d.severity === 'avviso').length,
    info: diags.filter((d) => d.severity === 'info').length,
  };
}

export function countLine(diags: Diagnostic[]): string {
  const c = counts(diags);
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  return `${n(c.errori, 'errore', 'errori')}, ${n(c.avvisi, 'avviso', 'avvisi')}${c.info ? `, ${n(c.info, 'nota', 'note')}` : ''}`;
}

/** How many diagnostics of each code, most frequent first. */
export function byCode(diags: Diagnostic[]): [string, number][] {
  const m = new Map<string, number>();
  for (const d of diags) m.set(d.code, (m.get(d.code) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/**
 * Problems grouped by settore, in file order, each with the source line and a caret. Text from the
 * files is printed through `visible`: a control character in the data is shown, never acted on.
 */
export function formatProblems(diags: Diagnostic[], source: string | undefined, plan: Piano | undefined): string {
  // Line ends as the loader counts them: LF, CRLF, or a lone CR.
  const lines = source?.replace(/^\uFEFF/, '').split(/\r\n?|\n/) ?? [];
  const groups = new Map<string, Diagnostic[]>();
  for (const d of diags) {
    const g = groupOf(d, plan);
    groups.set(g, [...(groups.get(g) ?? []), d]);
  }
  const out: string[] = [];
  for (const [group, ds] of groups) {
    out.push(visible(group));
    for (const d of ds) {
      out.push(`  ${d.severity} ${visible(d.file)}:${d.line}:${d.col} [${d.code}]`);
      out.push(`    ${visible(d.message)}`);
      const src = lines[d.line - 1];
      if (src !== undefined && src.trim() !== '') {
        const num = String(d.line);
        // A long line is shown as a window of 100 characters around the place, so the value is always in view.
        const from = src.length > 100 && d.col > 60 ? Math.min(d.col - 40, src.length - 99) : 0;
        const lead = from > 0 ? '…' : '';
        const rest = src.slice(from);
        const cut = lead + (rest.length > 100 - lead.length ? `${rest.slice(0, 99 - lead.length)}…` : rest);
        const col = d.col - from + lead.length;
        // The caret goes under the same characters once control characters are spelt out.
        const start = visible(cut.slice(0, col - 1)).length;
        const marked = visible(cut.slice(col - 1, col - 1 + (d.length ?? 1))).length;
        const shown = visible(cut);
        const caretLen = Math.max(1, Math.min(marked, shown.length - start, 60));
        out.push(`    ${num} | ${shown}`);
        out.push(`    ${' '.repeat(num.length)} | ${' '.repeat(Math.max(0, start))}${'^'.repeat(caretLen)}`);
      }
      if (d.hint) out.push(`    suggerimento: ${visible(d.hint)}`);
    }
    out.push('');
  }
  return out.join('\n');
}

export function formatCompleteness(result: CheckResult): string {
  const c = result.completezza;
  const out: string[] = [];
  out.push('Completezza rispetto alle nove domande delle linee guida');
  out.push(`  ${QUESTIONS.map((q) => `${q.key} ${q.label}`).join(' · ')}`);
  out.push(`  ${MARK.sì} risposta   ${MARK.parziale} risposta parziale   ${MARK.no} manca`);
  out.push('');
  const width = Math.min(60, c.righe.reduce((m, r) => Math.max(m, visible(`${r.etichetta}  ${r.titolo}`).length), 10));
  let settore = '';
  for (const r of c.righe) {
    if (r.settore !== settore) {
      settore = r.settore;
      const s = c.settori.find((x) => x.settore === settore)!;
      out.push(`  ${visible(settore)} — ${s.punteggio}%`);
    }
    const label = visible(`${r.etichetta}  ${r.titolo}`);
    const cut = label.length > width ? `${label.slice(0, width - 1)}…` : label.padEnd(width);
    out.push(`    ${cut}  ${QUESTIONS.map((q) => MARK[r.risposte[q.key]]).join(' ')}  ${String(r.punteggio).padStart(3)}%`);
  }
  out.push(`  Completezza del piano: ${c.punteggio}%`);
  return out.join('\n');
}

export function formatWeights(result: CheckResult): string {
  const p = result.pesi;
  const out: string[] = ['Pesi per persona'];
  if (p.risultato.length) out.push('  Indennità di risultato');
  for (const r of p.risultato) {
    const parts = r.obiettivi.map((o) => (o.peso === null ? 'vuoto' : formatPercent(o.peso))).join(' + ');
    const ok = r.atteso === null ? '' : Math.abs(r.totale - r.atteso) < 1e-9 ? ' ✓' : ` ✗ (atteso ${formatPercent(r.atteso)})`;
    // A Segretario who also heads a settore has two allowances: each line says which.
    const both = p.risultato.some((o) => o !== r && o.id === r.id);
    const role = r.segretario ? ` (${r.ruolo ?? RUOLO_SEGRETARIO})` : both ? ' (come responsabile di settore)' : '';
    out.push(`    ${visible(r.persona)}${role}: ${parts} = ${formatPercent(r.totale)}${ok}`);
  }
  if (p.coefficiente.length) {
    out.push('  Coefficienti di peso');
    for (const r of p.coefficiente) {
      const parts = r.obiettivi.map((o) => (o.peso === null ? 'vuoto' : formatNumber(o.peso))).join(' + ');
      out.push(`    ${visible(r.persona)}: ${parts} = ${formatNumber(r.totale)}`);
    }
  }
  if (p.ccdi.length) {
    out.push('  Quote della somma per la performance organizzativa (CCDI)');
    for (const r of p.ccdi) {
      const blank = r.obiettivi.filter((o) => o.peso === null).length;
      out.push(`    ${visible(r.persona)}: ${r.obiettivi.length} ${r.obiettivi.length === 1 ? 'obiettivo' : 'obiettivi'}, ${formatPercent(r.totale)}${blank ? ` (${blank} ${blank === 1 ? 'peso non indicato' : 'pesi non indicati'})` : ''}`);
    }
  }
  return out.join('\n');
}
