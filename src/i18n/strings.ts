// The UI's words in Swedish and English. Components read them through `t()`; nothing else is translated.

export type UiLocale = 'sv' | 'en';

export const en = {
  appName: 'Bana',
  appTagline: 'Emission scenarios in formula grids',
  formula: 'Formula',
  cellAddress: 'Cell address',
  cellEditor: 'Cell editor',
  resizeColumn: 'Resize column {col}',
  sheets: 'Sheets',
  addSheet: 'Add sheet',
  sheetActions: 'Sheet actions for {name}',
  renameSheet: 'Rename sheet',
  deleteSheet: 'Delete sheet',
  moveSheetLeft: 'Move sheet left',
  moveSheetRight: 'Move sheet right',
  sheetName: 'Sheet name',
  confirmDeleteSheet:
    'Delete the sheet “{name}”? Formulas that refer to it will show #REF! (you can undo this).',
  sheetNameProblem_empty: 'A sheet name cannot be empty.',
  'sheetNameProblem_too-long': 'A sheet name can be at most 100 characters.',
  'sheetNameProblem_invalid-char':
    'A sheet name cannot contain [ ] * ? / \\ : or start or end with an apostrophe.',
  sheetNameProblem_duplicate: 'There is already a sheet with that name.',
  workbooks: 'Workbooks',
  workbookList: 'Your workbooks',
  newWorkbook: 'New workbook',
  untitledWorkbook: 'Untitled workbook',
  open: 'Open',
  openWorkbook: 'Open {name}',
  duplicate: 'Duplicate',
  duplicateWorkbook: 'Duplicate {name}',
  rename: 'Rename',
  renameWorkbook: 'Rename {name}',
  delete: 'Delete',
  deleteWorkbook: 'Delete {name}',
  workbookName: 'Workbook name',
  copyOf: '{name} (copy)',
  confirmDeleteWorkbook: 'Delete the workbook “{name}”? This cannot be undone.',
  cancel: 'Cancel',
  ok: 'OK',
  close: 'Close',
  current: 'open now',
  modified: 'Changed {date}',
  sheetCount: '{n} sheets',
  undo: 'Undo',
  redo: 'Redo',
  language: 'Language',
  saved: 'All changes saved',
  saving: 'Saving…',
  unsaved: 'Unsaved changes',
  saveFailed: 'Not saved',
  calculating: 'Calculating…',
  storageQuota:
    'Your changes could not be saved: the browser’s storage is full. They are kept in this tab — download the workbook to be safe, free some space, then retry.',
  storageUnavailable:
    'This browser does not let Bana store workbooks (private mode or storage disabled). You can work, but nothing is kept after you close the tab: download the workbook to keep it.',
  storageOther:
    'Your changes could not be saved ({message}). They are kept in this tab; download the workbook to be safe.',
  storageVersionChange:
    'Bana was updated in another tab. This tab has stopped saving; reload it to continue.',
  reload: 'Reload',
  retry: 'Retry',
  downloadWorkbook: 'Download workbook',
  engineRestarted: 'The calculation engine stopped and was restarted. No edits were lost.',
  engineFailed:
    'The calculation engine keeps failing ({message}). Your edits are kept; download the workbook and reload.',
  dismiss: 'Dismiss',
  errorInCell: '{address}: {message}',
  cellStatus: 'Active cell',
  loading: 'Opening workbook…',
  skipToGrid: 'Skip to the grid',
  openFailed: 'The workbook could not be opened: {reason}',
  invalidAddress: '“{text}” is not a cell address (try H40 or A1:C5).',
  sheetTabs: 'Sheet tabs',
  formulaBar: 'Formula bar',
  statusBar: 'Status',
  storageTitle: 'Saving',
  noErrors: '',
} as const;

export type StringKey = keyof typeof en;

export const sv: Record<StringKey, string> = {
  appName: 'Bana',
  appTagline: 'Utsläppsscenarier i formelrutnät',
  formula: 'Formel',
  cellAddress: 'Celladress',
  cellEditor: 'Cellredigering',
  resizeColumn: 'Ändra bredd på kolumn {col}',
  sheets: 'Blad',
  addSheet: 'Lägg till blad',
  sheetActions: 'Åtgärder för bladet {name}',
  renameSheet: 'Byt namn på blad',
  deleteSheet: 'Ta bort blad',
  moveSheetLeft: 'Flytta blad åt vänster',
  moveSheetRight: 'Flytta blad åt höger',
  sheetName: 'Bladnamn',
  confirmDeleteSheet:
    'Ta bort bladet ”{name}”? Formler som hänvisar till det visar #REF! (du kan ångra detta).',
  sheetNameProblem_empty: 'Ett bladnamn kan inte vara tomt.',
  'sheetNameProblem_too-long': 'Ett bladnamn får vara högst 100 tecken.',
  'sheetNameProblem_invalid-char':
    'Ett bladnamn får inte innehålla [ ] * ? / \\ : eller börja eller sluta med apostrof.',
  sheetNameProblem_duplicate: 'Det finns redan ett blad med det namnet.',
  workbooks: 'Arbetsböcker',
  workbookList: 'Dina arbetsböcker',
  newWorkbook: 'Ny arbetsbok',
  untitledWorkbook: 'Namnlös arbetsbok',
  open: 'Öppna',
  openWorkbook: 'Öppna {name}',
  duplicate: 'Duplicera',
  duplicateWorkbook: 'Duplicera {name}',
  rename: 'Byt namn',
  renameWorkbook: 'Byt namn på {name}',
  delete: 'Ta bort',
  deleteWorkbook: 'Ta bort {name}',
  workbookName: 'Arbetsbokens namn',
  copyOf: '{name} (kopia)',
  confirmDeleteWorkbook: 'Ta bort arbetsboken ”{name}”? Det går inte att ångra.',
  cancel: 'Avbryt',
  ok: 'OK',
  close: 'Stäng',
  current: 'öppen nu',
  modified: 'Ändrad {date}',
  sheetCount: '{n} blad',
  undo: 'Ångra',
  redo: 'Gör om',
  language: 'Språk',
  saved: 'Alla ändringar sparade',
  saving: 'Sparar…',
  unsaved: 'Osparade ändringar',
  saveFailed: 'Inte sparat',
  calculating: 'Räknar…',
  storageQuota:
    'Dina ändringar kunde inte sparas: webbläsarens lagring är full. De finns kvar i den här fliken – ladda ner arbetsboken för säkerhets skull, frigör utrymme och försök igen.',
  storageUnavailable:
    'Webbläsaren låter inte Bana spara arbetsböcker (privat läge eller avstängd lagring). Du kan arbeta, men inget sparas när fliken stängs: ladda ner arbetsboken för att behålla den.',
  storageOther:
    'Dina ändringar kunde inte sparas ({message}). De finns kvar i den här fliken; ladda ner arbetsboken för säkerhets skull.',
  storageVersionChange:
    'Bana har uppdaterats i en annan flik. Den här fliken sparar inte längre; ladda om den för att fortsätta.',
  reload: 'Ladda om',
  retry: 'Försök igen',
  downloadWorkbook: 'Ladda ner arbetsboken',
  engineRestarted: 'Beräkningsmotorn stannade och startades om. Inga ändringar gick förlorade.',
  engineFailed:
    'Beräkningsmotorn fortsätter att fallera ({message}). Dina ändringar finns kvar; ladda ner arbetsboken och ladda om sidan.',
  dismiss: 'Stäng',
  errorInCell: '{address}: {message}',
  cellStatus: 'Aktiv cell',
  loading: 'Öppnar arbetsbok…',
  skipToGrid: 'Hoppa till rutnätet',
  openFailed: 'Arbetsboken kunde inte öppnas: {reason}',
  invalidAddress: '”{text}” är ingen celladress (prova H40 eller A1:C5).',
  sheetTabs: 'Bladflikar',
  formulaBar: 'Formelfält',
  statusBar: 'Status',
  storageTitle: 'Sparande',
  noErrors: '',
};

const dictionaries: Record<UiLocale, Record<StringKey, string>> = { en, sv };

/** Look up a UI string and fill its {placeholders}. */
export function translate(
  locale: UiLocale,
  key: StringKey,
  params?: Record<string, string | number>,
): string {
  const template = dictionaries[locale][key] ?? en[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

/** The UI language to start with: Swedish for any sv-* browser language, English otherwise. */
export function detectLocale(languages: readonly string[]): UiLocale {
  for (const lang of languages) {
    const lower = lang.toLowerCase();
    if (lower.startsWith('sv')) return 'sv';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}
