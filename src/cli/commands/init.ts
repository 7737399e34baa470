/**
 * `piao init`: writes a new, commented plan file to start from (and the JSON Schema beside it,
 * so that editors complete and check the file as it is typed). Never overwrites without --force.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError, type Command } from '../command.js';
import { InputError } from '../../plan/diagnostics.js';
import { packageFile } from '../../io/paths.js';
import { writeAllAtomically } from '../../io/output.js';
import { jsonSchema } from '../../plan/json-schema.js';

const SKELETON = packageFile('templates', 'piano-nuovo.yaml');

export const command: Command = {
  usage: `Uso:
  piao init <piano.yaml> [--ente "Comune di …"] [--provincia …] [--anno AAAA] [--force]

Scrive un nuovo file di piano, commentato, con un esempio di settore e di obiettivi da cui partire,
e accanto lo schema piao.schema.json che permette all'editor (VS Code) di completarlo e controllarlo.

Opzioni:
  --ente NOME        nome dell'ente (predefinito: "Comune di Esempio")
  --provincia NOME   provincia (predefinita: "Provincia")
  --anno AAAA        primo anno del triennio (predefinito: l'anno prossimo)
  --force            sovrascrive un file già esistente
  --help, -h         mostra questo aiuto
`,
  options: { ente: { type: 'string' }, provincia: { type: 'string' }, anno: { type: 'string' }, force: { type: 'boolean' } },
  async run(values, positionals, io) {
    if (positionals.length !== 1) throw new UsageError('indica il nome del file da creare, ad esempio piano-2025.yaml');
    const file = positionals[0]!;
    const anno = values.anno === undefined ? new Date().getFullYear() + 1 : Number(values.anno);
    if (!Number.isInteger(anno) || anno < 2000 || anno > 2100) throw new UsageError(`anno non valido: ${String(values.anno)}`);
    if (existsSync(file) && values.force !== true) {
      throw new InputError([{ severity: 'errore', code: 'init.esiste', file, line: 1, col: 1, path: '', message: 'il file esiste già: scegli un altro nome o usa --force per sovrascriverlo' }]);
    }
    const ente = typeof values.ente === 'string' ? values.ente : 'Comune di Esempio';
    const provincia = typeof values.provincia === 'string' ? values.provincia : 'Provincia';
    const text = readFileSync(SKELETON, 'utf8')
      .replaceAll('{{ente_yaml}}', JSON.stringify(ente))
      .replaceAll('{{provincia_yaml}}', JSON.stringify(provincia))
      .replaceAll('{{ente}}', ente)
      .replaceAll('{{anno_fine}}', String(anno + 2))
      .replaceAll('{{anno}}', String(anno));
    const schemaFile = join(dirname(file), 'piao.schema.json');
    writeAllAtomically([{ path: file, data: Buffer.from(text) }, { path: schemaFile, data: Buffer.from(jsonSchema()) }]);
    io.out(`scritto ${file} (e lo schema ${schemaFile} per l'editor)\nOra modificalo, poi: piao check ${file} && piao build ${file}\n`);
    return 0;
  },
};
