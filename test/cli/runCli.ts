// Runs the command line in-process and collects what it prints, for the CLI tests.
import { main } from '../../src/cli/main';

export async function runCli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(
    args,
    (t) => (out += t),
    (t) => (err += t),
  );
  return { code, out, err };
}
