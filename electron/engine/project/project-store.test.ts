import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../../../test-support/shared-data.js';
import { DEFAULT_SEARCH_PARAMS } from '../../common/search-params.js';
import { currentDecision, type DecisionEntry } from './decision-log.js';
import { ProjectStore } from './project-store.js';

let dir: TempDir;
afterEach(() => dir?.remove());

const at = (action: DecisionEntry['action'], spectrumId?: number): DecisionEntry => ({
  action,
  ...(spectrumId !== undefined ? { spectrumId, candidate: { library: 'lib', name: `c${spectrumId}` } } : {}),
  decidedBy: 'analyst',
  decidedAt: `2026-11-22T10:00:0${spectrumId ?? 0}Z`,
});

describe('decision log', () => {
  it('derives the current verdict from accept, reject, flag and clear in order', () => {
    expect(currentDecision([])).toBeUndefined();
    expect(currentDecision([at('accept', 1), at('reject', 2)])).toMatchObject({ accepted: { spectrumId: 1, name: 'c1' }, rejected: [2], flagged: false });
    expect(currentDecision([at('accept', 1), at('reject', 1)])).toMatchObject({ rejected: [1] });
    expect(currentDecision([at('accept', 1), at('reject', 1)])?.accepted).toBeUndefined();
    expect(currentDecision([at('reject', 3), at('accept', 3), at('flag')])).toMatchObject({ accepted: { spectrumId: 3 }, rejected: [], flagged: true });
    expect(currentDecision([at('accept', 1), at('flag'), at('clear')])).toMatchObject({ rejected: [], flagged: false });
  });
});

describe('project store', () => {
  it('keeps unknowns, results, decisions and settings across reopening', () => {
    dir = tempDir();
    const path = join(dir.path, 'project.sqlite');
    const project = new ProjectStore(path);
    const summary = { unknownId: 'u1', file: 'a.msp', peakCount: 1 };
    project.addUnknowns([{ summary, spectrum: { metadata: { id: 'Q' }, peaks: [{ mz: 41, intensity: 5 }] } }]);
    project.saveResults([{ summary: { ...summary, searchedAs: 'ei' }, result: { searchedAs: 'ei', hits: [] } }]);
    project.setSetting('searchParams', { ...DEFAULT_SEARCH_PARAMS, top: 7 });
    project.appendDecision('u1', at('accept', 4), { parameters: DEFAULT_SEARCH_PARAMS, libraries: [{ name: 'lib', spectra: 10 }] }, { ...summary, searchedAs: 'ei' });
    project.close();

    const reopened = new ProjectStore(path);
    const [stored] = reopened.loadUnknowns();
    expect(stored).toMatchObject({ summary: { unknownId: 'u1', searchedAs: 'ei' }, spectrum: { metadata: { id: 'Q' } }, result: { searchedAs: 'ei' } });
    expect(reopened.getSetting<{ top: number }>('searchParams')?.top).toBe(7);
    expect(reopened.decisionLog('u1')).toEqual([at('accept', 4)]);
    reopened.clearUnknowns();
    expect(reopened.loadUnknowns()).toEqual([]);
    expect(reopened.decisionLog('u1')).toEqual([]);
    reopened.close();
  });
});
