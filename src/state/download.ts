// Saving a file from the browser: an <a download> with an object URL, revoked once the browser has it.
// Shared by the state layer (Excel, CSV) and the UI (chart export, the composition root).

/** Save `blob` as `fileName` in the user's downloads. */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
