/** Plumbing shared by the command-line tools: each exports `main(argv, io)` so tests call it directly. */

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
}

/** A failure to report in one line and an exit code, without a stack trace. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

export type CliMain = (argv: string[], io: CliIo) => Promise<number>;

/** Runs a tool as a process. Sets the exit code rather than exiting, so output is flushed first. */
export function runCli(main: CliMain): void {
  const io: CliIo = { out: (line) => console.log(line), err: (line) => console.error(line), env: process.env };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof CliError) {
        console.error(error.message);
        process.exitCode = error.exitCode;
      } else {
        console.error(error);
        process.exitCode = 1;
      }
    },
  );
}

/** Runs `main` with output captured, for tests. */
export async function captureCli(main: CliMain, argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  let code: number;
  try {
    code = await main(argv, { out: (line) => out.push(line), err: (line) => err.push(line), env });
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    err.push(error.message);
    code = error.exitCode;
  }
  return { code, out, err };
}
