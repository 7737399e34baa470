/**
 * The PDF, the slowest format, is written by a child process (src/writers/pdf-worker.ts) on a
 * machine with two or more cores, while this process writes the DOCX and the HTML. A process
 * rather than a worker thread: each has its own heap, so with a large plan neither holds the
 * other's memory (peak memory is per process). The child is started first thing, so that
 * loading and warming up pdfmake overlaps with reading and checking the plan.
 *
 * Not started when PIAO_WORKERS=0, on a single core, or when running from the TypeScript
 * sources (tests): `running` is false and callers write the PDF in this process with
 * writeDocument; the bytes are the same either way (tested).
 *
 * This module is light on purpose (Node built-ins only): bin.ts bundles it to start the process
 * before loading the CLI.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { serialize } from 'node:v8';
import { fileURLToPath } from 'node:url';
import type { PdfJob, PdfJobFile, PdfReady, PdfResult } from './writers/pdf-worker.js';
import { trace } from './trace.js';
import type { DocTree } from './tree.js';
import type { LoadedTheme } from './theme.js';
import type { DocMeta } from './writers/meta.js';

/**
 * V8 flags of the PDF process; build.mjs makes its startup snapshot with these same ones (V8
 * requires it). With 3000 objectives, pdfmake's heap peaks during layout with ~300 MB alive and
 * V8 lets it grow to ~570 MB before collecting: a young generation of at most 8 MB (default 16)
 * took the process's peak from 769-775 to 724-729 MB in the same time, and a heap that grows
 * by 75% before a full collection (V8 picks up to 4x) from 739-745 to 686-691 MB, for 4-10% more
 * time (50%: 650 MB, +11%). Small plans never grow the heap that far: no difference there.
 */
export const PDF_PROCESS_FLAGS = ['--max-semi-space-size=8', '--heap-growing-percent=75'];

export class PdfProcess {
  private child: ChildProcess | undefined;
  private ready = false;
  private next = 0;
  private readonly pending = new Map<number, { file: string; resolve: (b: Buffer) => void; reject: (e: Error) => void }>();
  private readonly files = new Set<string>();
  private readonly script = fileURLToPath(new URL('./pdf-child.js', import.meta.url));

  constructor() {
    if (process.env.PIAO_WORKERS === '0' || availableParallelism() < 2 || !existsSync(this.script)) return;
    this.start(snapshotBlob());
  }

  private start(snapshot: string | undefined): void {
    // 'advanced' serialization: job messages as structured clones, the PDF back as bytes.
    const child = fork(this.script, [], {
      serialization: 'advanced',
      // From a snapshot, what the process says before it is ready is held back: if this Node
      // refuses the snapshot, that is V8's complaint, and the process is simply started again.
      stdio: ['ignore', 'inherit', snapshot ? 'pipe' : 'inherit', 'ipc'],
      // PDF_PROCESS_FLAGS: memory against time, for large plans (3000 objectives, two runs each).
      execArgv: [...process.execArgv, ...PDF_PROCESS_FLAGS, ...(snapshot ? ['--snapshot-blob', snapshot] : [])],
    });
    this.child = child;
    this.ready = false;
    const early = () => snapshot !== undefined && !this.ready;
    const heldBack: Buffer[] = [];
    child.stderr?.on('data', (chunk: Buffer) => (this.ready ? process.stderr.write(chunk) : heldBack.push(chunk)));
    trace(`processo del PDF avviato${snapshot ? ' (da istantanea)' : ''}`);
    child.on('message', (r: PdfResult | PdfReady) => {
      if ('ready' in r) {
        this.ready = true;
        for (const chunk of heldBack.splice(0)) process.stderr.write(chunk);
        return;
      }
      const p = this.pending.get(r.id);
      this.pending.delete(r.id);
      if (!p) return;
      if ('error' in r) {
        const e = new Error(`scrittura del PDF non riuscita: ${r.error}`);
        if (r.stack) e.stack = r.stack; // shown only with PIAO_DEBUG, as for any unexpected error
        p.reject(e);
      } else p.resolve(Buffer.from(r.pdf.buffer, r.pdf.byteOffset, r.pdf.byteLength));
    });
    const fail = (e: Error) => {
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    // Before it is ready, a process from a snapshot that fails is started again (on 'exit').
    child.on('error', (e) => early() || fail(e));
    child.on('exit', (code, signal) => {
      if (this.child !== child) return;
      this.child = undefined;
      if (early()) {
        trace(`istantanea del processo del PDF rifiutata (${signal ?? `codice ${code}`}): avvio normale`);
        this.start(undefined);
        for (const [id, p] of this.pending) this.send({ id, file: p.file });
        if (this.pending.size) this.child!.ref();
        return;
      }
      fail(new Error(`il processo che scrive il PDF si è interrotto (${signal ?? `codice ${code}`})`));
    });
    // Until asked for a PDF, the child must not keep this process alive.
    if (!this.pending.size) this.idle();
  }

  /** Sends a job; a failed send is answered by the child's 'exit' (restart or failure), not here. */
  private send(message: PdfJobFile): void {
    this.child?.send(message, () => undefined);
  }

  /** False when PDFs are written in this process instead (see above): then callers use writeDocument. */
  get running(): boolean {
    return this.child !== undefined;
  }

  async write(tree: DocTree, theme: LoadedTheme, meta: DocMeta): Promise<Buffer> {
    if (!this.child) throw new Error('il processo che scrive il PDF non è attivo');
    const id = this.next++;
    const job: PdfJob = { id, tree, theme: theme.theme, fonts: theme.fonts(), meta };
    // The job goes through a file, and only its name through the pipe: a large tree sent down
    // the pipe would wait for this thread to be idle (it is busy writing the DOCX meanwhile).
    const file = join(tmpdir(), `piao-pdf-${process.pid}-${id}.job`);
    writeFileSync(file, serialize(job), { mode: 0o600 }); // the plan's data: readable by this user only
    this.files.add(file);
    this.child.ref();
    (this.child.channel as { ref?: () => void } | undefined)?.ref?.();
    try {
      return await new Promise<Buffer>((resolve, reject) => {
        this.pending.set(id, { file, resolve, reject });
        this.send({ id, file });
      });
    } finally {
      rmSync(file, { force: true });
      this.files.delete(file);
      if (!this.pending.size) this.idle();
    }
  }

  /** Lets the child finish and waits for it (it exits when the channel closes; killed if it hangs). */
  async close(): Promise<void> {
    for (const f of this.files) rmSync(f, { force: true });
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    child.removeAllListeners('exit');
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const timer = setTimeout(() => child.kill(), 2000);
    child.disconnect();
    await exited;
    clearTimeout(timer);
  }

  /** Stops the child at once (the build failed: its PDF is not wanted). */
  kill(): void {
    for (const f of this.files) rmSync(f, { force: true });
    this.child?.removeAllListeners('exit');
    this.child?.kill();
    this.child = undefined;
  }

  private idle(): void {
    this.child?.unref();
    (this.child?.channel as { unref?: () => void } | undefined)?.unref?.();
  }
}

/** Runs `work` with a PDF process and ends it: waited for after success, stopped at once on failure. */
export async function withPdfProcess<T>(pdf: PdfProcess, work: (pdf: PdfProcess) => Promise<T>): Promise<T> {
  try {
    const result = await work(pdf);
    await pdf.close();
    return result;
  } catch (e) {
    pdf.kill();
    throw e;
  }
}

/**
 * The PDF process's V8 startup snapshot (dist/pdf-worker.blob, made by build.mjs: the process
 * starts with pdfmake already loaded), when it can be used: made by this Node, for this
 * machine, in this folder (the snapshot holds the paths it was made with), and no options in
 * this process that the child inherits and would not honour from a snapshot (V8 flags it was
 * not made with, `--import` preloads).
 * PIAO_SNAPSHOT=0 does without it.
 */
function snapshotBlob(): string | undefined {
  if (process.env.PIAO_SNAPSHOT === '0') return undefined;
  const blob = fileURLToPath(new URL('./pdf-worker.blob', import.meta.url));
  try {
    const made = JSON.parse(readFileSync(`${blob}.json`, 'utf8')) as { node?: string; arch?: string; dir?: string };
    if (made.node !== process.version || made.arch !== process.arch || made.dir !== dirname(blob)) return undefined;
  } catch {
    return undefined;
  }
  return inheritableFlags(process.execArgv) ? blob : undefined;
}

/**
 * Node options that a process started from the snapshot honours as the parent meant them:
 * CommonJS preloads (`--require`; `--import` is not run from a snapshot), profiling, warnings.
 */
function inheritableFlags(args: readonly string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--require' || a === '-r') i++;
    else if (!/^--(require=|cpu-prof|heap-prof|enable-source-maps|no-warnings|trace-warnings)/.test(a)) return false;
  }
  return true;
}

/**
 * Starts the PDF process when the arguments look like `piao publish` or `piao build` with a PDF
 * among the formats (the default): bin.ts calls it first thing, before the CLI is loaded, and
 * hands the process to main.ts. A guess: the command takes the process (takeEarly) or stops it,
 * and main.ts stops one nobody took.
 */
export function startEarly(args: readonly string[]): PdfProcess | undefined {
  if ((args[0] !== 'build' && args[0] !== 'publish') || args.includes('--help') || args.includes('-h')) return undefined;
  const i = args.findIndex((a) => a === '--format' || a === '-f' || a.startsWith('--format='));
  const value = i < 0 ? undefined : args[i]!.startsWith('--format=') ? args[i]!.slice('--format='.length) : args[i + 1];
  if (value !== undefined && !value.split(',').some((f) => f.trim().toLowerCase() === 'pdf')) return undefined;
  return new PdfProcess();
}

let early: PdfProcess | undefined;

/** Keeps the process started by startEarly for the command that will want it. */
export function setEarly(p: PdfProcess | undefined): void {
  early = p;
}

/** The process started early, if any (once). */
export function takeEarly(): PdfProcess | undefined {
  const p = early;
  early = undefined;
  return p;
}
