import type { Command } from './command.ts';

/**
 * Loads a command that runs on the emulator and the local AWS (dynalite, s3rver): modules and
 * packages that the build and `npm ci --omit=dev` leave out. `specifier` is relative to this
 * folder and a variable, so tsc does not follow it into the build. Where the modules are missing
 * (the image), the command says so in one line and exits 1.
 */
export async function loadDevOnlyCommand(
  name: string,
  specifier: string,
  exportName: string,
): Promise<Command> {
  let loaded: unknown;
  try {
    loaded = await import(specifier);
  } catch (error) {
    if (isModuleNotFound(error)) return needsDevInstall(name);
    throw error;
  }
  const command = typeof loaded === 'object' && loaded !== null ? Reflect.get(loaded, exportName) : undefined;
  if (!isCommand(command)) throw new Error(`${specifier} exports no command named ${exportName}`);
  return command;
}

function needsDevInstall(name: string): Command {
  const message = `shipshape ${name} needs the development install: run \`npm ci\` in a checkout (it is not part of the production image)`;
  return {
    usage: message,
    async run(_args, io) {
      io.stderr(`${message}\n`);
      return 1;
    },
  };
}

function isModuleNotFound(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    (error.code === 'ERR_MODULE_NOT_FOUND' || error.code === 'MODULE_NOT_FOUND')
  );
}

function isCommand(value: unknown): value is Command {
  return (
    typeof value === 'object' &&
    value !== null &&
    'usage' in value &&
    typeof value.usage === 'string' &&
    'run' in value &&
    typeof value.run === 'function'
  );
}
