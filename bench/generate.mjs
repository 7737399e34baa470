#!/usr/bin/env node
/**
 * Deterministic generator of synthetic PIAO 2.2 plans of any size, for the benchmark.
 *
 *   node bench/generate.mjs --objectives 300 [--seed 1] [--anno 2024] [--extra 0.1] > piano.yaml
 *
 * or, from another module:  import { generatePlan, generateYaml } from './generate.mjs'
 *
 * Same options -> same bytes: the only source of randomness is a seeded PRNG (mulberry32);
 * no Math.random, no clock. The plan has the seed's shape (one two-column table per objective:
 * titolo, descrizione, 2-6 fasi, 1-3 indicatori, target, termine, peso, personale), several
 * centri scaling with the size, servizi, numbered groups, a people registry, a Segretario section
 * and a Markdown introduction. `--extra` is the share of objectives that also get the optional rows
 * (stakeholder, contributor, valore pubblico, codice DUP, a detailed indicator).
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import YAML from 'yaml';
import * as V from './vocabolario.mjs';

/** mulberry32: small, fast, good enough for test data. */
export function prng(seed) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (a, b) => a + Math.floor(next() * (b - a + 1));
  const pick = (arr) => arr[Math.floor(next() * arr.length)];
  const chance = (p) => next() < p;
  /** k distinct items, in a random order. */
  const sample = (arr, k) => {
    const copy = [...arr];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, Math.min(k, copy.length));
  };
  return { next, int, pick, chance, sample };
}

const clamp = (x, a, b) => Math.max(a, Math.min(b, x));
const pad = (n) => String(n).padStart(2, '0');
const lastDay = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
/** Italian thousands separator, as a human would write an amount. */
const euro = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

export function slug(s) {
  const out = s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(out) ? out : `x${out}`;
}

/**
 * Builds the plan as a plain object (valid against src/schema.ts).
 * @param {{ objectives?: number, seed?: number, anno?: number, extra?: number }} [opts]
 */
export function generatePlan(opts = {}) {
  const N = Math.max(1, Math.floor(opts.objectives ?? 30));
  const seed = opts.seed ?? 1;
  const anno = opts.anno ?? 2024;
  const extra = opts.extra ?? 0;
  const r = prng(seed * 7919 + N);

  const fill = (s) =>
    s
      .replaceAll('{a}', String(anno))
      .replaceAll('{a1}', String(anno + 1))
      .replaceAll('{a2}', String(anno + 2))
      .replaceAll('{a1p}', String(anno - 1))
      .replaceAll('{a4}', String(anno - 3))
      .replaceAll('{a5}', String(anno - 4))
      .replaceAll('{p}', String(r.pick([5, 10, 15, 20, 25, 30, 50, 65, 70, 75, 80, 85, 90, 95])))
      .replaceAll('{g}', String(r.pick([7, 10, 15, 20, 30, 45, 60, 90])))
      .replaceAll('{n}', String(r.int(3, 40) * r.pick([1, 5, 10])))
      .replaceAll('{e}', euro(r.int(5, 120) * 1000));

  // --- people registry ---------------------------------------------------------------------
  const persone = {};
  const person = ({ titled = false, qualifica = false } = {}) => {
    const female = r.chance(0.55);
    const nome = r.pick(female ? V.NOMI_F : V.NOMI_M);
    const cognome = r.pick(V.COGNOMI);
    let id = slug(cognome);
    if (persone[id]) id = `${id}_${slug(nome)}`;
    for (let k = 2; persone[id]; k++) id = `${slug(cognome)}_${slug(nome)}_${k}`;
    persone[id] = {
      ...(titled && { titolo: r.pick(female ? V.TITOLI_F : V.TITOLI_M) }),
      nome,
      cognome,
      ...(qualifica && { qualifica: r.pick(V.QUALIFICHE) }),
    };
    return id;
  };

  // --- the ente ----------------------------------------------------------------------------
  const [provincia, sigla] = r.pick(V.PROVINCE);
  const breve = `${r.pick(V.PREFISSI_COMUNE)}${r.chance(0.5) ? ' ' + cap(r.pick(V.RADICI_COMUNE)) : r.pick(V.RADICI_COMUNE)}${r.pick(V.SUFFISSI_COMUNE)}`;
  const enteNome = `Comune di ${breve}`;

  // --- sizes -------------------------------------------------------------------------------
  const nSeg = N >= 10 ? 3 : 0;
  const inCentri = N - nSeg;
  const nCentri = clamp(Math.min(Math.round(Math.sqrt(N) / 1.6), inCentri), 1, 40);
  // Random but exact split of the objectives among centri, at least one each.
  const weights = Array.from({ length: nCentri }, () => 0.6 + r.next() * 0.8);
  const wsum = weights.reduce((a, b) => a + b, 0);
  const perCentro = weights.map((w) => Math.max(1, Math.floor((w / wsum) * inCentri)));
  for (let i = 0, diff = inCentri - perCentro.reduce((a, b) => a + b, 0); diff !== 0; i = (i + 1) % nCentri) {
    if (diff > 0) { perCentro[i]++; diff--; } else if (perCentro[i] > 1) { perCentro[i]--; diff++; }
  }

  // --- one objective -----------------------------------------------------------------------
  const termine = () => {
    const x = r.next();
    let t;
    if (x < 0.45) t = { anno };
    else if (x < 0.75) {
      const m = r.int(3, 12);
      t = { entro: `${anno}-${pad(m)}-${pad(r.chance(0.7) ? lastDay(anno, m) : 15)}` };
    } else if (x < 0.87) {
      t = r.chance(0.6) ? { giorni: r.pick([30, 60, 90, 120, 180]), evento: r.pick(['approvazione_piao', 'approvazione_bilancio', 'assunzione']) } : { mesi: r.int(2, 9), evento: r.pick(['approvazione_piao', 'approvazione_rendiconto']) };
    } else {
      const m1 = r.int(1, 8);
      const m2 = r.int(m1 + 1, 12);
      t = { dal: `${anno}-${pad(m1)}-01`, al: `${anno}-${pad(m2)}-${pad(lastDay(anno, m2))}` };
    }
    if (r.chance(0.1)) t.nota = r.pick(V.NOTE_TERMINE);
    return t;
  };

  const objective = (ambito, { peso, personale, comune = false, tempiPagamento = false }) => {
    const azione = r.pick(V.AZIONI);
    const soggetto = fill(r.pick(ambito.soggetti));
    const fasePool = [...ambito.fasi, ...V.FASI_COMUNI];
    const fasi = r.sample(fasePool.map((f, i) => ({ ...f, i })), r.int(2, 6)).sort((a, b) => a.s - b.s || a.i - b.i).map((f) => f.t);
    const indicatori = r.sample([...ambito.indicatori, ...ambito.indicatori, ...V.INDICATORI_COMUNI], r.int(1, 3)).filter((v, i, a) => a.indexOf(v) === i);
    const apertura = r.pick(["L'obiettivo prevede", 'Il servizio cura', `Nel corso del ${anno} l'ufficio assicura`, "Si intende realizzare"]);
    const descrizione = [`${apertura} ${azione.art} ${soggetto} ${r.pick(V.FINALITA)}.`, ...r.sample(V.DETTAGLI, r.int(0, 2))].join(' ');
    const o = tempiPagamento
      ? {
          titolo: "Rispetto dei tempi di pagamento previsti dall'art. 4 D.Lgs. 231/2002 (obiettivo determinato ai sensi dell'articolo 4 bis co. 2 D.L. 13/2023)",
          tempi_pagamento: true,
          descrizione: 'Il Responsabile del Servizio è tenuto al rispetto del termine del pagamento delle fatture del proprio settore, attualmente fissato in 30 giorni dalla ricezione della fattura.',
          fasi: ['Affidamento/aggiudicazione appalto', 'Ricezione fattura commerciale', 'Liquidazione', 'Pagamento'].slice(0, r.int(3, 4)),
          indicatori: ['Indicatore di tempestività dei pagamenti (ITP) inferiore a zero'],
          target: 'Rispetto degli obiettivi previsti dal PNRR e efficienza della PA',
          termine: { anno },
        }
      : {
          titolo: `${azione.t} ${soggetto}${r.chance(0.08) ? ` – anno ${anno}` : ''}`,
          ...(comune && { comune: true }),
          descrizione,
          fasi,
          indicatori,
          target: fill(r.chance(0.7) ? r.pick(ambito.target) : r.pick(V.TARGET_COMUNI)),
          termine: termine(),
        };
    o.peso = peso;
    o.personale = personale;
    if (r.chance(extra)) {
      o.stakeholder = r.pick(['Cittadini residenti', 'Imprese del territorio', 'Famiglie con figli in età scolare', 'Contribuenti', 'Associazioni locali', 'Uffici comunali']);
      o.contributor = r.pick(['Tutti i settori dell\'Ente', 'Ufficio tecnico', 'Servizio finanziario', 'Unione dei Comuni', 'Fornitore del gestionale']);
      o.valore_pubblico = r.pick(['Comune digitale e semplice', 'Territorio sicuro e sostenibile', 'Comunità inclusiva', 'Ente efficiente e trasparente']);
      o.codice_dup = `${r.int(1, 12)}.${r.int(1, 6)}.${r.int(1, 9)}`;
      o.indicatori = [
        ...o.indicatori,
        { nome: r.pick(ambito.indicatori), formula: 'Pratiche concluse nei termini / pratiche presentate × 100', unita: '%', polarita: 'crescente', baseline: r.int(40, 80), target: [r.int(80, 90), r.int(90, 95), 100], fonte: 'Gestionale dell\'ente' },
      ];
    }
    return o;
  };

  // --- centri ------------------------------------------------------------------------------
  const usedCentroIds = new Set();
  const centri = perCentro.map((K, i) => {
    const ambito = V.AMBITI[i % V.AMBITI.length];
    const round = Math.floor(i / V.AMBITI.length);
    const nome = round === 0 ? ambito.settore : `${ambito.settore} – ${V.QUALIFICHE_AREA[(round - 1 + i) % V.QUALIFICHE_AREA.length]}`;
    let id = slug(round === 0 ? ambito.id : `${ambito.id}_${round + 1}`);
    while (usedCentroIds.has(id)) id += '_b';
    usedCentroIds.add(id);
    const responsabile = person({ titled: true });
    const pagaFatture = r.chance(0.7);
    const staff = Array.from({ length: clamp(Math.ceil(K / 6), 1, 25) }, () => person({ qualifica: r.chance(0.4) }));

    // The responsabile's own objectives first, weighted on the indennità di risultato (sum 100).
    const gruppi = [];
    const nResp = Math.min(K, r.int(2, 4));
    const respWeights = pagaFatture ? [30, ...splitSum(70, nResp - 1, r)] : splitSum(100, nResp, r);
    gruppi.push({
      obiettivi: respWeights.map((w, k) => objective(ambito, { peso: { risultato: w }, personale: [responsabile], tempiPagamento: pagaFatture && k === 0 })),
    });
    // Then one numbered group per staff member, weighted on the CCDI sum.
    let left = K - nResp;
    for (let g = 0; left > 0; g++) {
      const owner = staff[g % staff.length];
      const ccdi = () => ({ ccdi: r.chance(0.05) ? null : r.int(3, 12) });
      if (left >= 2 && r.chance(0.08)) {
        // A group made only of a shared objective, titled like the seed's.
        gruppi.push({ titolo: 'Obiettivo comune', obiettivi: [objective(ambito, { peso: ccdi(), personale: r.sample(staff, r.int(1, 3)), comune: true })] });
        left--;
        continue;
      }
      const size = Math.min(left, r.int(2, 6));
      const obiettivi = Array.from({ length: size }, (_, k) => {
        const shared = k === size - 1 && size > 1 && r.chance(0.15);
        return objective(ambito, { peso: ccdi(), personale: shared ? [...new Set([owner, ...r.sample(staff, r.int(1, 2))])] : [owner], comune: shared });
      });
      gruppi.push({ obiettivi });
      left -= size;
    }

    const nServizi = clamp(Math.ceil(K / 15), 1, 6);
    const servizi = Array.from({ length: nServizi }, (_, j) => {
      const [nomeServ, funzioni] = ambito.servizi[j % ambito.servizi.length];
      return { nome: j < ambito.servizi.length ? nomeServ : `${nomeServ} – Ufficio ${j + 1}`, funzioni, gruppi: [] };
    });
    gruppi.forEach((g, k) => servizi[Math.min(nServizi - 1, Math.floor((k * nServizi) / gruppi.length))].gruppi.push(g));
    for (const s of servizi) if (s.gruppi.length === 0) delete s.gruppi;

    return {
      id,
      nome,
      ...(r.chance(0.5) && { intestazione: nome.toUpperCase() }),
      responsabile,
      ...(pagaFatture && { paga_fatture: true }),
      personale: staff,
      servizi,
    };
  });
  // Like the seed's Polizia Locale: a centro with no responsabile and no servizi (listed, no part of its own).
  if (N >= 10) centri.push({ id: 'vigilanza_associata', nome: 'Servizio di vigilanza in forma associata', responsabile: null });

  // --- segretario --------------------------------------------------------------------------
  let segretario;
  if (nSeg > 0) {
    const persona = person({ titled: true });
    const pesi = [4, 4, 2];
    const convenzione = [...new Set([breve, ...r.sample(V.COMUNI_CONVENZIONE, r.int(1, 3))])];
    segretario = {
      persona,
      funzioni: [
        "Funzioni del Segretario Comunale ai sensi dell'art. 97 D.Lgs. 267/2000:",
        '',
        ...r.sample(V.FUNZIONI_SEGRETARIO, r.int(3, 6)).map((f, k) => `> - *${k + 1}\\. ${f}*`),
        '',
        "Oltre a tutte le precedenti funzioni, il Segretario Comunale svolge le funzioni attribuite dal Regolamento sull'Ordinamento degli Uffici e dei Servizi, a titolo esemplificativo:",
        '',
        '- sottoscrizione contratti di lavoro;',
        '- procedimenti disciplinari;',
        "- presidenza dei concorsi per l'assunzione di personale.",
        '',
      ].join('\n'),
      incarichi: r.sample([
        'Responsabile Prevenzione Corruzione e Trasparenza;',
        'Presidente del Nucleo di Valutazione;',
        'membro unico della delegazione trattante di parte pubblica;',
        'Responsabile del Servizio Affari Generali e Segreteria;',
      ], r.int(1, 3)),
      ...(convenzione.length > 1 && { convenzione, quota_attivita: r.pick([25, 32.5, 40, 50]) }),
      indennita_totale: 10,
      obiettivi: r.sample(V.OBIETTIVI_SEGRETARIO, 3).map((o, k) => ({
        ...o,
        titolo: o.titolo.replace('(piano triennale dell\'informatica)', `(piano triennale dell'informatica) ${anno}/${anno + 2}`),
        termine: termine(),
        peso: { risultato: pesi[k] },
      })),
    };
  }

  // --- introduction (Markdown) -------------------------------------------------------------
  const intro = [
    ...r.sample(V.INTRO_PARAGRAFI.map((p, i) => ({ p, i })), r.int(3, 6)).sort((a, b) => a.i - b.i).map((x) => x.p),
    'Le finalità della misurazione e valutazione della performance risultano essere principalmente le seguenti:',
    r.sample(V.INTRO_ELENCO, r.int(4, 7)).map((x) => `- ${x}`).join('\n'),
    ...(r.chance(0.7) ? ["Il sistema di misurazione è integrato dall'art. 4 bis co. 2 D.L. 13/2023 conv. in L. 41/2023, il quale dispone che", V.CITAZIONE_4BIS] : []),
    `Il presente piano comprende ${N} obiettivi assegnati a ${centri.length} centri di responsabilità.`,
  ].join('\n\n');

  return {
    ente: { nome: enteNome, denominazione_breve: breve, provincia, sigla_provincia: sigla },
    piano: {
      anno,
      sezione: '2.2',
      titolo: 'Performance',
      revisione: 0,
      approvazione: { organo: 'Giunta Comunale', numero: r.int(1, 40), data: `${anno}-01-${pad(r.int(15, 31))}` },
    },
    persone,
    introduzione: `${intro}\n`,
    centri,
    nota_centri: `Richiamato l'organigramma del ${enteNome} indicato alla sezione 3.1 Struttura Organizzativa, si elabora quanto segue.`,
    ...(segretario && { segretario }),
  };
}

/** n positive integers summing to total (n >= 1). */
function splitSum(total, n, r) {
  if (n <= 0) return [];
  const w = Array.from({ length: n }, () => 1 + r.next());
  const s = w.reduce((a, b) => a + b, 0);
  const out = w.map((x) => Math.max(1, Math.floor((x / s) * total / 5) * 5));
  out[0] += total - out.reduce((a, b) => a + b, 0);
  return out;
}

/** The plan as YAML text, with deadlines and weights on one line as in the built-in example. */
export function generateYaml(opts = {}) {
  const plan = generatePlan(opts);
  const doc = new YAML.Document(plan);
  YAML.visit(doc, {
    Pair(_, pair) {
      const k = YAML.isScalar(pair.key) ? pair.key.value : undefined;
      if ((k === 'termine' || k === 'peso' || k === 'approvazione' || k === 'ente') && YAML.isMap(pair.value)) pair.value.flow = true;
      if (YAML.isMap(pair.value) && typeof k === 'string' && plan.persone[k] !== undefined && pair.value.items.length <= 4) pair.value.flow = true;
    },
  });
  const header = [
    '# yaml-language-server: $schema=../../data/piao.schema.json',
    `# Piano sintetico generato da bench/generate.mjs (obiettivi: ${opts.objectives ?? 30}, seme: ${opts.seed ?? 1}): dati di prova, non un piano reale.`,
    '',
  ].join('\n');
  return header + doc.toString({ lineWidth: 0, nullStr: '~' });
}

// --- command line ----------------------------------------------------------------------------
function isMain() {
  try {
    return process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

if (isMain()) {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        objectives: { type: 'string', short: 'n' },
        seed: { type: 'string', short: 's' },
        anno: { type: 'string' },
        extra: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    process.stderr.write(`generate: ${e.message}\n`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write('Uso: node bench/generate.mjs --objectives N [--seed S] [--anno AAAA] [--extra 0..1] > piano.yaml\n');
    process.exit(0);
  }
  const num = (v, def, name, ok) => {
    if (v === undefined) return def;
    const n = Number(v);
    if (!ok(n)) {
      process.stderr.write(`generate: valore non valido per --${name}: «${v}»\n`);
      process.exit(2);
    }
    return n;
  };
  const objectives = num(values.objectives, 30, 'objectives', (n) => Number.isInteger(n) && n >= 1);
  const seed = num(values.seed, 1, 'seed', Number.isInteger);
  const anno = num(values.anno, 2024, 'anno', (n) => Number.isInteger(n) && n >= 2000 && n <= 2098);
  const extra = num(values.extra, 0, 'extra', (n) => n >= 0 && n <= 1);
  process.stdout.write(generateYaml({ objectives, seed, anno, extra }));
}
