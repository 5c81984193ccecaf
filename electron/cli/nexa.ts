/**
 * The `nexa` command line: library import and listing, identification, EI spectrum
 * prediction, Atlas++ sync, and the local web host. Exit codes: 0 success, 1 failure, 2 bad usage, 3 some input records rejected.
 */
import { DOCTOR_USAGE, doctorCommand } from './commands/doctor.js';
import { IDENTIFY_USAGE, identifyCommand } from './commands/identify.js';
import { LIBRARY_USAGE, libraryCommand } from './commands/library.js';
import { PREDICT_USAGE, predictCommand } from './commands/predict.js';
import { SERVE_USAGE, serveCommand } from './commands/serve.js';
import { SYNC_USAGE, syncCommand } from './commands/sync.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './cli-support.js';

const USAGE = `Usage:
  ${LIBRARY_USAGE.split('\n').join('\n  ')}
  ${IDENTIFY_USAGE}
  ${PREDICT_USAGE}
  ${SERVE_USAGE}
  ${SYNC_USAGE}
  ${DOCTOR_USAGE}`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'library':
        return await libraryCommand(rest);
      case 'identify':
        return await identifyCommand(rest);
      case 'predict':
        return await predictCommand(rest);
      case 'sync':
        return await syncCommand(rest);
      case 'serve':
        return await serveCommand(rest);
      case 'doctor':
        return await doctorCommand(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? EXIT_USAGE : EXIT_OK;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof UsageError || (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`nexa: ${err.message}\n\n${USAGE}\n`);
      return EXIT_USAGE;
    }
    process.stderr.write(`nexa: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT_FAILURE;
  }
}

process.exitCode = await main(process.argv.slice(2));
