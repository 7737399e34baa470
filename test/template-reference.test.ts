/**
 * templates/RIFERIMENTO.md, what each template receives, is held to the views of real plans: the
 * example, the entities' plans, a new user's, and one with every optional field. A variable the views
 * have and the file lacks (or the other way round) fails; so does a variable without a description.
 * `npm run riferimento` writes the file again.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { diffPlans } from '../src/amend/diff.js';
import { prospettoView } from '../src/amend/prospetto.js';
import { runChecks } from '../src/plan/checks.js';
import { loadPlan } from '../src/plan/load.js';
import { annexView } from '../src/render/annex.js';
import { letterheadView } from '../src/render/letterhead.js';
import { DESCRIPTIONS } from '../src/render/reference-descriptions.js';
import { referenceMarkdown, variablesOf, type Context } from '../src/render/reference.js';
import { personaleSchedaViews, schedaViews, settoreViews } from '../src/render/split.js';
import { allObjectives, buildView } from '../src/render/view.js';
import { relazioneView } from '../src/results/relazione.js';
import { valutazioneView } from '../src/results/valutazione.js';
import { FULL } from './fixtures/completo.js';

const ROOT = join(import.meta.dirname, '..');
const FILE = join(ROOT, 'templates/RIFERIMENTO.md');

function plans(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'piao-rif-'));
  const full = join(dir, 'completo.yaml');
  // With a coat of arms too: the letterhead's image.
  copyFileSync(join(ROOT, 'test/fixtures/stemma/stemma.png'), join(dir, 'stemma.png'));
  writeFileSync(full, stringify({ ...FULL, ente: { ...FULL.ente, stemma: 'stemma.png' } }));
  return [
    join(ROOT, 'data/casalmorano-2024.yaml'),
    ...['grande-comune', 'piccolo-comune', 'comune-coefficienti', 'universita'].map((n) => join(ROOT, `test/fixtures/enti/${n}.yaml`)),
    join(ROOT, 'test/fixtures/valbrenta/piano.yaml'),
    full,
  ];
}

/**
 * Pairs of plans for the prospetto delle variazioni (`piao diff`): the example's amendment, a plan
 * against itself, and one whose objectives moved, were renumbered and, without ids, reworded.
 */
function prospetti(): [string, string][] {
  const dir = mkdtempSync(join(tmpdir(), 'piao-rif-var-'));
  const rev0 = join(ROOT, 'test/fixtures/variazioni/casalmorano-rev0.yaml');
  const rev1 = join(ROOT, 'test/fixtures/variazioni/casalmorano-rev1.yaml');
  const data = parse(readFileSync(rev1, 'utf8'));
  const amm = data.centri[0];
  const fin = data.centri[1];
  amm.servizi[0].gruppi[0].obiettivi.reverse();
  amm.servizi[1].gruppi[0].obiettivi.unshift(fin.servizi[1].gruppi[1].obiettivi.shift());
  const reworded = amm.servizi[1].gruppi[0].obiettivi[2];
  delete reworded.id;
  reworded.titolo = 'Servizio bolgetta: consegna della posta agli uffici';
  const moved = join(dir, 'spostati.yaml');
  writeFileSync(moved, stringify(data));
  return [[rev0, rev1], [rev1, rev1], [rev1, moved]];
}

function contexts(): Context[] {
  const docs: object[] = [];
  const settori: object[] = [];
  const servizi: object[] = [];
  const segretari: object[] = [];
  const obiettivi: object[] = [];
  const settoreDocs: object[] = [];
  const schede: object[] = [];
  const controlli: object[] = [];
  for (const file of plans()) {
    const loaded = loadPlan(file);
    const plan = loaded.plan;
    const carta = letterheadView(plan);
    const view = { ...buildView(plan), ...(carta && { carta_intestata: carta }) };
    docs.push(view);
    settori.push(...view.settori);
    servizi.push(...view.settori.flatMap((s) => s.servizi));
    if (view.segretario) segretari.push(view.segretario);
    obiettivi.push(...allObjectives(view));
    settoreDocs.push(...settoreViews(view));
    schede.push(...schedaViews(plan, view), ...personaleSchedaViews(plan, view));
    controlli.push(annexView(runChecks(loaded), plan, view));
  }
  // The year-end documents (`piao relazione`), from the example with its results.
  const withResults = loadPlan(join(ROOT, 'test/fixtures/risultati/casalmorano-consuntivo.yaml'));
  const resultsView = buildView(withResults.plan);
  const relazioni = [relazioneView(withResults.plan, resultsView)];
  const cards = relazioni.flatMap((r) => r.parti.flatMap((p) => p.blocchi.flatMap((b) => b.obiettivi)));
  obiettivi.push(...cards);
  const risultati = cards.map((c) => c.risultato);
  const valutazioni = [valutazioneView(withResults.plan, resultsView, runChecks(withResults))];
  const root = 'come in documento.hbs';
  const variazioni = prospetti().map(([a, b]) => prospettoView(diffPlans(loadPlan(a), loadPlan(b))));
  const ROOT_KEYS = Object.fromEntries(['ente', 'piano', 'introduzione', 'centri', 'numero_centri', 'un_solo_centro', 'nota_centri', 'carta_intestata', 'settori', 'segretario'].map((k) => [k, root]));
  return [
    { templates: 'documento.hbs, intestazione.hbs, introduzione.hbs, centri.hbs, carta-intestata.hbs, revisioni.hbs', what: 'La sottosezione intera: ricevono i dati del documento (anche con `@root` da ogni parte).', samples: docs, elsewhere: { settori: 'elenco: vedi settore.hbs', segretario: 'gruppo: vedi segretario.hbs' } },
    { templates: 'segretario.hbs', what: 'Il Segretario (`segretario` del documento).', samples: segretari, elsewhere: { obiettivi: 'elenco: vedi obiettivo.hbs' } },
    { templates: 'settore.hbs', what: 'Un settore (ogni elemento di `settori`).', samples: settori, elsewhere: { obiettivi: 'elenco: vedi obiettivo.hbs', tutti_obiettivi: 'elenco: vedi obiettivo.hbs', servizi: 'elenco: vedi servizio.hbs' } },
    { templates: 'servizio.hbs', what: 'Un servizio di un settore.', samples: servizi, elsewhere: { 'gruppi[].obiettivi': 'elenco: vedi obiettivo.hbs' } },
    { templates: 'obiettivo.hbs', what: 'Un obiettivo: la sua tabella.', samples: obiettivi, elsewhere: { risultato: 'gruppo: vedi obiettivo-risultato.hbs' } },
    { templates: 'obiettivo-risultato.hbs', what: 'Le righe del risultato di un obiettivo nella relazione sulla performance (`piao relazione`): il `risultato` dell\'obiettivo.', samples: risultati },
    { templates: 'settore-documento.hbs', what: 'Il documento di un settore (`--split`): tutti i dati del documento (così un modello parziale vi trova ciò che trova nella sottosezione) e il suo `settore`.', samples: settoreDocs, elsewhere: { ...ROOT_KEYS, settore: 'gruppo: vedi settore.hbs' } },
    { templates: 'scheda.hbs', what: 'La scheda obiettivi di un responsabile (`--split`) o di un dipendente (`--schede-personale`): tutti i dati del documento e quelli della scheda.', samples: schede, elsewhere: { 'parti[].blocchi[].obiettivi': 'elenco: vedi obiettivo.hbs', ...ROOT_KEYS } },
    { templates: 'controlli.hbs', what: 'I controlli sul piano (`--report`), un documento a parte.', samples: controlli },
    { templates: 'relazione.hbs', what: 'La relazione sulla performance (`piao relazione`): i dati del documento (senza settori e Segretario) e i risultati.', samples: relazioni, elsewhere: { ...ROOT_KEYS, 'parti[].blocchi[].obiettivi': 'elenco: vedi obiettivo.hbs' } },
    { templates: 'valutazione.hbs', what: 'Le schede di valutazione, la liquidazione e i dati relativi ai premi (`piao relazione`).', samples: valutazioni },
    { templates: 'variazioni.hbs', what: 'Il prospetto delle variazioni (`piao diff`), l\'allegato alla deliberazione che approva una variazione.', samples: variazioni },
  ];
}

describe('templates/RIFERIMENTO.md', () => {
  const ctx = contexts();

  it('describes every variable the templates receive', () => {
    const missing = ctx.flatMap((c) => variablesOf(c).filter((v) => !DESCRIPTIONS[`${c.templates.split(',')[0]}|${v.path}`]).map((v) => `${c.templates.split(',')[0]}|${v.path}`));
    expect(missing).toEqual([]);
  });

  it('is up to date (npm run riferimento writes it again)', () => {
    const text = referenceMarkdown(ctx, DESCRIPTIONS);
    if (process.env.UPDATE_REFERENCE) writeFileSync(FILE, text);
    expect(readFileSync(FILE, 'utf8')).toBe(text);
  });
});
