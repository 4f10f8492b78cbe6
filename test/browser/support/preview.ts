// A `vite preview` of a build that a test starts and stops itself (the shared web server never stops),
// on its own port: for going truly offline, and for serving a second build on the same origin.
import { type ChildProcess, spawn } from 'node:child_process';

/** The port these servers use: beside the run's own (PW_PORT), so parallel runs never collide. */
export const OWN_PREVIEW_PORT = Number(process.env.PW_PORT ?? 4173) + 100;
/** The build the shared web server made (playwright.config.ts builds it before any test runs). */
export const BUILD_DIR = process.env.PW_DIST ?? 'dist';

export interface Preview {
  origin: string;
  stop(): Promise<void>;
}

async function answers(origin: string): Promise<boolean> {
  try {
    return (await fetch(origin)).ok;
  } catch {
    return false;
  }
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Serve `outDir` with `vite preview` on `port` and wait until it answers. */
export async function startPreview(outDir: string, port = OWN_PREVIEW_PORT): Promise<Preview> {
  const origin = `http://localhost:${port}`;
  if (await answers(origin)) throw new Error(`port ${port} is taken: another server answers at ${origin}`);
  // Its own process group, so stopping it also stops the node process that npx starts.
  const child: ChildProcess = spawn(
    'npx',
    ['vite', 'preview', '--outDir', outDir, '--port', String(port), '--strictPort'],
    { detached: true, stdio: 'ignore' },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error('vite preview did not start');
  await until(() => answers(origin), `vite preview of ${outDir} on ${origin}`);
  return {
    origin,
    async stop() {
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      await until(async () => !(await answers(origin)), `vite preview on ${origin} to stop`, 15_000);
    },
  };
}
