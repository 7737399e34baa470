/**
 * The built command as a process, when the process is interrupted or its output fails (issue 11,
 * point 10; hostile report items 10 and 11): Ctrl-C and SIGTERM leave the previous documents
 * whole and nothing else behind: while rendering they stop the process at once (the shell's
 * status 130 / 143), while writing they wait for the writing to end and then exit 130 / 143;
 * what a SIGKILL left is removed by the next run; standard output on a full disk or a closed pipe
 * never ends with a stack trace.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: the bench's generator is plain JavaScript
import { generateYaml } from '../../bench/generate.mjs';
import { bin, BIN, ROOT } from '../helpers/cli.js';

const VALID = join(ROOT, 'test/fixtures/invalid/_valido.yaml');
const DOCS = ['big.docx', 'big.html', 'big.pdf'];
const tmp = () => mkdtempSync(join(tmpdir(), 'piao-proc-'));
let big: string;

beforeAll(() => {
  big = join(tmp(), 'big.yaml');
  writeFileSync(big, generateYaml({ objectives: 300 }) as string);
});

/** A folder with previous documents of the big plan (recognisable content). */
function previous(): string {
  const out = tmp();
  for (const f of DOCS) writeFileSync(join(out, f), `versione precedente di ${f}`);
  return out;
}

/**
 * Runs `piao build big.yaml --out out` and sends `signal` `delay` ms after the trace (PIAO_TRACE)
 * shows `stage`; resolves with how the process ended. The writing of the big plan's documents
 * takes some 10 ms after its last document is rendered: a few ms later it is half-way through.
 */
function interrupt(out: string, stage: RegExp, signal: NodeJS.Signals, delay = 0): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, 'build', big, '--out', out], { env: { ...process.env, PIAO_TRACE: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let sent = false;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s: string) => {
      stderr += s;
      if (!sent && stage.test(stderr)) {
        sent = true;
        setTimeout(() => child.kill(signal), delay);
      }
    });
    child.on('error', fail);
    child.on('close', (code, sig) => done({ code, signal: sig, stderr }));
  });
}

/** Each document is either the previous one or a whole new one; nothing else is in the folder. */
function expectWholeDocuments(out: string, others: string[] = []): void {
  expect(readdirSync(out).filter((f) => !others.includes(f)).sort()).toEqual(DOCS);
  const magic: Record<string, string> = { 'big.docx': 'PK', 'big.pdf': '%PDF', 'big.html': '<!DOCTYPE html>' };
  for (const f of DOCS) {
    const text = readFileSync(join(out, f), 'latin1');
    if (text !== `versione precedente di ${f}`) {
      expect(text.startsWith(magic[f]!), `${f} is neither the previous nor a new document`).toBe(true);
      if (f === 'big.pdf') expect(text.trimEnd().endsWith('%%EOF'), 'big.pdf is cut').toBe(true);
      if (f === 'big.html') expect(text.trimEnd().endsWith('</html>'), 'big.html is cut').toBe(true);
    }
  }
}

describe('an interrupted build', () => {
  it('Ctrl-C while rendering: stopped at once, the previous documents untouched, nothing left', async () => {
    const out = previous();
    const r = await interrupt(out, /scritto .*big\.docx/, 'SIGINT');
    // Killed by the signal (the shell shows 130) or, had it come while writing, exit 130.
    expect(r.signal === 'SIGINT' || r.code === 130, JSON.stringify(r)).toBe(true);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(out).sort()).toEqual(DOCS);
    for (const f of DOCS) expect(readFileSync(join(out, f), 'utf8')).toBe(`versione precedente di ${f}`);
  });

  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${signal} when the documents are being written: whole documents, nothing left, exit ${code}`, async () => {
      const out = previous();
      const r = await interrupt(out, /scritto .*big\.html/, signal, 3);
      // After the last document is rendered the writing starts at once: a signal that comes
      // during the writing waits for its end (exit ${code}); one that comes after it, or before
      // it, stops the process as usual.
      expect(r.signal === signal || r.code === code || r.code === 0, JSON.stringify(r)).toBe(true);
      if (r.code === code) expect(r.stderr).toMatch(/piao: interrotto\. I file (erano già stati scritti per intero|già presenti non sono stati modificati)\.\n$/);
      expectWholeDocuments(out);
    });
  }

  it('SIGKILL when the documents are being written: whole documents, and the next run removes what was left', async () => {
    const out = previous();
    const r = await interrupt(out, /scritto .*big\.html/, 'SIGKILL', 5);
    expect(r.code === 0 || r.signal === 'SIGKILL').toBe(true);
    const left = readdirSync(out).filter((f) => !DOCS.includes(f));
    // Anything left is recognisably ours: a working folder named after the killed process.
    for (const f of left) expect(f).toMatch(/^\.piao-tmp-\d+-[A-Za-z0-9]{6}$/);
    const next = bin(['build', VALID, '--out', out, '--format', 'html']);
    expect(next.status, next.stderr).toBe(0);
    expectWholeDocuments(out, ['_valido.html']);
  });
});

describe('standard output that cannot be written', () => {
  function toDevFull(args: string[]): { status: number | null; stderr: string } {
    const fd = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [BIN, ...args], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
      return { status: r.status, stderr: r.stderr };
    } finally {
      closeSync(fd);
    }
  }

  it('check > /dev/full: an Italian message, exit 1, no stack trace', () => {
    const r = toDevFull(['check', VALID]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("piao: impossibile scrivere sull'uscita standard: spazio esaurito sul disco (ENOSPC).\n");
  });

  it('build > /dev/full: the documents are written, the lost listing is said, exit 1', () => {
    const out = tmp();
    const r = toDevFull(['build', VALID, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("piao: impossibile scrivere sull'uscita standard: spazio esaurito sul disco (ENOSPC).\n");
    expect(readdirSync(out).sort()).toEqual(['_valido.docx', '_valido.html', '_valido.pdf']);
  });

  it('check | head -1 ends quietly', () => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" check --json "$1" | head -c 10 >/dev/null; echo "status \${PIPESTATUS[0]}"`, 'bash', big], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('status 0\n');
  });
});
