/** Whether two plans are two versions of one plan, as `piao diff` and `build --confronta` compare them. */
import type { Diagnostic } from '../plan/diagnostics.js';
import type { LoadedPlan } from '../plan/load.js';

/**
 * Two versions of one plan: the same ente, years and section, the new one not an earlier revision.
 * Otherwise the prospetto would state one plan's acts as the other's: an error at the new plan's line.
 */
export function notVersions(a: Pick<LoadedPlan, 'plan' | 'file'>, b: Pick<LoadedPlan, 'plan' | 'file' | 'locate'>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (path: string[], code: string, message: string, value: string) =>
    out.push({ severity: 'errore', code, file: b.file, ...b.locate(path), path: path.join('.'), message, value });
  const pa = a.plan;
  const pb = b.plan;
  if (pa.ente.nome !== pb.ente.nome) {
    at(['ente', 'nome'], 'diff.altro-ente', `questo piano è di «${pb.ente.nome}», quello precedente (${a.file}) di «${pa.ente.nome}»: il prospetto confronta due versioni dello stesso piano`, pb.ente.nome);
  } else if (pa.piano.anno !== pb.piano.anno || pa.piano.sezione !== pb.piano.sezione) {
    at(['piano', 'anno'], 'diff.altro-piano', `questo piano è la sottosezione ${pb.piano.sezione} del PIAO ${pb.piano.anno}-${pb.piano.anno + 2}, quello precedente (${a.file}) la ${pa.piano.sezione} del PIAO ${pa.piano.anno}-${pa.piano.anno + 2}: il prospetto confronta due versioni dello stesso piano`, String(pb.piano.anno));
  } else if (pb.piano.revisione < pa.piano.revisione) {
    at(['piano', 'revisione'], 'diff.ordine', `questo piano è la revisione ${pb.piano.revisione}, quello indicato come precedente (${a.file}) la revisione ${pa.piano.revisione}: indica prima la versione precedente, poi quella nuova`, String(pb.piano.revisione));
  }
  return out;
}
