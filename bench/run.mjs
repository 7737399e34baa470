#!/usr/bin/env node
/**
 * The benchmark (issue #5). Runs the real CLI as a new process (cold start included) on the
 * built-in example and on synthetic plans of the given sizes, and compares with LibreOffice
 * (our DOCX -> PDF) and pandoc (our HTML -> DOCX) on the same documents.
 *
 *   npm run bench -- [--sizes 30,300,1000] [--runs 3] [--peer-runs N] [--no-peers] [--keep]
 *
 * Env: PIAO_BENCH_NASCONDI=soffice,pandoc hides peers (to exercise the "not installed" path).
 * Results: output/bench/ (Markdown + JSON) and the table on stdout. Messages are in Italian.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, accessSync, constants } from 'node:fs';
import { cpus, totalmem, tmpdir, release } from 'node:os';
import { basename, delimiter, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import YAML from 'yaml';
import { generateYaml } from './generate.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const PROBE = join(HERE, 'rss-probe.cjs');
const EXAMPLE = join(ROOT, 'data', 'casalmorano-2024.yaml');
const MODES = ['tutti', 'docx', 'pdf', 'html'];

// --- options -----------------------------------------------------------------------------------
let opts;
try {
  ({ values: opts } = parseArgs({
    options: {
      sizes: { type: 'string', default: '30,300,1000' },
      runs: { type: 'string', default: '3' },
      'peer-runs': { type: 'string' },
      seed: { type: 'string', default: '1' },
      'no-peers': { type: 'boolean', default: false },
      'no-example': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      cli: { type: 'string', default: join(ROOT, 'dist', 'bin.js') },
      out: { type: 'string', default: join(ROOT, 'output', 'bench') },
      'max-wait': { type: 'string', default: '120' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (e) {
  fail(`opzioni non valide: ${e.message}`, 2);
}
if (opts.help) {
  process.stdout.write(`Uso: npm run bench -- [opzioni]

  --sizes 30,300,1000   numero di obiettivi dei piani sintetici (predefinito 30,300,1000)
  --runs N              esecuzioni per misura; si riporta la mediana (predefinito 3)
  --peer-runs N         esecuzioni di LibreOffice e pandoc (predefinito come --runs)
  --seed S              seme del generatore (predefinito 1)
  --no-peers            non confrontare con LibreOffice e pandoc
  --no-example          non misurare l'esempio incluso (casalmorano-2024.yaml)
  --keep                conserva la cartella temporanea con piani e documenti
  --cli FILE            il comando da misurare (predefinito dist/bin.js)
  --out CARTELLA        dove scrivere i risultati (predefinito output/bench/)
  --max-wait S          prima di ogni misura attende fino a S secondi che la CPU sia libera da
                        altri processi (predefinito 120; 0 per non attendere)

Variabile PIAO_BENCH_NASCONDI=soffice,pandoc: fa finta che i programmi indicati non siano installati.
`);
  process.exit(0);
}
const sizes = opts.sizes.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) fail(`--sizes: servono numeri interi positivi separati da virgola, non «${opts.sizes}»`, 2);
const runs = positiveInt(opts.runs, '--runs');
const peerRuns = opts['peer-runs'] === undefined ? runs : positiveInt(opts['peer-runs'], '--peer-runs');
const seed = Number(opts.seed);
if (!Number.isInteger(seed)) fail(`--seed: serve un numero intero, non «${opts.seed}»`, 2);
const maxWait = Number(opts['max-wait']);
if (!(maxWait >= 0)) fail(`--max-wait: serve un numero di secondi, non «${opts['max-wait']}»`, 2);
const CLI = resolve(opts.cli);
if (!existsSync(CLI)) fail(`non trovo ${CLI}: esegui prima "npm run build"`, 1);

// --- helpers -----------------------------------------------------------------------------------
function fail(msg, code) {
  process.stderr.write(`bench: ${msg}\n`);
  process.exit(code);
}
function positiveInt(v, name) {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) fail(`${name}: serve un numero intero positivo, non «${v}»`, 2);
  return n;
}
const log = (s) => process.stderr.write(`${s}\n`);
const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (!v.length) return null;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
const it = (x, digits = 2) => (x === null || x === undefined ? '–' : x.toFixed(digits).replace('.', ','));
const sec = (ms, digits = 2) => (ms === null || ms === undefined ? '–' : it(ms / 1000, digits));
const mb = (kib) => (kib === null || kib === undefined ? null : (kib * 1024) / 1e6);
const kB = (bytes) => (bytes === null || bytes === undefined ? '–' : Math.round(bytes / 1024).toLocaleString('it-IT'));

/** An executable on PATH (unless hidden with PIAO_BENCH_NASCONDI), or null. */
function which(name) {
  const hidden = (process.env.PIAO_BENCH_NASCONDI ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (hidden.includes(name)) return null;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      if (statSync(p).isFile()) return p;
    } catch {
      /* not here */
    }
  }
  return null;
}

/** CPU time counters of the whole machine (all cores), from /proc/stat. */
function cpuCounters() {
  if (!existsSync('/proc/stat')) return null;
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3] + (f[4] ?? 0);
  return { idle, total: f.reduce((a, b) => a + b, 0) };
}
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
/** Share of the machine's CPU busy over `ms` (0..1): other people's work, since we run nothing meanwhile. */
function busyShare(ms = 300) {
  const a = cpuCounters();
  sleep(ms);
  const b = cpuCounters();
  if (!a || !b || b.total === a.total) return 0;
  return 1 - (b.idle - a.idle) / (b.total - a.total);
}
/**
 * Waits (up to --max-wait seconds) until other processes leave the CPU mostly idle, so that a
 * measurement is not taken while, say, a test suite runs on the same two cores. Returns the busy
 * share seen just before the measurement starts.
 */
function waitIdle() {
  const limit = Date.now() + maxWait * 1000;
  let busy = busyShare();
  let warned = false;
  while (busy > IDLE_THRESHOLD && Date.now() < limit) {
    if (!warned) log(`  macchina occupata da altri processi (${Math.round(busy * 100)}% della CPU): attendo…`);
    warned = true;
    sleep(1000);
    busy = busyShare();
  }
  if (busy > IDLE_THRESHOLD) busyMeasurements++;
  return busy;
}
let busyMeasurements = 0;
const IDLE_THRESHOLD = 0.15;

/** Runs a command and measures its wall time (spawn to exit) in ms. */
function timed(cmd, args, { env = process.env, cwd = ROOT } = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw r.error;
  return { ms, pid: r.pid, code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Clock ticks per second of /proc/stat (USER_HZ). */
const CLK_TCK = (() => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  return Number(r.stdout?.trim()) || 100;
})();
const CORES = cpus().length;
const othersDuring = []; // share of the machine used by other processes during each measurement

/**
 * Share of the machine (0..1) used by *other* processes while a measurement ran: machine busy
 * time from /proc/stat minus the measured process's own CPU time, over wall time × cores.
 */
function othersShare(c0, c1, wallMs, ownCpuMs) {
  if (!c0 || !c1 || ownCpuMs === null || ownCpuMs === undefined) return null;
  const busyMs = (((c1.total - c0.total) - (c1.idle - c0.idle)) / CLK_TCK) * 1000;
  const share = Math.max(0, Math.min(1, (busyMs - ownCpuMs) / (wallMs * CORES)));
  othersDuring.push(share);
  return +share.toFixed(2);
}

/** Runs the CLI in a fresh node process with the RSS probe preloaded. */
function runCli(args, probeFile) {
  rmSync(probeFile, { force: true });
  const busy = waitIdle();
  const c0 = cpuCounters();
  const res = timed(process.execPath, ['--require', PROBE, CLI, ...args], { env: { ...process.env, PIAO_BENCH_RSS_FILE: probeFile } });
  const c1 = cpuCounters();
  let probe = null;
  try {
    // One line per process (the CLI, and any process it starts): the largest RSS, the CPU of all.
    const lines = readFileSync(probeFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const main = lines.find((l) => l.pid === res.pid) ?? lines[lines.length - 1];
    probe = {
      ...main,
      maxRssKiB: Math.max(...lines.map((l) => l.maxRssKiB)),
      userMs: lines.reduce((a, l) => a + l.userMs, 0),
      systemMs: lines.reduce((a, l) => a + l.systemMs, 0),
      processi: lines.length,
    };
  } catch {
    /* the process died before 'exit' */
  }
  const cpuMs = probe ? probe.userMs + probe.systemMs : null;
  return { ...res, probe, busy, others: othersShare(c0, c1, res.ms, cpuMs) };
}

/** Runs a peer program under GNU time, when present, to get its peak RSS (largest process of its tree) and CPU time. */
function runPeer(cmd, args, scratch) {
  waitIdle();
  const gnuTime = which('time');
  if (!gnuTime) return { ...timed(cmd, args), maxRssKiB: null, others: null };
  const f = join(scratch, `time-${process.hrtime.bigint()}.txt`);
  const c0 = cpuCounters();
  const res = timed(gnuTime, ['-f', '%M %U %S', '-o', f, cmd, ...args]);
  const c1 = cpuCounters();
  let maxRssKiB = null;
  let cpuMs = null;
  try {
    const [m, u, sy] = readFileSync(f, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    maxRssKiB = m;
    cpuMs = (u + sy) * 1000;
  } catch {
    /* ignore */
  }
  return { ...res, maxRssKiB, others: othersShare(c0, c1, res.ms, cpuMs) };
}

let pdfjs;
async function pdfPages(file) {
  if (!existsSync(file)) return null;
  if (which('pdfinfo')) {
    const r = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
    const m = /^Pages:\s+(\d+)/m.exec(r.stdout ?? '');
    if (m) return Number(m[1]);
  }
  pdfjs ??= await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
  const n = doc.numPages;
  await doc.destroy();
  return n;
}

function machine() {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'sconosciuta';
  const meminfo = existsSync('/proc/meminfo') ? readFileSync('/proc/meminfo', 'utf8') : '';
  const memKiB = Number(/^MemTotal:\s+(\d+)/m.exec(meminfo)?.[1] ?? totalmem() / 1024);
  const osName = existsSync('/etc/os-release') ? /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] : undefined;
  return { cpu: model, cores: cpus().length, memoriaGiB: +(memKiB / 1024 / 1024).toFixed(1), node: process.version, sistema: `${osName ?? process.platform} (Linux ${release()})` };
}

function peerVersion(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return (r.stdout || r.stderr || '').split('\n')[0].trim();
}

// --- the run -----------------------------------------------------------------------------------
const started = new Date();
const scratch = mkdtempSync(join(tmpdir(), 'piao-bench-'));
const probeFile = join(scratch, 'rss.json');
const soffice = opts['no-peers'] ? null : which('soffice');
const pandoc = opts['no-peers'] ? null : which('pandoc');
const peers = {
  libreoffice: opts['no-peers']
    ? { disponibile: false, messaggio: 'confronto con LibreOffice disattivato (--no-peers)' }
    : soffice
      ? { disponibile: true, versione: peerVersion(soffice, ['--version']) }
      : { disponibile: false, messaggio: 'LibreOffice non installato: confronto saltato (apt-get install libreoffice-writer-nogui)' },
  pandoc: opts['no-peers']
    ? { disponibile: false, messaggio: 'confronto con pandoc disattivato (--no-peers)' }
    : pandoc
      ? { disponibile: true, versione: peerVersion(pandoc, ['--version']) }
      : { disponibile: false, messaggio: 'pandoc non installato: confronto saltato (apt-get install pandoc)' },
};
for (const p of Object.values(peers)) if (!p.disponibile) log(p.messaggio);

const mach = machine();
log(`Macchina: ${mach.cpu}, ${mach.cores} core, ${it(mach.memoriaGiB, 1)} GiB, Node ${mach.node}`);
log(`Cartella temporanea: ${scratch}`);

// `piao check` is being written by someone else: measure it only once it exists.
const checkProbe = timed(process.execPath, [CLI, 'check', '--help']);
const checkAvailable = checkProbe.code === 0;
log(checkAvailable ? 'piao check: disponibile, viene misurato' : 'piao check: non ancora disponibile');

// Warm the file cache once (not measured): the first run after a build reads node_modules from disk.
log('Riscaldamento (non misurato)…');
{
  const w = runCli(['build', EXAMPLE, '--out', join(scratch, 'riscaldamento')], probeFile);
  if (w.code !== 0) fail(`la CLI non funziona sull'esempio incluso (codice ${w.code}):\n${w.stderr}`, 1);
}

const cases = [
  ...(opts['no-example'] ? [] : [{ id: 'esempio', label: 'esempio (casalmorano-2024)', plan: EXAMPLE, objectives: countObjectives(EXAMPLE) }]),
  ...sizes.map((n) => ({ id: String(n), label: `sintetico ${n}`, objectives: n })),
];

const results = [];
for (const c of cases) {
  const dir = join(scratch, `caso-${c.id}`);
  mkdirSync(dir, { recursive: true });
  if (!c.plan) {
    const t0 = performance.now();
    c.plan = join(dir, `piano-${c.id}.yaml`);
    writeFileSync(c.plan, generateYaml({ objectives: c.objectives, seed }));
    log(`[${c.label}] piano generato in ${sec(performance.now() - t0)} s (${kB(statSync(c.plan).size)} kB)`);
  }
  const base = basename(c.plan, extname(c.plan));
  const row = { caso: c.id, descrizione: c.label, obiettivi: c.objectives, piano: c.plan, pianoBytes: statSync(c.plan).size, misure: {}, check: null, output: {}, peers: {} };
  for (const m of MODES) row.misure[m] = { ms: [], maxRssKiB: [], cpuMs: [], caricoAltriPrima: [], caricoAltriDurante: [] };
  let keptAll = null;

  for (let r = 1; r <= runs; r++) {
    for (const m of MODES) {
      const out = join(dir, `out-${m}-${r}`);
      const args = ['build', c.plan, '--out', out, ...(m === 'tutti' ? [] : ['--format', m])];
      const res = runCli(args, probeFile);
      if (res.code !== 0) fail(`[${c.label}] "piao ${args.join(' ')}" è terminato con codice ${res.code}${res.signal ? ` (${res.signal})` : ''}:\n${res.stderr}`, 1);
      row.misure[m].ms.push(res.ms);
      row.misure[m].maxRssKiB.push(res.probe?.maxRssKiB ?? null);
      row.misure[m].cpuMs.push(res.probe ? res.probe.userMs + res.probe.systemMs : null);
      row.misure[m].caricoAltriPrima.push(+res.busy.toFixed(2));
      row.misure[m].caricoAltriDurante.push(res.others);
      log(`[${c.label}] esecuzione ${r}/${runs}, ${m.padEnd(5)}: ${sec(res.ms)} s, RSS max ${it(mb(res.probe?.maxRssKiB), 0)} MB`);
      if (m === 'tutti' && keptAll === null) keptAll = out;
      else rmSync(out, { recursive: true, force: true });
    }
  }
  for (const m of MODES) {
    const s = row.misure[m];
    s.mediana = median(s.ms);
    s.maxRssMedianaKiB = median(s.maxRssKiB);
    const rss = s.maxRssKiB.filter((x) => x !== null);
    s.maxRssMassimoKiB = rss.length ? Math.max(...rss) : null;
  }

  // Output sizes and pages, from the first full build.
  const files = { docx: join(keptAll, `${base}.docx`), pdf: join(keptAll, `${base}.pdf`), html: join(keptAll, `${base}.html`) };
  for (const [f, p] of Object.entries(files)) row.output[f] = existsSync(p) ? statSync(p).size : null;
  row.output.paginePdf = await pdfPages(files.pdf);

  if (checkAvailable) {
    const ms = [];
    const rss = [];
    let code;
    for (let r = 1; r <= runs; r++) {
      const res = runCli(['check', c.plan], probeFile);
      code = res.code;
      ms.push(res.ms);
      rss.push(res.probe?.maxRssKiB ?? null);
      log(`[${c.label}] esecuzione ${r}/${runs}, check: ${sec(res.ms)} s (codice ${res.code})`);
    }
    row.check = { ms, mediana: median(ms), maxRssKiB: rss, codiceUscita: code };
  }

  // LibreOffice: our DOCX -> PDF. A fresh profile per run, initialised before the clock starts,
  // so that only the conversion (LibreOffice's own start included) is measured.
  if (peers.libreoffice.disponibile) {
    const ms = [];
    const rss = [];
    let pages = null;
    for (let r = 1; r <= peerRuns; r++) {
      const profile = mkdtempSync('/tmp/piao-bench-lo-profilo-');
      const env = `-env:UserInstallation=${pathToFileURL(profile).href}`;
      timed(soffice, [env, '--headless', '--terminate_after_init']);
      const outDir = join(dir, `lo-${r}`);
      const res = runPeer(soffice, [env, '--headless', '--convert-to', 'pdf', '--outdir', outDir, files.docx], scratch);
      const pdf = join(outDir, `${base}.pdf`);
      rmSync(profile, { recursive: true, force: true });
      if (res.code !== 0 || !existsSync(pdf)) {
        log(`[${c.label}] LibreOffice non ha prodotto il PDF (codice ${res.code}): ${res.stderr.trim()}`);
        ms.push(null);
        continue;
      }
      if (pages === null) pages = await pdfPages(pdf);
      ms.push(res.ms);
      rss.push(res.maxRssKiB);
      log(`[${c.label}] esecuzione ${r}/${peerRuns}, LibreOffice DOCX→PDF: ${sec(res.ms)} s`);
      rmSync(outDir, { recursive: true, force: true });
    }
    const med = median(ms);
    row.peers.libreoffice = { ms, mediana: med, maxRssKiB: rss, paginePdf: pages, rapporto: med && row.misure.pdf.mediana ? med / row.misure.pdf.mediana : null };
  }

  // pandoc: our HTML -> DOCX.
  if (peers.pandoc.disponibile) {
    const ms = [];
    const rss = [];
    for (let r = 1; r <= peerRuns; r++) {
      const out = join(dir, `pandoc-${r}.docx`);
      const res = runPeer(pandoc, [files.html, '-o', out], scratch);
      if (res.code !== 0 || !existsSync(out)) {
        log(`[${c.label}] pandoc non ha prodotto il DOCX (codice ${res.code}): ${res.stderr.trim()}`);
        ms.push(null);
        continue;
      }
      ms.push(res.ms);
      rss.push(res.maxRssKiB);
      log(`[${c.label}] esecuzione ${r}/${peerRuns}, pandoc HTML→DOCX: ${sec(res.ms)} s`);
      rmSync(out, { force: true });
    }
    const med = median(ms);
    row.peers.pandoc = { ms, mediana: med, maxRssKiB: rss, rapporto: med && row.misure.docx.mediana ? med / row.misure.docx.mediana : null };
  }
  if (!opts.keep) rmSync(dir, { recursive: true, force: true });
  results.push(row);
}
if (!opts.keep) rmSync(scratch, { recursive: true, force: true });

// --- targets -----------------------------------------------------------------------------------
const byId = Object.fromEntries(results.map((r) => [r.caso, r]));
const targets = [];
const target = (nome, esito, misura) => targets.push({ nome, esito, misura });
{
  const ex = byId.esempio;
  if (ex) {
    const t = ex.misure.tutti.mediana;
    target('Esempio incluso, tutti i formati, CLI a freddo ≤ 1,0 s', t <= 1000, `${sec(t)} s (${pct(t, 1000)})`);
  } else target('Esempio incluso, tutti i formati, CLI a freddo ≤ 1,0 s', null, 'non misurato (--no-example)');

  if (!checkAvailable) target('piao check ≤ 0,4 s (esempio incluso)', null, 'piao check: non ancora disponibile');
  else if (ex?.check) target('piao check ≤ 0,4 s (esempio incluso)', ex.check.mediana <= 400, `${sec(ex.check.mediana)} s (${pct(ex.check.mediana, 400)})`);
  else target('piao check ≤ 0,4 s (esempio incluso)', null, 'non misurato (--no-example)');

  // Plans of a few hundred objectives are real (a large Comune); 1000 is the bar with margin.
  const big = byId['1000'];
  if (big) {
    const t = big.misure.tutti.mediana;
    target('1000 obiettivi, tutti i formati ≤ 10 s', t <= 10000, `${sec(t)} s (${pct(t, 10000)})`);
    const peak = mb(Math.max(...MODES.map((m) => big.misure[m].maxRssMassimoKiB)));
    target('1000 obiettivi, RSS massimo ≤ 600 MB', peak <= 600, `${it(peak, 0)} MB (${pct(peak, 600)})`);
  } else {
    target('1000 obiettivi, tutti i formati ≤ 10 s', null, 'non misurato (dimensione 1000 non richiesta)');
    target('1000 obiettivi, RSS massimo ≤ 600 MB', null, 'non misurato (dimensione 1000 non richiesta)');
  }
  // Linear growth: 1000/300 = 3,3 times the objectives, at most 3,7 times the time (10% margin;
  // the fixed cost of starting makes the ratio smaller, not larger).
  if (big && byId['300']) {
    const ratio = big.misure.tutti.mediana / byId['300'].misure.tutti.mediana;
    target('crescita lineare: t(1000) ≤ 3,7 × t(300), tutti i formati', ratio <= 3.7, `${it(ratio, 1)}× (${sec(big.misure.tutti.mediana)} s / ${sec(byId['300'].misure.tutti.mediana)} s)`);
  } else target('crescita lineare: t(1000) ≤ 3,7 × t(300), tutti i formati', null, 'non misurato (servono le dimensioni 300 e 1000)');
}
function pct(x, limit) {
  const d = ((x - limit) / limit) * 100;
  return d <= 0 ? `${it(-d, 0)}% sotto il limite` : `${it(d, 0)}% oltre il limite`;
}

// --- report ------------------------------------------------------------------------------------
const dateIt = started.toLocaleString('it-IT', { dateStyle: 'long', timeStyle: 'short' });
const machineLine = `Macchina: ${mach.cpu}, ${mach.cores} core, ${it(mach.memoriaGiB, 1)} GiB di memoria, Node ${mach.node}, ${mach.sistema}. Data: ${dateIt} (${started.toISOString()}).`;
const peerLine = [
  peers.libreoffice.disponibile ? `LibreOffice: ${peers.libreoffice.versione}` : peers.libreoffice.messaggio,
  peers.pandoc.disponibile ? `pandoc: ${peers.pandoc.versione}` : peers.pandoc.messaggio,
].join('; ');

const checkCell = (r) => (!checkAvailable ? 'piao check: non ancora disponibile' : r.check ? sec(r.check.mediana) : '–');
const loCell = (r) => (peers.libreoffice.disponibile ? sec(r.peers.libreoffice?.mediana) : 'saltato');
const loRatio = (r) => (r.peers.libreoffice?.rapporto ? `${it(r.peers.libreoffice.rapporto, 1)}×` : '–');
const pdCell = (r) => (peers.pandoc.disponibile ? sec(r.peers.pandoc?.mediana) : 'saltato');
const pdRatio = (r) => (r.peers.pandoc?.rapporto ? `${it(r.peers.pandoc.rapporto, 1)}×` : '–');

const table1 = [
  '| piano | obiettivi | tutti i formati (s) | solo DOCX (s) | solo PDF (s) | solo HTML (s) | RSS max (MB) | piao check (s) | LibreOffice DOCX→PDF (s) | LibreOffice / nostro PDF | pandoc HTML→DOCX (s) | pandoc / nostro DOCX |',
  '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ...results.map((r) =>
    `| ${r.descrizione} | ${r.obiettivi} | ${sec(r.misure.tutti.mediana)} | ${sec(r.misure.docx.mediana)} | ${sec(r.misure.pdf.mediana)} | ${sec(r.misure.html.mediana)} | ${it(mb(Math.max(...MODES.map((m) => r.misure[m].maxRssMassimoKiB))), 0)} | ${checkCell(r)} | ${loCell(r)} | ${loRatio(r)} | ${pdCell(r)} | ${pdRatio(r)} |`,
  ),
];
const table2 = [
  '| piano | YAML (kB) | DOCX (kB) | PDF (kB) | pagine PDF | pagine PDF LibreOffice | HTML (kB) | RSS max tutti / DOCX / PDF / HTML (MB) | CPU tutti i formati (s) |',
  '|---|--:|--:|--:|--:|--:|--:|--:|--:|',
  ...results.map((r) =>
    `| ${r.descrizione} | ${kB(r.pianoBytes)} | ${kB(r.output.docx)} | ${kB(r.output.pdf)} | ${r.output.paginePdf ?? '–'} | ${r.peers.libreoffice?.paginePdf ?? '–'} | ${kB(r.output.html)} | ${MODES.map((m) => it(mb(r.misure[m].maxRssMassimoKiB), 0)).join(' / ')} | ${sec(median(r.misure.tutti.cpuMs))} |`,
  ),
];
const targetLines = targets.map((t) => `- ${t.esito === true ? '✓' : t.esito === false ? '✗' : '–'} ${t.nome}: ${t.misura}`);

const md = [
  '# piao – benchmark',
  '',
  machineLine,
  '',
  `Mediane di ${runs} esecuzioni (LibreOffice e pandoc: ${peerRuns}); ogni misura è un nuovo processo \`node ${basename(dirname(CLI))}/${basename(CLI)} …\` (avvio a freddo compreso). ${peerLine}.`,
  '',
  (busyMeasurements
    ? `Attenzione: ${busyMeasurements} misure sono iniziate con la CPU occupata da altri processi (oltre il ${IDLE_THRESHOLD * 100}%): i tempi possono essere gonfiati.`
    : `Ogni misura è iniziata con la CPU libera da altri processi (sotto il ${IDLE_THRESHOLD * 100}%).`) +
    (othersDuring.length
      ? ` Durante le misure altri processi hanno usato in mediana il ${Math.round(median(othersDuring) * 100)}% della macchina (massimo ${Math.round(Math.max(...othersDuring) * 100)}%).`
      : ''),
  '',
  ...table1,
  '',
  ...table2,
  '',
  '## Obiettivi',
  '',
  ...targetLines,
  '',
].join('\n');

mkdirSync(opts.out, { recursive: true });
const stamp = started.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
const json = { data: started.toISOString(), macchina: mach, misureConCpuOccupata: busyMeasurements, caricoAltriDurante: { mediana: median(othersDuring), massimo: othersDuring.length ? Math.max(...othersDuring) : null }, cli: CLI, esecuzioni: runs, esecuzioniPeer: peerRuns, seme: seed, peers, checkDisponibile: checkAvailable, risultati: results, obiettivi: targets };
for (const name of [`bench-${stamp}`, 'ultimo']) {
  writeFileSync(join(opts.out, `${name}.md`), md);
  writeFileSync(join(opts.out, `${name}.json`), `${JSON.stringify(json, null, 2)}\n`);
}
process.stdout.write(`${md}\nRisultati scritti in ${join(opts.out, `bench-${stamp}.md`)} e .json (copia in ultimo.md, ultimo.json).\n`);

/** Objectives in a plan file (centri' groups and the Segretario's). */
function countObjectives(file) {
  const plan = YAML.parse(readFileSync(file, 'utf8')) ?? {};
  let n = plan.segretario?.obiettivi?.length ?? 0;
  for (const c of plan.centri ?? []) for (const s of c.servizi ?? []) for (const g of s.gruppi ?? []) n += g.obiettivi?.length ?? 0;
  return n;
}
