// A workbook inside a link: `#w=` + base64url(deflate-raw(JSON)). The fragment never reaches a
// server, so sharing a link sends the workbook to nobody but the person who opens it.
import { Inflate, deflateSync } from 'fflate';
import type { ScenarioDocument } from './document';
import { FILE_FORMAT, type FileProblem, parseWorkbookFile } from './fileFormat';
import { fail, ok, type Result } from './result';

/** The fragment parameter that carries a workbook. */
export const LINK_PARAM = 'w';

/**
 * Longest link Bana writes, in characters, origin and path included. Chromium stops displaying URLs
 * past 32 KiB and a Microsoft Teams chat message holds about 28 KB, so 24 000 leaves room for the
 * origin and a line of text around the link; mail clients and Slack (40 000) take it too. Past this
 * the planner is told to export a file instead. Typical scenarios compress to a few kilobytes.
 */
export const MAX_LINK_LENGTH = 24_000;

/**
 * Largest decoded text accepted from a link, in bytes, counted while inflating (so a deflate bomb
 * stops here, never after allocating gigabytes). A link of MAX_LINK_LENGTH characters decodes to
 * far less; the margin is for links written by later versions or other tools.
 */
export const MAX_LINK_TEXT_BYTES = 5 * 1024 * 1024;

/** Longest fragment read at all: Chromium's own URL limit (2 MiB). */
export const MAX_FRAGMENT_LENGTH = 2 * 1024 * 1024;

export interface LinkTooLarge {
  kind: 'too-large';
  /** Length of the link that would have been written, and the limit. */
  length: number;
  max: number;
}

/**
 * The link that opens a copy of `doc`.
 *
 * @param doc The workbook to share.
 * @param base Everything before the fragment, e.g. `location.origin + location.pathname`.
 * @returns the full link, or `too-large` when it would be longer than MAX_LINK_LENGTH.
 * @example
 * const link = encodeWorkbookLink(doc, location.origin + location.pathname);
 * if (link.ok) await navigator.clipboard.writeText(link.value);
 */
export function encodeWorkbookLink(doc: ScenarioDocument, base: string): Result<string, LinkTooLarge> {
  const json = JSON.stringify({ format: FILE_FORMAT, ...doc });
  const link = `${base}#${LINK_PARAM}=${toBase64Url(deflate(new TextEncoder().encode(json)))}`;
  return link.length > MAX_LINK_LENGTH
    ? fail({ kind: 'too-large', length: link.length, max: MAX_LINK_LENGTH })
    : ok(link);
}

/** The encoded workbook in a fragment (`#w=…`, with or without `#`), or null when there is none. */
export function workbookParam(hash: string): string | null {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  const prefix = `${LINK_PARAM}=`;
  for (const part of fragment.split('&')) {
    if (part.startsWith(prefix)) return part.slice(prefix.length);
  }
  return null;
}

/**
 * Read the workbook from a link's fragment, with the same checks as a file (size first, then
 * depth, JSON, version, validation), plus base64url and deflate checks.
 *
 * @param hash `location.hash`, e.g. `#w=…`.
 * @returns null when the fragment carries no workbook; otherwise the document or the problem.
 */
export function decodeWorkbookLink(hash: string): Result<ScenarioDocument, FileProblem> | null {
  const param = workbookParam(hash);
  if (param === null) return null;
  if (param.length > MAX_FRAGMENT_LENGTH)
    return fail({ kind: 'too-large', detail: `${param.length} characters` });
  if (param === '') return fail({ kind: 'empty' });
  const bytes = fromBase64Url(param);
  if (!bytes) return fail({ kind: 'not-scenario', detail: 'the link is not base64url' });
  const inflated = inflateCapped(bytes, MAX_LINK_TEXT_BYTES);
  if (!inflated.ok) return inflated;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflated.value);
  } catch {
    return fail({ kind: 'not-json', detail: 'the link does not hold UTF-8 text' });
  }
  return parseWorkbookFile(text, inflated.value.length);
}

function deflate(data: Uint8Array): Uint8Array {
  // Level 9: links are written rarely and every character counts against MAX_LINK_LENGTH.
  return deflateSync(data, { level: 9 });
}

/**
 * Inflate raw deflate data, stopping as soon as the output passes `max` bytes. The input is fed
 * in small pieces because fflate inflates a whole push at once: 1 KiB of deflate input yields
 * at most about 1 MiB of output, so the overshoot is bounded.
 */
function inflateCapped(data: Uint8Array, max: number): Result<Uint8Array, FileProblem> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let tooLarge = false;
  let finished = false;
  const stream = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > max) tooLarge = true;
    else chunks.push(chunk);
    if (final) finished = true;
  });
  const step = 1024;
  try {
    for (let i = 0; i < data.length && !tooLarge; i += step) {
      stream.push(data.subarray(i, i + step), i + step >= data.length);
    }
  } catch (error) {
    return fail({ kind: 'not-scenario', detail: `the link is damaged (${describeError(error)})` });
  }
  if (tooLarge) return fail({ kind: 'too-large', detail: `more than ${max} bytes when unpacked` });
  if (!finished) return fail({ kind: 'not-scenario', detail: 'the link is cut short' });
  return ok(concat(chunks));
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

/** RFC 4648 §5 base64url without padding: safe in a URL fragment and in chat and mail clients. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out +=
      ALPHABET.charAt(n >> 18) +
      ALPHABET.charAt((n >> 12) & 63) +
      ALPHABET.charAt((n >> 6) & 63) +
      ALPHABET.charAt(n & 63);
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] as number) << 16;
    out += ALPHABET.charAt(n >> 18) + ALPHABET.charAt((n >> 12) & 63);
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out += ALPHABET.charAt(n >> 18) + ALPHABET.charAt((n >> 12) & 63) + ALPHABET.charAt((n >> 6) & 63);
  }
  return out;
}

/** Decode base64url (padding tolerated); null when a character is outside the alphabet or the length is impossible. */
export function fromBase64Url(text: string): Uint8Array | null {
  const body = text.replace(/=+$/, '');
  if (body.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    const digit = code < 128 ? (LOOKUP[code] as number) : -1;
    if (digit < 0) return null;
    value = ((value << 6) | digit) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (value >> bits) & 0xff;
    }
  }
  return out;
}
