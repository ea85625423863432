import { readFileSync } from 'node:fs';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { ownValue } from '../own.ts';
import { type CommandIo, USAGE_ERROR } from './command.ts';
import { COMMANDS } from './commands.ts';

/** Runs `shipshape <command> [args]` and returns the exit code. */
export async function dispatch(argv: readonly string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(helpText());
    return name === undefined ? USAGE_ERROR : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${version()}\n`);
    return 0;
  }
  const entry = ownValue(COMMANDS, name);
  if (entry === undefined) {
    io.stderr(
      `shipshape: unknown command "${name}"; commands: ${Object.keys(COMMANDS).join(', ')} (see shipshape --help)\n`,
    );
    return USAGE_ERROR;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage}\n`);
    return 0;
  }
  return command.run(rest, io);
}

function helpText(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([n, entry]) => `  ${n.padEnd(width)}  ${entry.summary}`);
  return [
    'shipshape: a reconciling operator for AWS ECS',
    '',
    'usage: shipshape <command> [options]',
    '',
    'commands:',
    ...lines,
    '',
    'options:',
    '  -h, --help     show help (also after a command)',
    '  -v, --version  print the version',
    '',
  ].join('\n');
}

function version(): string {
  const parsed: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  return typeof parsed === 'object' && parsed !== null && 'version' in parsed
    ? String(parsed.version)
    : 'unknown';
}

/** parseArgs, with its errors turned into a usage message instead of a stack trace. */
export function parseCommandArgs<T extends ParseArgsConfig>(
  config: T,
  io: CommandIo,
  usage: string,
): ReturnType<typeof parseArgs<T>> | undefined {
  try {
    return parseArgs(config);
  } catch (error) {
    io.stderr(`shipshape: ${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
    return undefined;
  }
}
