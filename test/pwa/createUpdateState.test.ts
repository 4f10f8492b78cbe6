import { describe, expect, it } from 'vitest';
import { createUpdateState, type ServiceWorkerHooks } from '../../src/pwa/createUpdateState';

/** A service worker stand-in: the test fires its events; `activate` records the takeover request. */
function setup(flushResult: () => Promise<unknown> = async () => ({ ok: true, value: undefined })) {
  let hooks: ServiceWorkerHooks | undefined;
  const log: string[] = [];
  const update = createUpdateState({
    register: (given) => {
      hooks = given;
      return async () => {
        log.push('activate');
      };
    },
    flush: async () => {
      log.push('flush');
      return flushResult();
    },
    reloadPage: () => log.push('reload'),
  });
  if (hooks === undefined) throw new Error('register was not called');
  return { update, hooks, log };
}

describe('createUpdateState', () => {
  it('says nothing until a new version waits, then offers it', () => {
    const { update, hooks } = setup();
    expect(update.status()).toBe('current');
    hooks.onOfflineReady();
    expect(update.status()).toBe('offline-ready');
    hooks.onNeedRefresh();
    expect(update.status()).toBe('update-ready');
  });

  it('writes pending saves before the new version takes over, and reloads only on the takeover', async () => {
    const { update, hooks, log } = setup();
    hooks.onNeedRefresh();
    await update.reload();
    expect(log).toEqual(['flush', 'activate']);
    expect(update.status()).toBe('reloading');
    hooks.onNeedReload();
    expect(log).toEqual(['flush', 'activate', 'reload']);
  });

  it('does not reload, nor let the new version take over, when the pending saves could not be written', async () => {
    const { update, hooks, log } = setup(async () => ({ ok: false, reason: { kind: 'quota' } }));
    hooks.onNeedRefresh();
    await update.reload();
    expect(log).toEqual(['flush']);
    expect(update.status()).toBe('save-failed');
  });

  it('switches without writing only when the user chooses to after the saves failed', async () => {
    const { update, hooks, log } = setup(async () => ({ ok: false, reason: { kind: 'versionchange' } }));
    hooks.onNeedRefresh();
    await update.reloadAnyway();
    expect(log).toEqual([]);
    await update.reload();
    await update.reloadAnyway();
    expect(log).toEqual(['flush', 'activate']);
    expect(update.status()).toBe('reloading');
    hooks.onNeedReload();
    expect(log).toEqual(['flush', 'activate', 'reload']);
  });

  it('never reloads by itself when another tab lets the new version take over', () => {
    const { update, hooks, log } = setup();
    hooks.onNeedRefresh();
    update.dismiss();
    hooks.onNeedReload();
    expect(log).toEqual([]);
    // The old version's lazy chunks are gone from the cache: the notice comes back.
    expect(update.status()).toBe('update-ready');
  });

  it('after another tab switched, reloads once its own saves are written (no second takeover will come)', async () => {
    const { update, hooks, log } = setup();
    hooks.onNeedRefresh();
    hooks.onNeedReload();
    await update.reload();
    expect(log).toEqual(['flush', 'reload']);
  });

  it('flushes once when reload is pressed twice while saving', async () => {
    let release: (value: unknown) => void = () => {};
    const { update, hooks, log } = setup(() => new Promise((resolve) => (release = resolve)));
    hooks.onNeedRefresh();
    const first = update.reload();
    const second = update.reload();
    release({ ok: true, value: undefined });
    await Promise.all([first, second]);
    expect(log).toEqual(['flush', 'activate']);
  });

  it('keeps saying "reloading" if the waiting version is reported again while saves are written', async () => {
    let release: (value: unknown) => void = () => {};
    const { update, hooks } = setup(() => new Promise((resolve) => (release = resolve)));
    hooks.onNeedRefresh();
    const reloading = update.reload();
    hooks.onNeedRefresh();
    expect(update.status()).toBe('reloading');
    release({ ok: true, value: undefined });
    await reloading;
  });
});
