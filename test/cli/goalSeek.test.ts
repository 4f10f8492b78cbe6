// `bana goalseek`, called in-process: the worker's answer, in the parameter's own range by default;
// bad flags refused with a message.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { ScenarioDocument } from '../../src/core/document';
import { goalSeek } from '../../workers/goalSeek';
import { runCli as run } from './runCli';

vi.setConfig({ testTimeout: 120_000 });

const dir = mkdtempSync(join(tmpdir(), 'bana-gs-'));
const file = join(dir, 'dalarna.bana.json');
/** The fuel volume against the target-year target. */
const VOLUME_TARGET = ['--input', 'Drivmedel!B9', '--goal', 'target2030'];

describe('bana goalseek', () => {
  it("answers as the worker does, within the parameter's sourced range unless told", async () => {
    expect((await run('export-model', 'dalarna-2030', '-o', file)).code).toBe(0);
    const sourced = await run('goalseek', file, '--input', 'Drivmedel!B9', '--goal', 'target2030');
    expect(sourced.err).toBe('');
    expect(sourced.out).toMatch(
      /^not reachable between 450000 and 750000: the best is Drivmedel!B9 = 750000 \(gap \d/,
    );
    const args = ['goalseek', file, ...VOLUME_TARGET, '--low', '0', '--high', '2e7'];
    const cli = JSON.parse((await run(...args, '--json')).out);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as ScenarioDocument;
    const worker = goalSeek(
      { sheets: doc.sheets, names: doc.names },
      {
        input: { sheet: 'Drivmedel', row: 8, col: 1 },
        low: 0,
        high: 2e7,
        goal: { kind: 'target2030' },
      },
    );
    expect(cli.kind).toBe('solutions');
    expect(worker.kind === 'solutions' && worker.solutions).toEqual(cli.solutions);
    expect((await run(...args)).out).toMatch(/^reached at Drivmedel!B9 = \d+/);
    const independent = await run(
      'goalseek',
      file,
      '--input',
      'Drivmedel!B4',
      '--goal',
      'target2030',
      '--low',
      '0',
      '--high',
      '1e7',
    );
    expect(independent.out).toMatch(/^does not depend on Drivmedel!B4: the gap is \d+\.?\d* \(not met\)/);
  });

  it('refuses a missing input, an unreadable goal, or a cell without a range of its own', async () => {
    await run('export-model', 'dalarna-2030', '-o', file);
    expect((await run('goalseek', file, '--goal', 'target2030')).err).toMatch(/needs --input/);
    expect((await run('goalseek', file, '--input', 'Drivmedel!B9', '--goal', 'soon')).err).toMatch(
      /--goal should be target2030, neutral2035 or 'Sheet!B33=value'/,
    );
    expect((await run('goalseek', file, '--input', 'Drivmedel!B4', '--goal', 'neutral2035')).err).toMatch(
      /Drivmedel!B4 has no low and high of its own: give --low and --high/,
    );
    expect((await run('goalseek', file, ...VOLUME_TARGET, '--low', 'x', '--high', '1')).err).toMatch(
      /--low must be a number/,
    );
  });
});
