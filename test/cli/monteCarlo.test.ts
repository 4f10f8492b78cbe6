// `bana montecarlo`, called in-process: same seed, same figures; bad inputs refused with a message.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { inputAddress } from '../../src/core/compiled/inputs';
import type { MonteCarloInput } from '../../src/core/compiled/monteCarlo';
import type { ScenarioDocument } from '../../src/core/document';
import { createMonteCarloApi } from '../../workers/monteCarlo';
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

  it('samples every ranged parameter without --input, with the P the worker API gives', async () => {
    const file = join(dir, 'dalarna3.bana.json');
    await run('export-model', 'dalarna-2030', '-o', file);
    const args = ['montecarlo', file, '--samples', '400', '--seed', '21', '--json'];
    const [a, b] = [JSON.parse((await run(...args)).out), JSON.parse((await run(...args)).out)];
    expect(b.target).toEqual(a.target);
    // Dalarna's sourced ranges miss the 2030 target in every sample; the gap's spread shows the draws.
    expect(a.gap.p5).toBeLessThan(a.gap.p95);
    expect(a.gap.p5).toBeGreaterThan(0);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as ScenarioDocument;
    const api = await createMonteCarloApi().monteCarlo(
      { sheets: doc.sheets.map((s) => ({ id: s.id, name: s.name, cells: s.cells })), names: doc.names },
      { samples: 400, seed: 21 },
    );
    expect(api.target).toEqual(a.target);
    expect(api.gap).toEqual(a.gap);
    expect(api.projection).toEqual(a.projection);
    expect(api.inputs).toEqual(a.inputs);
    expect(a.inputs.length).toBeGreaterThan(5);
    const text = (await run(...args.slice(0, -1))).out;
    expect(text).toMatch(/inputs: .*Drivmedel!B9/);
  });

  it('refuses a malformed --input or a run without inputs', async () => {
    const file = join(dir, 'dalarna2.bana.json');
    await run('export-model', 'dalarna-2030', '-o', file);
    expect((await run('montecarlo', file, '--input', 'B9:1')).err).toMatch(/should read Sheet!B8:low:high/);
    // A scenario without ranged parameters has nothing to sample by default.
    const unranged = JSON.parse(readFileSync(file, 'utf8')) as ScenarioDocument;
    for (const sheet of unranged.sheets) for (const row of sheet.cells) if (row) row.splice(3, 2, null, null);
    const bare = join(dir, 'unranged.bana.json');
    writeFileSync(bare, JSON.stringify(unranged));
    expect((await run('montecarlo', bare, '--samples', '10')).err).toMatch(/no ranged numeric parameter/);
    expect((await run('montecarlo', file, '--input', 'Baslinje!B9:0:1:lognormal')).err).toMatch(
      /unknown distribution/,
    );
  });
  it('uses the seed, run count and distributions stored in the scenario when no flag is given', async () => {
    const file = join(dir, 'stored.bana.json');
    await run('export-model', 'dalarna-2030', '-o', file);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as ScenarioDocument;
    const defaults = JSON.parse(
      (await run('montecarlo', file, '--samples', '300', '--seed', '5', '--json')).out,
    );
    const address = 'Drivmedel!B9';
    expect(defaults.inputs.map((p: MonteCarloInput) => inputAddress(p))).toContain(address);
    doc.meta.monteCarlo = { seed: 5, samples: 300, distributions: { [address]: 'normal' } };
    writeFileSync(file, JSON.stringify(doc));
    const stored = JSON.parse((await run('montecarlo', file, '--json')).out);
    expect(stored.seed).toBe(5);
    expect(stored.samples).toBe(300);
    const input = stored.inputs.find((p: MonteCarloInput) => inputAddress(p) === address);
    expect(input.distribution).toBe('normal');
    expect(stored.inputs.filter((p: MonteCarloInput) => p.distribution === 'normal')).toHaveLength(1);
    // The normal draws move the figures away from the all-triangular run of the same seed …
    expect(stored.gap).not.toEqual(defaults.gap);
    // … and the worker API given the same settings (as the app sends them) gives the same figures.
    const api = await createMonteCarloApi().monteCarlo(
      { sheets: doc.sheets.map((s) => ({ id: s.id, name: s.name, cells: s.cells })), names: doc.names },
      { seed: 5, samples: 300, distributions: { [address]: 'normal' } },
    );
    expect(api.target).toEqual(stored.target);
    expect(api.neutral).toEqual(stored.neutral);
    expect(api.gap).toEqual(stored.gap);
    // A flag still wins over the stored value.
    expect(JSON.parse((await run('montecarlo', file, '--samples', '50', '--json')).out).samples).toBe(50);
  });
});
