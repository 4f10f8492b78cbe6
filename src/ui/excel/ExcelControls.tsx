// The header's Excel buttons: "Export Excel (.xlsx)", "Import Excel" (a hidden file input behind an
// ordinary button) and "Export sheet as CSV". The work happens in state/createExcel.
import type { AppState } from '../../state/createAppState';
import { createExcel } from '../../state/createExcel';
import { useI18n } from '../i18nContext';

const ACCEPT = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function ExcelControls(props: { app: AppState }) {
  const { t, locale } = useI18n();
  const excel = createExcel(props.app, { locale });
  let input: HTMLInputElement | undefined;

  return (
    <div class="excel-controls" style={{ display: 'contents' }}>
      <button type="button" disabled={excel.busy() !== null} onClick={() => void excel.exportXlsx()}>
        {t('excelExport')}
      </button>
      <button type="button" disabled={excel.busy() !== null} onClick={() => input?.click()}>
        {t('excelImport')}
      </button>
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        hidden
        tabIndex={-1}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          // Cleared so choosing the same file again is a new choice.
          event.currentTarget.value = '';
          if (file) void excel.importFile(file);
        }}
      />
      <button type="button" disabled={excel.busy() !== null} onClick={() => void excel.exportCsv()}>
        {t('csvExport')}
      </button>
    </div>
  );
}
