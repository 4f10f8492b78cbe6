// A TCP port nobody listens on right now, found synchronously so that playwright.config.ts can pick
// the test server's port at load time and hand it to the worker processes through the environment.
import { execFileSync } from 'node:child_process';

/**
 * Ask the OS for a free port: a child Node listens on port 0 on every address (IPv4 and IPv6, so
 * a server a person runs on either `localhost` is avoided), prints the port it got and exits.
 */
export function freePortSync(): number {
  const script =
    "const s=require('node:net').createServer();s.listen(0,()=>{process.stdout.write(String(s.address().port));s.close()})";
  const port = Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
  if (!Number.isInteger(port) || port <= 0) throw new Error(`no free port from the OS (got ${port})`);
  return port;
}
