// `bana montecarlo`, called in-process: same seed, same figures; bad inputs refused with a message.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from './runCli';

vi.setConfig({ testTimeout: 120_000 });

const run = runCli;

const dir = mkdtempSync(join(tmpdir(), 'bana-mc-'));

describe('bana montecarlo', () => {
  it('prints P(target), the projection percentiles and the engine, the same for the same seed', async () => {
    const file = join(dir, 'dalarna.bana.json');
    expect((await run('export-model', 'dalarna-2030', '-o', file)).code).toBe(0);
    const args = [
      'montecarlo',
      file,
      '--samples',
      '300',
      '--seed',
      '7',
      '--input',
      'Baslinje!B9:-0.2:0:uniform',
      '--json',
    ];
    const first = await run(...args);
    expect(first.err).toBe('');
    const a = JSON.parse(first.out);
    const b = JSON.parse((await run(...args)).out);
    expect(a.engine).toBe('compiled');
    expect(a.samples).toBe(300);
    expect(a.target.probability).toBeGreaterThan(0);
    expect(a.target.probability).toBeLessThan(1);
    expect(b.target).toEqual(a.target);
    expect(a.projection.p50).toHaveLength(33);
    const text = await run(...args.slice(0, -1));
    expect(text.out).toMatch(/P\(target met in the target year\) = \d+\.\d % ± \d+\.\d %/);
    expect(text.out).toMatch(/engine: compiled/);
  });

  it('refuses a malformed --input or a run without inputs', async () => {
    const file = join(dir, 'dalarna2.bana.json');
    await run('export-model', 'dalarna-2030', '-o', file);
    expect((await run('montecarlo', file, '--input', 'B9:1')).err).toMatch(/should read Sheet!B8:low:high/);
    expect((await run('montecarlo', file)).err).toMatch(/at least one --input/);
    expect((await run('montecarlo', file, '--input', 'Baslinje!B9:0:1:lognormal')).err).toMatch(
      /unknown distribution/,
    );
  });
});
