import { runDetect } from './commands/detect.js';
import { runParse } from './commands/parse.js';
import { runRulesLint } from './commands/rules-lint.js';
import { runRulesUpdate } from './commands/rules-update.js';
import { runStart } from './commands/start.js';
import { CliUsageError } from './cli-usage-error.js';

const USAGE = `usage: lagebild <command> [options]

commands:
  start [--demo] [--config FILE] [--only ROLES]   run the service (roles: collectors,detectors,api,scheduler)
  parse [--parser NAME|auto] [--org ID] [FILE|-]  raw log lines in, ECS events (NDJSON) out
  detect --rules PATH [--events FILE|-]           ECS events (NDJSON) in, alerts (NDJSON) out
  rules lint PATH                                 check rules, report every problem as file:line: message
  rules update ZIP [--rules-dir DIR] [--data-dir DIR] [--dry-run]
                                                  import a SigmaHQ release offline, show what changes,
                                                  keep local rule choices
`;

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  start: runStart,
  parse: runParse,
  detect: runDetect,
  rules: async (args) => {
    if (args[0] === 'lint') return runRulesLint(args.slice(1));
    if (args[0] === 'update') return runRulesUpdate(args.slice(1));
    throw new CliUsageError(`unknown rules subcommand "${args[0] ?? ''}"`);
  },
};

/** Returns the process exit code; never throws for bad usage. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return command ? 0 : 1;
  }
  const run = COMMANDS[command];
  try {
    if (!run) throw new CliUsageError(`unknown command "${command}"`);
    return await run(rest);
  } catch (error) {
    if (error instanceof CliUsageError) {
      process.stderr.write(`lagebild: ${error.message}\n\n${USAGE}`);
      return 64;
    }
    throw error;
  }
}
