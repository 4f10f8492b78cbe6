// Moved to src/state/download.ts (state's Excel actions need it and may not import ui). This
// re-export only keeps src/main.tsx building until its import points there; then delete this file.
export { downloadBlob } from '../state/download';
