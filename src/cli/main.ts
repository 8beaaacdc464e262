// The `rightsgraph` command: one subcommand per module in ./commands, each registering itself on the program.
// Errors that are the user's to fix (a locked store, a bad file) print one line and exit non-zero.
import { Command } from 'commander';
import { StoreError } from '../store/errors.ts';
import { log } from '../util/log.ts';
import { COMMANDS } from './commands/index.ts';

const program = new Command('rightsgraph')
  .description('An evidence-backed graph of who supplies what to whom, and the exposure paths to human-rights abuses.')
  .showHelpAfterError()
  .enablePositionalOptions();

for (const register of COMMANDS) register(program);

// `rightsgraph export | head` closes stdout early: stop quietly.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof StoreError || (err instanceof Error && (err as { userFacing?: boolean }).userFacing)) {
    process.stderr.write(`rightsgraph: ${err.message}\n`);
  } else {
    log.error({ err }, 'failed');
    process.stderr.write(`rightsgraph: ${err instanceof Error ? err.message : String(err)}\n`);
  }
  process.exitCode = process.exitCode && process.exitCode !== 0 ? process.exitCode : 1;
}
