// The parser worker's logic, through real Comlink on a MessageChannel as the app's worker serves it,
// and the reader that puts its slices together: files and links give the same documents and the same
// refusals as core's readers.
import * as Comlink from 'comlink';
import { deflateRawSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseWorkbookFile } from '../../src/core/fileFormat';
import { createWorkbookReader } from '../../src/engine/parserClient';
import { createParser } from '../../workers/parser';
import type { ParserApi } from '../../workers/parserContract';

function remoteParser(): Comlink.Remote<ParserApi> {
  const channel = new MessageChannel();
  Comlink.expose(createParser(), channel.port1);
  return Comlink.wrap<ParserApi>(channel.port2 as unknown as Comlink.Endpoint);
}

const fixture = readFileSync(new URL('../fixtures/files/valid-v1.bana.json', import.meta.url), 'utf8');
const linkOf = (json: string) => `#w=${deflateRawSync(Buffer.from(json)).toString('base64url')}`;

/** The fixture with its first sheet holding `rows` empty rows. */
function withRows(rows: number): string {
  const doc = JSON.parse(fixture);
  doc.sheets[0].cells = Array.from({ length: rows }, () => []);
  doc.sheets[0].cells[rows - 1] = [rows];
  return JSON.stringify(doc);
}

describe('parser worker', () => {
  it('reads a file, as text or as a Blob, into the document core reads', async () => {
    const reader = createWorkbookReader();
    const expected = parseWorkbookFile(fixture, fixture.length);
    expect(expected.ok).toBe(true);
    expect(await reader.parseFile(fixture, fixture.length)).toEqual(expected);
    expect(await reader.parseFile(new Blob([fixture]), fixture.length)).toEqual(expected);
  });

  it('hands a document out as a head without cells, then its rows in slices', async () => {
    const parser = remoteParser();
    const json = withRows(50_000);
    const read = await parser.parseFile(json, json.length);
    expect(read.ok && read.value.rows[0]).toBe(50_000);
    expect(read.ok && read.value.doc.sheets.every((sheet) => sheet.cells.length === 0)).toBe(true);
    expect(await parser.rows(0, 49_999, 10)).toEqual([[50_000]]);
    const whole = await createWorkbookReader().parseFile(json, json.length);
    expect(whole).toEqual(parseWorkbookFile(json, json.length));
  });

  it('refuses a file of 1 048 577 rows with the rows message', async () => {
    const parser = remoteParser();
    const tooMany = withRows(1_048_577);
    const refused = await parser.parseFile(tooMany, tooMany.length);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.reason.kind).toBe('invalid');
    expect(!refused.ok && refused.reason.detail).toMatch(/rows/);
  });

  it('opens a link, refuses one past the row limit, and ignores a fragment without one', async () => {
    const parser = remoteParser();
    // A million rows open too (the browser test does that); here a smaller one keeps the suite quick.
    const opened = await createWorkbookReader().decodeLink(linkOf(withRows(10_000)));
    expect(opened?.ok && opened.value.sheets[0]?.cells.at(-1)).toEqual([10_000]);
    const refused = await parser.decodeLink(linkOf(withRows(1_048_577)));
    expect(refused?.ok).toBe(false);
    expect(refused && !refused.ok && refused.reason.detail).toMatch(/rows/);
    expect(await parser.decodeLink('#sheet=2')).toBeNull();
    const broken = await parser.decodeLink('#w=dGhpcyBpcyBub3QgZGVmbGF0ZQ');
    expect(broken && !broken.ok && broken.reason.kind).toBe('not-scenario');
  });
});
