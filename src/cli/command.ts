/** What a subcommand gets to talk to the world; tests can pass their own. */
export interface CommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** A subcommand: `run` gets the arguments after its name and returns the exit code. */
export interface Command {
  readonly usage: string;
  run(args: readonly string[], io: CommandIo): Promise<number>;
}

/** Exit code for a command line that cannot be understood. */
export const USAGE_ERROR = 2;
