/**
 * `piao check`: validates a plan and runs the domain checks. Human report by default, JSON with
 * --json; exit 0 when there are no errors (1 with errors, or with warnings under --strict).
 */
import { UsageError, type Command } from '../command.js';
import { InputError, type Diagnostic } from '../../plan/diagnostics.js';
import { loadPlan, readText } from '../../plan/load.js';
import { runChecks, type CheckResult } from '../../plan/checks.js';
import { countLine, counts, formatCompleteness, formatProblems, formatWeights } from '../report.js';
import type { Piano } from '../../plan/schema.js';

export const command: Command = {
  usage: `Uso:
  piao check <piano.yaml> [--json] [--strict]

Controlla il piano: errori nei dati, regole (art. 4-bis D.L. 13/2023, somma dei pesi), avvisi
(pesi vuoti, personale fuori settore, termini fuori anno, target non misurabili, obiettivi senza
indicatori), completezza rispetto alle nove domande delle linee guida e pesi per persona.

Opzioni:
  --json        scrive il risultato in JSON (per altri programmi)
  --strict      anche gli avvisi fanno fallire il controllo (codice di uscita 1)
  --help, -h    mostra questo aiuto

Codici di uscita: 0 nessun errore; 1 errori (o avvisi con --strict); 2 uso errato.
`,
  options: { json: { type: 'boolean' }, strict: { type: 'boolean' } },
  async run(values, positionals, io) {
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'indica il file del piano da controllare' : 'indica un solo file del piano');
    const file = positionals[0]!;
    let diagnostics: Diagnostic[];
    let result: CheckResult | undefined;
    let plan: Piano | undefined;
    let source: string | undefined;
    try {
      const loaded = loadPlan(file);
      ({ plan, source } = loaded);
      result = runChecks(loaded);
      diagnostics = result.diagnostics;
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      diagnostics = e.diagnostics;
      try {
        source = readText(file);
      } catch {
        source = undefined;
      }
    }
    const c = counts(diagnostics);
    const failed = c.errori > 0 || (values.strict === true && c.avvisi > 0);

    if (values.json === true) {
      io.out(`${JSON.stringify({ file, valido: !failed, conteggi: c, diagnostica: diagnostics, ...(result && { completezza: result.completezza, pesi: result.pesi }) }, null, 2)}\n`);
      return failed ? 1 : 0;
    }
    const parts = [`Controllo di ${file}`, ''];
    if (diagnostics.length) parts.push(formatProblems(diagnostics, source, plan));
    else parts.push('Nessun problema trovato.', '');
    if (result) parts.push(formatCompleteness(result), '', formatWeights(result), '');
    parts.push(`Totale: ${countLine(diagnostics)}.${failed ? (c.errori ? ' Il piano va corretto.' : ' Con --strict gli avvisi contano come errori.') : ''}`);
    (failed ? io.err : io.out)(`${parts.join('\n')}\n`);
    return failed ? 1 : 0;
  },
};
