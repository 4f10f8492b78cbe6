// The command line, called in-process: export a shipped scenario, evaluate it, and refuse bad files.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './runCli';

const run = runCli;

const dir = mkdtempSync(join(tmpdir(), 'bana-cli-'));

describe('bana command line', () => {
  it('exports a shipped scenario and evaluates it to key figures and a trajectory', async () => {
    const file = join(dir, 'dalarna.bana.json');
    expect((await run('export-model', 'dalarna-2030', '-o', file)).code).toBe(0);
    const { code, out } = await run('eval', file);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.keyFigures.baseEmissions).toBe(17861);
    expect(json.keyFigures.targetLevel).toBeCloseTo(17861 * 0.25, 9);
    expect(json.trajectory.years).toHaveLength(33);
    expect(json.measures).toHaveLength(4);
  });

  it('prints the trajectory as CSV with --csv', async () => {
    const file = join(dir, 'stockholm.bana.json');
    await run('export-model', 'stockholm-climate-fund-2035', '-o', file);
    const { out } = await run('eval', file, '--csv');
    const lines = out.trim().split('\r\n');
    expect(lines[0]?.startsWith('year,base,bau,')).toBe(true);
    expect(lines).toHaveLength(34);
    expect(lines[1]?.split(',')[0]).toBe('2024');
  });

  it('refuses a malformed file with a clear message and a non-zero exit', async () => {
    const bad = join(dir, 'bad.bana.json');
    writeFileSync(bad, '{"schemaVersion": 1, "sheets": ');
    const broken = await run('eval', bad);
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/not a valid scenario file/);
    const plain = join(dir, 'plain.bana.json');
    await run('export-model', 'region-stockholm-climate-fund-2025', '-o', plain);
    expect((await run('eval', plain)).err).toMatch(/not a scenario/);
    expect((await run('export-model', 'nope')).err).toMatch(/no model named "nope"/);
  });
});
