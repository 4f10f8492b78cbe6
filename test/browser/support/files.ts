// Files into the app as a person gives them: through the file picker of an import button.
import type { Page } from '@playwright/test';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Choose `name` (holding `buffer`) in the "Import Excel" file picker. The import itself loads
 * ExcelJS on first use: wait for its outcome with `slowStep(EXCEL_IMPORT_MS)`.
 */
export async function chooseExcelFile(page: Page, name: string, buffer: Buffer): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Import Excel', exact: true }).click(),
  ]);
  await chooser.setFiles({ name, mimeType: XLSX_MIME, buffer });
}
