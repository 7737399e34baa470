/**
 * The PDF, the slowest format, is written by two child processes (src/writers/pdf-worker.ts) on a
 * machine with two or more cores, while this process writes the DOCX and the HTML. A document
 * with page breaks is laid out in two parts (writers/pdf-parts.ts), one in each process at the
 * same time; this process then tells each where its pages fall, each draws its part, and one of
 * them joins the two. Other documents (and, with --split, the many small ones) go to the less busy
 * process. Processes rather than worker threads: each has its own heap, so with a large plan none
 * holds another's memory (peak memory is per process). They are started first thing, so that
 * loading and warming up pdfmake overlaps with reading and checking the plan.
 *
 * Not started when PIAO_WORKERS=0, on a single core, or when running from the TypeScript
 * sources (tests): `running` is false and callers write the PDF in this process with
 * writeDocument, which lays out the same parts one after the other; the bytes are the same
 * either way (tested).
 *
 * This module is light on purpose (Node built-ins and the tree splitter only): bin.ts bundles it
 * to start the processes before loading the CLI.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { serialize } from 'node:v8';
import { fileURLToPath } from 'node:url';
import type { PdfJob, PdfReady, PdfRequest, PdfResult } from './writers/pdf-worker.js';
import { pageNumbering, pdfParts } from './writers/pdf-parts.js';
import { trace } from './trace.js';
import type { DocTree } from './tree.js';
import type { LoadedTheme } from './theme.js';
import type { DocMeta } from './writers/meta.js';


/** A request before ask() numbers it and puts its job in a file. */
type Request = { kind: 'write' | 'layout' } | Omit<Extract<PdfRequest, { kind: 'draw' }>, 'id'> | Omit<Extract<PdfRequest, { kind: 'merge' }>, 'id'>;
type Answer = Exclude<PdfResult, { error: string }>;

/** One child process: started (from the snapshot when it can), asked, ended. */
class PdfChild {
  private child: ChildProcess | undefined;
  private ready = false;
  private readonly pending = new Map<number, { message: PdfRequest; resolve: (r: Answer) => void; reject: (e: Error) => void }>();

  constructor(
    private readonly script: string,
    private readonly index: number,
    snapshot: string | undefined,
  ) {
    this.start(snapshot);
  }

  /** Requests sent and not answered yet. */
  get busy(): number {
    return this.pending.size;
  }

  private start(snapshot: string | undefined): void {
    // 'advanced' serialization: messages as structured clones, PDFs as bytes.
    const child = fork(this.script, [], {
      serialization: 'advanced',
      // From a snapshot, what the process says before it is ready is held back: if this Node
      // refuses the snapshot, that is V8's complaint, and the process is simply started again.
      stdio: ['ignore', 'inherit', snapshot ? 'pipe' : 'inherit', 'ipc'],
      execArgv: [...process.execArgv, ...(snapshot ? ['--snapshot-blob', snapshot] : [])],
    });
    this.child = child;
    this.ready = false;
    const early = () => snapshot !== undefined && !this.ready;
    const heldBack: Buffer[] = [];
    child.stderr?.on('data', (chunk: Buffer) => (this.ready ? process.stderr.write(chunk) : heldBack.push(chunk)));
    trace(`processo del PDF ${this.index} avviato${snapshot ? ' (da istantanea)' : ''}`);
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
      } else p.resolve(r);
      if (!this.pending.size) this.idle();
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
        trace(`istantanea del processo del PDF ${this.index} rifiutata (${signal ?? `codice ${code}`}): avvio normale`);
        this.start(undefined);
        for (const p of this.pending.values()) this.send(p.message);
        if (this.pending.size) this.child!.ref();
        return;
      }
      fail(new Error(`il processo che scrive il PDF si è interrotto (${signal ?? `codice ${code}`})`));
    });
    // Until asked for a PDF, the child must not keep this process alive.
    if (!this.pending.size) this.idle();
  }

  /** A failed send is answered by the child's 'exit' (restart or failure), not here. */
  private send(message: PdfRequest): void {
    this.child?.send(message, () => undefined);
  }

  request(message: PdfRequest): Promise<Answer> {
    if (!this.child) return Promise.reject(new Error('il processo che scrive il PDF non è attivo'));
    this.child.ref();
    (this.child.channel as { ref?: () => void } | undefined)?.ref?.();
    return new Promise<Answer>((resolve, reject) => {
      this.pending.set(message.id, { message, resolve, reject });
      this.send(message);
    });
  }

  /** Lets the child finish and waits for it (it exits when the channel closes; killed if it hangs). */
  async close(): Promise<void> {
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

  /** Stops the child at once. */
  kill(): void {
    this.child?.removeAllListeners('exit');
    this.child?.kill();
    this.child = undefined;
  }

  private idle(): void {
    this.child?.unref();
    (this.child?.channel as { unref?: () => void } | undefined)?.unref?.();
  }
}

/**
 * The PDF processes, and the way a document is shared between them. The first starts at once;
 * the second when a document is first laid out in two parts (only large ones are: see
 * pdf-parts.ts), so that it does not slow the start of the others on two cores.
 */
export class PdfProcesses {
  private readonly children: PdfChild[] = [];
  private next = 0;
  private readonly files = new Set<string>();
  private readonly script = fileURLToPath(new URL('./pdf-child.js', import.meta.url));
  private snapshot: string | undefined;

  constructor() {
    if (process.env.PIAO_WORKERS === '0' || availableParallelism() < 2 || !existsSync(this.script)) return;
    this.snapshot = snapshotBlob();
    this.children.push(new PdfChild(this.script, 1, this.snapshot));
  }

  /** False when PDFs are written in this process instead (see above): then callers use writeDocument. */
  get running(): boolean {
    return this.children.length > 0;
  }

  async write(tree: DocTree, theme: LoadedTheme, meta: DocMeta): Promise<Buffer> {
    if (!this.running) throw new Error('il processo che scrive il PDF non è attivo');
    const fonts = theme.fonts();
    const parts = pdfParts(tree);
    if (parts.length === 1) {
      const child = this.children.reduce((a, b) => (b.busy < a.busy ? b : a));
      return pdfOf(await this.ask(child, { kind: 'write' }, { tree, theme: theme.theme, fonts, meta }));
    }
    // Both parts laid out at once, one in each process; then numbered, drawn, and joined by the first.
    if (this.children.length < 2) this.children.push(new PdfChild(this.script, 2, this.snapshot));
    const laid = await Promise.all(parts.map((part, i) => this.ask(this.children[i]!, { kind: 'layout' }, { tree: part, theme: theme.theme, fonts, meta })));
    const counts = laid.map(pagesOf);
    trace(`PDF impaginato in ${parts.length} parti: ${counts.join(' + ')} pagine`);
    const numbering = pageNumbering(counts);
    const pdfs = await Promise.all(laid.map((l, i) => this.ask(this.children[i]!, { kind: 'draw', layout: l.id, ...numbering[i]! })));
    return pdfOf(await this.ask(this.children[0]!, { kind: 'merge', pdfs: pdfs.map(pdfOf) }));
  }

  /**
   * Sends a request, with its job (if any) in a file: only the file's name goes through the
   * pipe, since a large tree sent down the pipe would wait for this thread to be idle (it is busy
   * writing the DOCX meanwhile).
   */
  private async ask(child: PdfChild, request: Request, job?: Omit<PdfJob, 'id'>): Promise<Answer> {
    const id = this.next++;
    let file: string | undefined;
    if (job) {
      file = join(tmpdir(), `piao-pdf-${process.pid}-${id}.job`);
      writeFileSync(file, serialize(job), { mode: 0o600 }); // the plan's data: readable by this user only
      this.files.add(file);
    }
    try {
      return await child.request({ ...request, id, ...(file && { file }) } as PdfRequest);
    } finally {
      if (file) {
        rmSync(file, { force: true });
        this.files.delete(file);
      }
    }
  }

  /** Lets the processes finish and waits for them. */
  async close(): Promise<void> {
    this.removeFiles();
    await Promise.all(this.children.splice(0).map((c) => c.close()));
  }

  /** Stops the processes at once (the build failed: their PDFs are not wanted). */
  kill(): void {
    this.removeFiles();
    for (const c of this.children.splice(0)) c.kill();
  }

  private removeFiles(): void {
    for (const f of this.files) rmSync(f, { force: true });
    this.files.clear();
  }
}

function pdfOf(answer: Answer): Buffer {
  if (!('pdf' in answer)) throw new Error('il processo del PDF non ha restituito un PDF');
  return Buffer.from(answer.pdf.buffer, answer.pdf.byteOffset, answer.pdf.byteLength);
}

function pagesOf(answer: Answer): number {
  if (!('pages' in answer)) throw new Error('il processo del PDF non ha restituito le pagine della parte');
  return answer.pages;
}

/** Runs `work` with the PDF processes and ends them: waited for after success, stopped at once on failure. */
export async function withPdfProcesses<T>(pdf: PdfProcesses, work: (pdf: PdfProcesses) => Promise<T>): Promise<T> {
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
export function startEarly(args: readonly string[]): PdfProcesses | undefined {
  if ((args[0] !== 'build' && args[0] !== 'publish') || args.includes('--help') || args.includes('-h')) return undefined;
  const i = args.findIndex((a) => a === '--format' || a === '-f' || a.startsWith('--format='));
  const value = i < 0 ? undefined : args[i]!.startsWith('--format=') ? args[i]!.slice('--format='.length) : args[i + 1];
  if (value !== undefined && !value.split(',').some((f) => f.trim().toLowerCase() === 'pdf')) return undefined;
  return new PdfProcesses();
}

let early: PdfProcesses | undefined;

/** Keeps the process started by startEarly for the command that will want it. */
export function setEarly(p: PdfProcesses | undefined): void {
  early = p;
}

/** The process started early, if any (once). */
export function takeEarly(): PdfProcesses | undefined {
  const p = early;
  early = undefined;
  return p;
}
