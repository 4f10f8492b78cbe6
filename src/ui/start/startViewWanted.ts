// When the app opens on its start view rather than straight on the last workbook.

/**
 * Whether to open on the start view: only on a fresh profile, not when a shared link opened a
 * workbook, and not under the test hook `?debug` unless the test asks for it with `&start`.
 */
export function startViewWanted(freshProfile: boolean, url: { search: string; hash: string }): boolean {
  const params = new URLSearchParams(url.search);
  if (!freshProfile || url.hash.startsWith('#w=')) return false;
  return !params.has('debug') || params.has('start');
}
