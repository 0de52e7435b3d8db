/** What every `signllm-data` command gets: output sinks, the arguments, and the exit-code setter. */

/** Where the CLI writes; injectable for tests. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Shared state of one CLI run. */
export interface CliContext {
  io: CliIo;
  /** The arguments the CLI was run with (without `node` and the script). */
  argv: readonly string[];
  /** Raises the exit code (the highest set wins). */
  setCode: (code: number) => void;
  /** Stream for progress bars / JSON progress lines (default stderr; tests pass a sink). */
  progressStream?: NodeJS.WriteStream;
}
