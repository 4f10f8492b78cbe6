// The parser worker's logic, through real Comlink on a MessageChannel as the app's worker serves it:
// files and links give the same documents and the same refusals as core's readers, as plain data.
import * as Comlink from 'comlink';
import { deflateRawSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseWorkbookFile } from '../../src/core/fileFormat';
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
  return JSON.stringify(doc);
}

describe('parser worker', () => {
  it('reads a file, as text or as a Blob, into the document core reads', async () => {
    const parser = remoteParser();
    const expected = parseWorkbookFile(fixture, fixture.length);
    expect(expected.ok).toBe(true);
    expect(await parser.parseFile(fixture, fixture.length)).toEqual(expected);
    expect(await parser.parseFile(new Blob([fixture]), fixture.length)).toEqual(expected);
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
    const opened = await parser.decodeLink(linkOf(withRows(10_000)));
    expect(opened?.ok && opened.value.sheets[0]?.cells.length).toBe(10_000);
    const refused = await parser.decodeLink(linkOf(withRows(1_048_577)));
    expect(refused?.ok).toBe(false);
    expect(refused && !refused.ok && refused.reason.detail).toMatch(/rows/);
    expect(await parser.decodeLink('#sheet=2')).toBeNull();
    const broken = await parser.decodeLink('#w=dGhpcyBpcyBub3QgZGVmbGF0ZQ');
    expect(broken && !broken.ok && broken.reason.kind).toBe('not-scenario');
  });
});
