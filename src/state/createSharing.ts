// Sharing a workbook: export and import `.bana.json` files, copy a link that carries the workbook,
// and open such a link at startup. Every failure is a notice that names the file and the reason;
// a failed import changes nothing, and an import never overwrites a stored workbook without asking.
import { type Accessor, createSignal } from 'solid-js';
import { type ScenarioDocument, newScenarioId } from '../core/document';
import { type FileProblem, type FileProblemKind, MAX_FILE_BYTES, workbookFile } from '../core/fileFormat';
import { type WorkbookReader, createWorkbookReader } from '../engine/parserClient';
import { intlLocale } from '../i18n/format';
import { type UiLocale, translate } from '../i18n/strings';
import type { ParsedWorkbook } from '../../workers/parserContract';
import type { AppState } from './createAppState';

/** What sharing needs from the app (a narrow slice, so tests can pass a small fake). */
export type SharingApp = Pick<AppState, 'session' | 'addWorkbook' | 'readWorkbook' | 'notify' | 'download'>;

export interface SharingOptions {
  locale: Accessor<UiLocale>;
  /** Writes text to the system clipboard (navigator.clipboard.writeText in the browser). */
  clipboardWrite(text: string): Promise<void>;
  /** The link's base: origin and path of the running app. Defaults to the page's own. */
  baseUrl?: () => string;
  /** Takes the fragment off the address bar without a reload or a history entry. */
  clearFragment?: () => void;
  /** Reads files and links; default a worker per file or link, so a huge one never freezes the tab. */
  parser?: WorkbookReader;
}

/** A file to import: the browser's File has these (and so does a test's fake). */
export interface ImportFile {
  name: string;
  size: number;
  text(): Promise<string>;
}

/** A browser File is a Blob: the worker reads it itself, the text never lands on this thread. */
function isBlob(file: ImportFile): file is ImportFile & Blob {
  return typeof Blob === 'function' && file instanceof Blob;
}

/** A stored workbook has the id of the one being imported: the planner decides. */
export interface ImportConflict {
  fileName: string;
  importedName: string;
  existingName: string;
}

export type ConflictChoice = 'keep-both' | 'replace' | 'cancel';

type ImportProblem = { kind: FileProblemKind | 'unreadable'; detail?: string };

export type Sharing = ReturnType<typeof createSharing>;

/**
 * Build the sharing actions for one app.
 *
 * @param app The app state (or the slice of it that sharing uses).
 * @param opts The UI locale for messages and the clipboard; the link base and fragment removal
 *   default to the page's location and history.
 * @example
 * const sharing = createSharing(app, { locale, clipboardWrite: (t) => navigator.clipboard.writeText(t) });
 * await sharing.openFromLocation(location.hash);
 */
/** The link codec with fflate, loaded on first use so it stays out of the start-up bundle. */
function loadLinkCodec() {
  return import('../core/link');
}

export function createSharing(app: SharingApp, opts: SharingOptions) {
  const [conflict, setConflict] = createSignal<ImportConflict | null>(null);
  let answer: ((choice: ConflictChoice) => void) | null = null;
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(opts.locale(), key, params);
  const baseUrl = opts.baseUrl ?? (() => `${location.origin}${location.pathname}`);
  const clearFragment =
    opts.clearFragment ??
    (() => history.replaceState(history.state, '', `${location.pathname}${location.search}`));
  let parserClient = opts.parser;
  const parser = () => {
    parserClient ??= createWorkbookReader();
    return parserClient;
  };

  function describe(problem: ImportProblem, max: number): string {
    switch (problem.kind) {
      case 'too-large':
        return t('importProblem_too-large', { max: `${Math.round(max / (1024 * 1024))} MB` });
      case 'invalid':
        return t('importProblem_invalid', { detail: problem.detail ?? '' });
      case 'unreadable':
        return t('importProblem_unreadable', { detail: problem.detail ?? '' });
      default:
        return t(`importProblem_${problem.kind}`);
    }
  }

  /** Download the open workbook as `<name>.bana.json`. */
  function exportFile(): void {
    const file = workbookFile(app.session().doc());
    app.download(file.fileName, file.text);
  }

  /** Ask the planner what to do with a workbook whose id is already stored; the UI answers. */
  function ask(question: ImportConflict): Promise<ConflictChoice> {
    answer?.('cancel');
    return new Promise((resolve) => {
      answer = (choice) => {
        answer = null;
        setConflict(null);
        resolve(choice);
      };
      setConflict(question);
    });
  }

  /** The UI's answer to the open conflict question. */
  function resolveConflict(choice: ConflictChoice): void {
    answer?.(choice);
  }

  async function readFile(file: ImportFile): Promise<{ ok: true; doc: ScenarioDocument } | ImportProblem> {
    // File.size is known without reading: a huge file is refused before a byte is loaded.
    if (file.size > MAX_FILE_BYTES) return { kind: 'too-large', detail: `${file.size} bytes` };
    let parsed: ParsedWorkbook;
    try {
      parsed = await parser().parseFile(isBlob(file) ? file : await file.text(), file.size);
    } catch (error) {
      return { kind: 'unreadable', detail: error instanceof Error ? error.message : String(error) };
    }
    return parsed.ok ? { ok: true, doc: parsed.value } : parsed.reason;
  }

  /** Add one parsed workbook, asking first when its id is taken. Returns false when cancelled. */
  async function add(fileName: string, doc: ScenarioDocument): Promise<string | null> {
    const existing = await app.readWorkbook(doc.id);
    if (!existing) {
      await app.addWorkbook(doc);
      return doc.meta.name;
    }
    const choice = await ask({ fileName, importedName: doc.meta.name, existingName: existing.meta.name });
    if (choice === 'cancel') return null;
    if (choice === 'replace') {
      await app.addWorkbook(doc);
      return doc.meta.name;
    }
    const name = t('shareImportedCopy', { name: doc.meta.name });
    await app.addWorkbook({ ...doc, id: newScenarioId(), meta: { ...doc.meta, name } });
    return name;
  }

  /**
   * Import scenario files one after the other. Each is size-checked, read and validated; a good one
   * is added and opened, a bad one is reported by name and changes nothing. One notice sums it up
   * (a newer notice replaces an older one, so several would hide each other).
   */
  async function importFiles(files: readonly ImportFile[]): Promise<void> {
    const failures: string[] = [];
    const imported: string[] = [];
    for (const file of files) {
      const read = await readFile(file);
      if (!('ok' in read)) {
        failures.push(t('shareImportFailed', { file: file.name, reason: describe(read, MAX_FILE_BYTES) }));
        continue;
      }
      const name = await add(file.name, read.doc);
      if (name !== null) imported.push(name);
    }
    if (failures.length > 0) {
      const done = imported.map((name) => t('shareImported', { name }));
      app.notify({ kind: 'message', tone: 'error', text: [...failures, ...done].join(' ') });
    } else if (imported.length > 0) {
      app.notify({
        kind: 'message',
        tone: 'info',
        text: imported.map((name) => t('shareImported', { name })).join(' '),
      });
    }
  }

  /** Put a link holding the open workbook on the clipboard, or say why not. */
  async function copyLink(): Promise<void> {
    const doc = app.session().doc();
    const { encodeWorkbookLink } = await loadLinkCodec();
    const link = encodeWorkbookLink(doc, baseUrl());
    if (!link.ok) {
      const numbers = new Intl.NumberFormat(intlLocale(opts.locale()));
      app.notify({
        kind: 'message',
        tone: 'error',
        text: t('shareLinkTooLarge', {
          name: doc.meta.name,
          length: numbers.format(link.reason.length),
          max: numbers.format(link.reason.max),
        }),
      });
      return;
    }
    try {
      await opts.clipboardWrite(link.value);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      app.notify({ kind: 'message', tone: 'error', text: t('shareLinkCopyFailed', { message }) });
      return;
    }
    app.notify({ kind: 'message', tone: 'info', text: t('shareLinkCopied', { name: doc.meta.name }) });
  }

  /**
   * At startup: a `#w=` fragment opens a copy of its workbook (a new id, the same name) and is then
   * taken off the address bar, so a reload does not import it again. A broken link is reported and
   * the app carries on with what it opened.
   *
   * @returns true when a workbook was added from the link.
   */
  async function openFromLocation(hash: string): Promise<boolean> {
    // Most starts have no link: only then is the codec (and its deflate library) loaded.
    if (!/[#&]w=/.test(hash)) return false;
    const read = await parser().decodeLink(hash);
    if (read === null) return false;
    clearFragment();
    if (!read.ok) {
      const { MAX_LINK_TEXT_BYTES } = await loadLinkCodec();
      const reason = describe(read.reason as FileProblem, MAX_LINK_TEXT_BYTES);
      app.notify({ kind: 'message', tone: 'error', text: t('shareLinkBroken', { reason }) });
      return false;
    }
    const copy = { ...read.value, id: newScenarioId() };
    await app.addWorkbook(copy);
    app.notify({ kind: 'message', tone: 'info', text: t('shareLinkOpened', { name: copy.meta.name }) });
    return true;
  }

  return {
    exportFile,
    importFiles,
    copyLink,
    openFromLocation,
    /** The open replace-or-keep-both question, if any. */
    conflict: conflict as Accessor<ImportConflict | null>,
    resolveConflict,
  };
}
