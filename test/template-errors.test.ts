/**
 * A custom template that fails while rendering (a missing field, a missing partial, a helper
 * error, a partial that includes itself, markup through {{{…}}}) stops `piao build` with exit 1
 * and an Italian message naming the template's file:line and, inside an objective, the plan's
 * file:line of that objective; no English from Handlebars, no stack trace, nothing written.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from '../src/render/templates.js';
import { cli } from './helpers/cli.js';

const VALID = join(import.meta.dirname, 'fixtures/invalid/_valido.yaml');
const OBIETTIVO = readFileSync(join(DEFAULT_TEMPLATES, 'obiettivo.hbs'), 'utf8');

/** Builds the small valid plan (or `plan`) with a templates folder holding `files`. */
async function buildWith(files: Record<string, string>, plan = readFileSync(VALID, 'utf8')) {
  const dir = mkdtempSync(join(tmpdir(), 'piao-tplerr-'));
  const templates = join(dir, 'modelli');
  mkdirSync(templates);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(templates, name), text);
  const file = join(dir, 'piano.yaml');
  writeFileSync(file, plan);
  const out = join(dir, 'out');
  const started = Date.now();
  const r = await cli(['build', file, '--out', out, '--templates', templates]);
  return { ...r, templates, file, out, ms: Date.now() - started, planLines: plan.split('\n') };
}

/** "file:line:col" of the n-th objective's "- titolo:" in a plan text (1-based line and column). */
function objectiveAt(file: string, lines: string[], n: number): string {
  const idx = lines.map((l, i) => (/^\s*- titolo:/.test(l) ? i : -1)).filter((i) => i >= 0)[n]!;
  return `${file}:${idx + 1}:${lines[idx]!.indexOf('titolo') + 1}`;
}

function expectCleanFailure(r: { code: number; err: string; out: string }) {
  expect(r.code).toBe(1);
  expect(r.err).not.toMatch(/\n\s+at |not defined in|could not be found|Missing helper|requires exactly|Maximum call stack|\[object Object\]/);
  expect(r.err).toContain('nessun file è stato scritto');
}

describe('a template that fails while rendering', () => {
  it('a missing field: the template file:line and the objective\'s place in the plan', async () => {
    const tpl = OBIETTIVO.replace('<td>{{termine}}</td>', '<td>{{termine}} {{scadenza}}</td>');
    const r = await buildWith({ 'obiettivo.hbs': tpl });
    expectCleanFailure(r);
    const line = tpl.split('\n').findIndex((l) => l.includes('{{scadenza}}')) + 1;
    expect(r.err).toContain(`${join(r.templates, 'obiettivo.hbs')}:${line}:`);
    expect(r.err).toContain('il campo "scadenza" non esiste nei dati passati a questo modello');
    expect(r.err).toContain(`l'obiettivo «Rispetto dei tempi di pagamento» (${objectiveAt(r.file, r.planLines, 0)})`);
    expect(r.err).toContain('(in centri[0].servizi[0].gruppi[0].obiettivi[0])');
    expect(existsSync(r.out)).toBe(false);
  });

  it('a missing field in an objective looped over inline (not through the obiettivo partial)', async () => {
    const r = await buildWith({
      'servizio.hbs': '<h3>{{nome}}</h3>\n{{#each gruppi}}{{#each obiettivi}}\n<p>{{titolo}}</p>\n{{#if personale}}<p>{{personale}}</p>{{/if}}<p>{{stakeholder}}</p>\n{{/each}}{{/each}}\n',
    });
    expectCleanFailure(r);
    expect(r.err).toContain(`${join(r.templates, 'servizio.hbs')}:4:`);
    expect(r.err).toContain('il campo "stakeholder" non esiste');
    expect(r.err).toContain(`l'obiettivo «Rispetto dei tempi di pagamento» (${objectiveAt(r.file, r.planLines, 0)})`);
  });

  it('a missing partial, in Italian, at the line that includes it', async () => {
    const r = await buildWith({ 'servizio.hbs': '<h3>{{nome}}</h3>\n\n{{> riquadro}}\n' });
    expectCleanFailure(r);
    expect(r.err).toContain(`${join(r.templates, 'servizio.hbs')}:3:1: errore: errore nel modello: il modello parziale «riquadro» non esiste`);
  });

  it('an unknown helper (to Handlebars in strict mode, a missing field) and a helper given the wrong arguments', async () => {
    const unknown = await buildWith({ 'settore.hbs': '<h2>{{intestazione}}</h2>\n<p>{{maiuscolo intestazione}}</p>\n' });
    expectCleanFailure(unknown);
    expect(unknown.err).toContain(`${join(unknown.templates, 'settore.hbs')}:2:`);
    expect(unknown.err).toContain('il campo "maiuscolo" non esiste');

    const wrong = await buildWith({ 'settore.hbs': '<h2>{{intestazione}}</h2>\n{{#if intestazione nome}}<p>x</p>{{/if}}\n' });
    expectCleanFailure(wrong);
    expect(wrong.err).toContain(`${join(wrong.templates, 'settore.hbs')}:2:`);
    expect(wrong.err).toContain('#if vuole esattamente un valore');
  });

  it('a partial that includes itself ends at once with an Italian error, also when it includes itself twice', async () => {
    for (const body of ['{{> obiettivo}}', '{{> obiettivo}}{{> obiettivo}}']) {
      const tpl = OBIETTIVO.replace('</table>', `</table>\n${body}`);
      const r = await buildWith({ 'obiettivo.hbs': tpl });
      expectCleanFailure(r);
      expect(r.ms).toBeLessThan(10_000);
      const line = tpl.split('\n').findIndex((l) => l.includes(body)) + 1;
      expect(r.err).toContain(`${join(r.templates, 'obiettivo.hbs')}:${line}:1: errore: errore nel modello: i modelli si includono senza fine: «obiettivo»`);
    }
  });

  it('two partials that include each other are blamed where the include is written', async () => {
    const r = await buildWith({
      'servizio.hbs': '<h3>{{nome}}</h3>\n{{> primo}}\n',
      'primo.hbs': '<p>uno</p>\n{{> secondo}}\n',
      'secondo.hbs': '<p>due</p>\n\n{{> primo}}\n',
    });
    expectCleanFailure(r);
    expect(r.err).toMatch(/(primo\.hbs:2:1|secondo\.hbs:3:1): errore: errore nel modello: i modelli si includono senza fine/);
  });

  it('markup written through {{{…}}} is blamed on the template that wrote it, with the objective', async () => {
    const plan = readFileSync(VALID, 'utf8').replace('Manutenzione ordinaria delle strade comunali', '"<img src=x onerror=alert(1)>"');
    const r = await buildWith({ 'servizio.hbs': '<h3>{{nome}}</h3>\n{{#each gruppi}}{{#each obiettivi}}\n<p>{{{descrizione}}}</p>\n{{/each}}{{/each}}\n' }, plan);
    expectCleanFailure(r);
    expect(r.err).toContain(`${join(r.templates, 'servizio.hbs')}:3:4: errore: nell'HTML scritto da questo modello`);
    expect(r.err).toContain('<img>');
    expect(r.err).toContain(`l'obiettivo «Manutenzione delle strade» (${objectiveAt(r.file, r.planLines, 1)})`);
    expect(r.err).not.toContain('documento.hbs');
  });
});
