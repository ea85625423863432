/** A server could not listen: another process holds its port. Names the flag that picks another. */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';

  constructor(
    readonly host: string,
    readonly port: number,
    /** The command-line flag that sets this port, such as `--port`. */
    readonly flag: string,
  ) {
    super(
      `${host}:${port} is already in use (another program, or another copy of this one, listens there); choose another port with ${flag}`,
    );
  }
}

export interface ListenAddress {
  readonly host: string;
  readonly port: number;
  readonly flag: string;
}

/** Waits for a listen; if its port is taken, rejects with a PortInUseError instead of the bare EADDRINUSE. */
export async function listenNamingBusyPort<T>(listening: Promise<T>, address: ListenAddress): Promise<T> {
  try {
    return await listening;
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'EADDRINUSE') {
      throw new PortInUseError(address.host, address.port, address.flag);
    }
    throw error;
  }
}

/**
 * For a program's entry, as `.catch(exitOnPortInUse(...))`: a PortInUseError ends the process with its
 * message on one line and exit code 1; any other error is rethrown. It exits rather than setting
 * the exit code because servers started before the failed one (dev's local AWS) would keep it alive.
 *
 * @param program the name the line starts with
 * @param entry the entry script (`bin/shipshape.js`), to recognise the npm script that runs it
 */
export function exitOnPortInUse(program: string, entry: string): (error: unknown) => Promise<never> {
  return (error) => {
    if (!(error instanceof PortInUseError)) throw error;
    const line = `${program}: ${error.message}, e.g. ${commandLineExample(error, entry)}\n`;
    return new Promise(() => {
      process.stderr.write(line, () => process.exit(1));
    });
  };
}

function commandLineExample(error: PortInUseError, entry: string): string {
  const flag = `${error.flag} ${error.port === 65_535 ? error.port - 1 : error.port + 1}`;
  const npmScript = npmScriptRunning(entry);
  // npm keeps the flags before `--` for itself: `npm start --port 8081` would not reach the program.
  return npmScript === undefined ? flag : `${npmScript} -- ${flag}`;
}

/** `npm start` or `npm run <script>` when an npm script started this entry. */
function npmScriptRunning(entry: string): string | undefined {
  const { npm_lifecycle_event: event, npm_lifecycle_script: script } = process.env;
  if (event === undefined || script === undefined || !script.includes(entry)) return undefined;
  return event === 'start' ? 'npm start' : `npm run ${event}`;
}
