/**
 * What a template needs and cannot compute, as Handlebars helpers (templates hold no logic, so
 * these only format): 1-based numbers and codes from `@index`, numbers with the Italian decimal
 * comma, ISO dates in words or digits. Their names are chosen not to collide with any field of
 * the view (a helper shadows a field of the same name in `{{name}}`).
 */
import type Handlebars from 'handlebars';
import { formatDate, formatNumber } from './format.js';
import { isRealDate } from '../plan/schema.js';

type Hb = typeof Handlebars;

/** The helpers, by name, with what each does (README's template section lists them). */
export const HELPERS = {
  /** {{piu_uno @index}} → 1, 2, 3… */
  piu_uno: (i: unknown) => toNumber(i, 'piu_uno') + 1,
  /** {{codice_da "F" @index 2}} → F01, F02…: a prefix, the 1-based position, padded to the digits given. */
  codice_da: (prefix: unknown, i: unknown, digits: unknown) => `${String(prefix)}${String(toNumber(i, 'codice_da') + 1).padStart(typeof digits === 'number' ? digits : 2, '0')}`,
  /** {{cifre 1234.5}} → "1.234,5"; {{cifre 30 2}} → "30,00"; a text that is not a number ("100%", which a target may be) as it is. */
  cifre: (n: unknown, decimals: unknown) => {
    if (typeof n === 'string' && !/^\s*-?\d+(\.\d+)?\s*$/.test(n)) return n;
    const x = toNumber(n, 'cifre');
    if (typeof decimals !== 'number') return formatNumber(x);
    const d = Math.max(0, Math.min(6, Math.trunc(decimals)));
    return formatNumber(Number(x.toFixed(d)), d);
  },
  /** {{data_formato "2024-06-30" "lunga"}} → "30 giugno 2024"; "breve" → "30/06/2024". */
  data_formato: (iso: unknown, form: unknown) => {
    const s = String(iso ?? '');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || !isRealDate(s)) throw new Error(`data_formato: «${s}» non è una data AAAA-MM-GG che esiste`);
    return form === 'breve' ? s.split('-').reverse().join('/') : formatDate(s);
  },
} as const;

function toNumber(v: unknown, helper: string): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n)) throw new Error(`${helper}: «${String(v)}» non è un numero`);
  return n;
}

export function registerHelpers(hb: Hb): void {
  for (const [name, fn] of Object.entries(HELPERS)) {
    // Handlebars passes its options object last; the helpers take only their own arguments. A helper's
    // error carries the place of its call in the template (as Handlebars' own errors do).
    hb.registerHelper(name, (...args: unknown[]) => {
      try {
        return (fn as (...a: unknown[]) => unknown)(...args.slice(0, -1));
      } catch (e) {
        const { loc } = (args[args.length - 1] ?? {}) as { loc?: { start: { line: number; column: number }; end: { line: number; column: number } } };
        throw loc ? new hb.Exception((e as Error).message, { loc } as never) : e;
      }
    });
  }
}
