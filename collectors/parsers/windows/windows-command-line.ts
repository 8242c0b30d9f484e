const MAX_ARGS = 1_000;

/**
 * Splits a command line into arguments by the rules of CommandLineToArgvW (as Elastic's pipelines do):
 * spaces and tabs separate, double quotes group and are removed, backslashes are literal except before
 * a quote (2n backslashes + quote: n backslashes and a grouping quote; 2n+1: n backslashes and a
 * literal quote), and a doubled quote inside quotes is one literal quote that also ends the quoting
 * (the rule of msvcrt before 2008, which Elastic's pipeline follows).
 */
export function splitWindowsCommandLine(commandLine: string): string[] {
  const args: string[] = [];
  let i = 0;
  while (i < commandLine.length && args.length < MAX_ARGS) {
    while (commandLine[i] === ' ' || commandLine[i] === '\t') i += 1;
    if (i >= commandLine.length) break;
    let arg = '';
    let quoted = false;
    let backslashes = 0;
    for (; i < commandLine.length; i += 1) {
      const c = commandLine[i]!;
      if ((c === ' ' || c === '\t') && !quoted) break;
      if (c === '\\') {
        backslashes += 1;
        continue;
      }
      if (c === '"') {
        arg += '\\'.repeat(Math.floor(backslashes / 2));
        if (backslashes % 2 === 1) {
          arg += '"';
        } else {
          if (quoted && commandLine[i + 1] === '"') {
            arg += '"';
            i += 1;
          }
          quoted = !quoted;
        }
        backslashes = 0;
        continue;
      }
      arg += '\\'.repeat(backslashes) + c;
      backslashes = 0;
    }
    args.push(arg + '\\'.repeat(backslashes));
  }
  return args;
}
