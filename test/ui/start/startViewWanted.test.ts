// When the app opens on the start view: a fresh profile only, never over a shared link, and under
// the tests' `?debug` hook only when the test asks for it.
import { describe, expect, it } from 'vitest';
import { startViewWanted } from '../../../src/ui/start/startViewWanted';

describe('startViewWanted', () => {
  it('opens on a fresh profile and never on a later visit', () => {
    expect(startViewWanted(true, { search: '', hash: '' })).toBe(true);
    expect(startViewWanted(false, { search: '', hash: '' })).toBe(false);
  });

  it('lets a shared link open its workbook instead', () => {
    expect(startViewWanted(true, { search: '', hash: '#w=abc' })).toBe(false);
  });

  it('stays out of tests that open with ?debug unless they add &start', () => {
    expect(startViewWanted(true, { search: '?debug', hash: '' })).toBe(false);
    expect(startViewWanted(true, { search: '?debug&start', hash: '' })).toBe(true);
  });
});
