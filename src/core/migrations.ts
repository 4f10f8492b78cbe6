// The numbered migration chain: migrations[i] upgrades a document from schema version i to i + 1.
// Every past version has a frozen fixture in test/fixtures/documents/ that must keep loading.
import { newScenarioId, SCHEMA_VERSION, type ScenarioDocument } from './document';
import { fail, ok, type Result } from './result';
import { validateDocument } from './schema';

/** A document between versions: plain data whose shape the step itself must check. */
export type LooseDocument = { [key: string]: unknown };

/** What a step may need from outside the document; injected so tests are deterministic. */
export interface MigrationContext {
  /** A fresh, globally unique workbook id. */
  newScenarioId(): string;
  /** The current time as an ISO 8601 string. */
  now(): string;
}

export interface Migration {
  /** One line for the changelog and for failure messages. */
  description: string;
  /**
   * Upgrade one version. Receives a private deep copy, so it may mutate or rebuild freely.
   * Throws (with a short sentence) when the input is not a document of its version.
   */
  up(doc: LooseDocument, context: MigrationContext): LooseDocument;
}

const defaultContext: MigrationContext = {
  newScenarioId: () => newScenarioId(),
  now: () => new Date().toISOString(),
};

/**
 * Version 0, the prototype's export format (kept here as the record of what v0 was):
 *
 * ```ts
 * interface DocumentV0 {
 *   version: 0;
 *   title: string;
 *   savedAt?: string; // ISO 8601
 *   sheets: { name: string; data: (string | number | boolean | null)[][] }[];
 * }
 * ```
 * No workbook or sheet ids, no column widths, no named expressions, and blank sheet names were allowed.
 */
function v0ToV1(doc: LooseDocument, context: MigrationContext): LooseDocument {
  const title = field(doc, 'title');
  const savedAt = field(doc, 'savedAt');
  const sheets = field(doc, 'sheets');
  if (typeof title !== 'string') throw new Error('title: expected text');
  if (!Array.isArray(sheets)) throw new Error('sheets: expected a list');
  const stamp = typeof savedAt === 'string' && !Number.isNaN(Date.parse(savedAt)) ? savedAt : context.now();
  return {
    schemaVersion: 1,
    id: context.newScenarioId(),
    meta: { name: title, createdAt: stamp, updatedAt: stamp },
    sheets: sheets.map((sheet: unknown, i) => {
      if (typeof sheet !== 'object' || sheet === null) throw new Error(`sheets[${i}]: expected an object`);
      const name = field(sheet as LooseDocument, 'name');
      return {
        // Sheet ids only need to be unique within the workbook, so the position is enough.
        id: `sh_${i + 1}`,
        name: typeof name === 'string' && name.trim() !== '' ? name : `Sheet${i + 1}`,
        cells: field(sheet as LooseDocument, 'data'),
        columnWidths: [],
      };
    }),
    names: [],
  };
}

/**
 * Version 1 had no number formats. Version 2 adds an optional `formats` to each sheet (row-major format
 * codes, see numberFormat.ts); a v1 sheet has none, so every cell stays General and shows as before.
 */
function v1ToV2(doc: LooseDocument): LooseDocument {
  return { ...doc, schemaVersion: 2 };
}

/** Own data properties only, so an inherited or `__proto__` key is never followed. */
function field(record: LooseDocument, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The chain. Append only: never edit a shipped step, add a new one and bump SCHEMA_VERSION. */
export const migrations: Migration[] = [
  { description: 'v0 → v1: ids for workbook and sheets, timestamps, column widths and names', up: v0ToV1 },
  { description: 'v1 → v2: per-cell number formats (optional, none in a v1 document)', up: v1ToV2 },
];

/**
 * Read the schema version of a document: `schemaVersion`, or `version` for v0 files.
 * @returns the version, or a reason when there is none.
 */
export function readSchemaVersion(input: unknown): Result<number, string> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return fail('This is not a Bana workbook: expected an object.');
  }
  const record = input as LooseDocument;
  const version = field(record, 'schemaVersion') ?? field(record, 'version');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return fail('This is not a Bana workbook: it has no schema version.');
  }
  return ok(version);
}

/**
 * Bring a document of any known version up to SCHEMA_VERSION and validate it.
 * Never mutates `input`; steps run on a deep copy, and the result shares nothing with `input`.
 *
 * @param input Parsed JSON or a stored record of any version.
 * @param chain The migrations to use; tests pass their own.
 * @param context Id and clock for steps that need them; defaults to random ids and the real clock.
 * @returns the current document, or a reason: a newer version, a failing step, or a validation error.
 * @example
 * const result = migrateDocument(JSON.parse(fileText));
 * if (!result.ok) showError(result.reason);
 */
export function migrateDocument(
  input: unknown,
  chain: readonly Migration[] = migrations,
  context: MigrationContext = defaultContext,
): Result<ScenarioDocument, string> {
  const version = readSchemaVersion(input);
  if (!version.ok) return version;
  const from = version.value;
  if (from > SCHEMA_VERSION) {
    return fail(
      `This file was made by a newer version of Bana (schema ${from}); this version reads up to schema ${SCHEMA_VERSION}. Update Bana to open it.`,
    );
  }
  // The current version needs no copy: validateDocument builds a fresh document anyway.
  if (from === SCHEMA_VERSION) return validateDocument(input);

  let doc: LooseDocument;
  try {
    doc = structuredClone(input) as LooseDocument;
  } catch {
    return fail('This is not a Bana workbook: it holds values that are not plain data.');
  }
  for (let v = from; v < SCHEMA_VERSION; v++) {
    const step = chain[v];
    if (step === undefined) return fail(`No migration from schema ${v} to ${v + 1}.`);
    try {
      doc = step.up(doc, context);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return fail(`Could not upgrade from schema ${v} to ${v + 1}: ${detail}`);
    }
  }
  const result = validateDocument(doc);
  return result.ok ? result : fail(`After upgrading from schema ${from}: ${result.reason}`);
}
