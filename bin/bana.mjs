#!/usr/bin/env node
// The `bana` command: runs src/cli/main.ts (TypeScript, through tsx) with the app's own engine code.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(
  process.argv.slice(2),
  (text) => process.stdout.write(text),
  (text) => process.stderr.write(text),
);
