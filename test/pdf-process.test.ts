/** bin.ts guesses from the raw arguments whether `piao build` will want a PDF, to start its process early. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setEarly, startEarly, takeEarly } from '../src/pdf-process.js';

function guess(args: string[]): boolean {
  const p = startEarly(args);
  p?.kill();
  return p !== undefined;
}

describe('startEarly', () => {
  it('starts for publish, and for build with the default formats or with pdf among them', () => {
    expect(guess(['build', 'piano.yaml'])).toBe(true);
    expect(guess(['build', 'piano.yaml', '--format', 'docx,PDF'])).toBe(true);
    expect(guess(['build', '-f', 'pdf', 'piano.yaml'])).toBe(true);
    expect(guess(['build', '--format=html,pdf', 'piano.yaml'])).toBe(true);
    expect(guess(['publish', 'piano.yaml'])).toBe(true);
  });

  it('does not start for other commands, help, or formats without pdf', () => {
    expect(guess(['check', 'piano.yaml'])).toBe(false);
    expect(guess(['build', '--help'])).toBe(false);
    expect(guess(['build', 'piano.yaml', '-f', 'docx,html'])).toBe(false);
    expect(guess(['build', '--format=html', 'piano.yaml'])).toBe(false);
  });

  it('hands the process over once', () => {
    setEarly(startEarly(['build', 'piano.yaml']));
    const p = takeEarly();
    expect(p).toBeDefined();
    expect(takeEarly()).toBeUndefined();
    p?.kill();
  });
});

describe('the PDF process of the built CLI', () => {
  const ROOT = join(import.meta.dirname, '..');
  const run = (env: Record<string, string>, nodeArgs: string[] = []) =>
    spawnSync(process.execPath, [...nodeArgs, join(ROOT, 'dist/bin.js'), 'build', join(ROOT, 'data/casalmorano-2024.yaml'), '--out', mkdtempSync(join(tmpdir(), 'piao-snap-')), '-f', 'pdf'], {
      env: { ...process.env, PIAO_TRACE: '1', ...env },
      encoding: 'utf8',
    });

  it('starts from the V8 snapshot that npm run build made, and without it when told so', () => {
    const fast = run({});
    expect(fast.status).toBe(0);
    expect(fast.stderr).toContain('pdf: avviato da istantanea');
    const plain = run({ PIAO_SNAPSHOT: '0' });
    expect(plain.status).toBe(0);
    expect(plain.stderr).toMatch(/pdf: avviato\n/);
  });

  it('starts the usual way when this process has V8 flags the snapshot was not made with', () => {
    const r = run({}, ['--max-old-space-size=3000']);
    expect(r.status).toBe(0);
    expect(r.stderr).not.toContain('da istantanea');
    expect(r.stderr).toContain('pdf: scritto');
  });

  it('starts again the usual way, quietly and with the same PDF, when this Node refuses the snapshot', () => {
    // A copy of the built package whose snapshot is damaged (as one made by another Node would be refused).
    const copy = mkdtempSync(join(tmpdir(), 'piao-copia-'));
    for (const f of ['dist', 'templates', 'data', 'package.json']) cpSync(join(ROOT, f), join(copy, f), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
    writeFileSync(join(copy, 'dist/pdf-worker.blob'), Buffer.alloc(4096, 7));
    writeFileSync(join(copy, 'dist/pdf-worker.blob.json'), JSON.stringify({ node: process.version, arch: process.arch, dir: join(copy, 'dist') }));
    const outs = [mkdtempSync(join(tmpdir(), 'piao-a-')), mkdtempSync(join(tmpdir(), 'piao-b-'))];
    const build = (bin: string, out: string) =>
      spawnSync(process.execPath, [bin, 'build', join(ROOT, 'data/casalmorano-2024.yaml'), '--out', out, '-f', 'pdf'], { env: { ...process.env, PIAO_TRACE: '1' }, encoding: 'utf8' });
    const r = build(join(copy, 'dist/bin.js'), outs[0]!);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/istantanea del processo del PDF \d rifiutata/);
    expect(r.stderr).not.toMatch(/Assertion|stack trace/i);
    expect(build(join(ROOT, 'dist/bin.js'), outs[1]!).status).toBe(0);
    const pdf = (dir: string) => readFileSync(join(dir, 'casalmorano-2024.pdf'));
    expect(pdf(outs[0]!).equals(pdf(outs[1]!))).toBe(true);
  });
});
