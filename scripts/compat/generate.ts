// Generates test/fixtures/compat/libreoffice.json: writes the corpus (corpus.ts) into an .xlsx, has
// LibreOffice headless compute it, and keeps the values it computed. Installs LibreOffice if missing.
// Run: npx tsx scripts/compat/generate.ts   (CI never runs this; it only reads the fixture.)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { columnLabel } from '../../src/core/address';
import { isFormula } from '../../src/core/document';
import { toExcelFormula } from '../../src/excel/xlsx';
import { DATA, FORMULA_COLUMN, FORMULAS, SHEET_NAME } from './corpus';

const FIXTURE = new URL('../../test/fixtures/compat/libreoffice.json', import.meta.url);

function has(command: string): boolean {
  try {
    execFileSync('which', [command], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function ensureLibreOffice(): void {
  if (has('soffice')) return;
  console.log('Installing LibreOffice Calc (headless)…');
  execFileSync('apt-get', ['update'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'libreoffice-calc-nogui'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

type Expected = number | string | boolean | null | { error: string };

const unescapeXml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/**
 * The computed value of each formula cell in the first sheet of an .xlsx, by address. Read from the
 * XML itself: exceljs drops a formula's result when it is FALSE or 0 in some cases.
 */
function readResults(xlsx: Uint8Array): Map<string, Expected> {
  const files = unzipSync(xlsx);
  const sheet = files['xl/worksheets/sheet1.xml'];
  if (!sheet) throw new Error('LibreOffice wrote no first sheet.');
  const out = new Map<string, Expected>();
  for (const m of strFromU8(sheet).matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)) {
    const [, address = '', attributes = '', body = ''] = m;
    if (!body.includes('<f')) continue;
    const type = /t="(\w+)"/.exec(attributes)?.[1] ?? 'n';
    const v = /<v>(.*?)<\/v>/s.exec(body)?.[1];
    if (v === undefined) out.set(address, type === 'str' ? '' : null);
    else if (type === 'b') out.set(address, v === '1');
    else if (type === 'e') out.set(address, { error: v });
    else if (type === 'str' || type === 'inlineStr') out.set(address, unescapeXml(v));
    else if (type === 'n') out.set(address, Number(v));
    else throw new Error(`Unexpected cell type ${type} at ${address}`);
  }
  return out;
}

async function main(): Promise<void> {
  ensureLibreOffice();
  const dir = mkdtempSync(join(tmpdir(), 'bana-compat-'));
  const input = join(dir, 'corpus.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET_NAME);
  DATA.forEach((row, r) => {
    row.forEach((raw, c) => {
      if (raw === null) return;
      ws.getCell(r + 1, c + 1).value = isFormula(raw) ? { formula: toExcelFormula(raw) } : raw;
    });
  });
  FORMULAS.forEach((formula, i) => {
    ws.getCell(i + 1, FORMULA_COLUMN + 1).value = { formula: toExcelFormula(formula) };
  });
  await wb.xlsx.writeFile(input);

  const out = join(dir, 'out');
  const profile = `file://${join(dir, 'profile')}`;
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=${profile}`,
      '--headless',
      '--calc',
      '--convert-to',
      'xlsx',
      '--outdir',
      out,
      input,
    ],
    { stdio: 'inherit' },
  );
  const version = execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--version'])
    .toString()
    .trim();

  const results = readResults(readFileSync(join(out, 'corpus.xlsx')));
  const formulas = FORMULAS.map((formula, i) => {
    const cell = `${columnLabel(FORMULA_COLUMN)}${i + 1}`;
    const expected = results.get(cell);
    if (expected === undefined) throw new Error(`LibreOffice computed nothing for ${cell} ${formula}`);
    return { cell, formula, expected };
  });
  const fixture = {
    about:
      'Values LibreOffice computed for the compatibility corpus (scripts/compat/corpus.ts); regenerate with npx tsx scripts/compat/generate.ts.',
    libreOffice: version,
    sheet: SHEET_NAME,
    formulaColumn: FORMULA_COLUMN,
    data: DATA,
    formulas,
  };
  writeFileSync(FIXTURE, `${JSON.stringify(fixture, null, 1)}\n`);
  execFileSync('npx', ['biome', 'format', '--write', FIXTURE.pathname], { stdio: 'inherit' });
  console.log(`Wrote ${formulas.length} formulas computed by ${version} to ${FIXTURE.pathname}`);
}

await main();
