/**
 * Maps every API channel to the Workbench method that answers it. Typed against the
 * contract, so adding a channel without a handler is a compile error.
 */
import type { Channel, RequestOf, ResponseOf } from '../../common/api/contract.js';
import type { Workbench } from '../workbench/workbench.js';

type Handlers = { [C in Channel]: (workbench: Workbench, request: RequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>> };

export const HANDLERS: Handlers = {
  'app.info': (w) => w.appInfo(),
  'libraries.list': (w) => w.listLibraries(),
  'libraries.setEnabled': (w, r) => w.setLibraryEnabled(r),
  'unknowns.import': (w, r) => w.importUnknowns(r),
  'unknowns.list': (w) => w.listUnknowns(),
  'unknowns.get': (w, r) => w.getUnknown(r.unknownId),
  'unknowns.clear': (w) => w.clearUnknowns(),
  'decisions.record': (w, r) => w.recordDecision(r),
  'settings.get': (w) => w.settings(),
  'settings.update': (w, r) => w.updateSettings(r),
  'files.recent': (w) => w.recentFiles(),
  'files.reopen': (w, r) => w.reopenRecent(r.fileId),
  'search.defaults': (w) => w.searchDefaults(),
  'search.run': (w, r) => w.runSearch(r),
  'jobs.startImport': (w, r) => w.startImportJob(r),
  'jobs.startLibraryImport': (w, r) => w.startLibraryImportJob(r),
  'jobs.startInSilicoLibrary': (w, r) => w.startInSilicoLibraryJob(r),
  'jobs.startSearch': (w, r) => w.startSearchJob(r),
  'jobs.get': (w, r) => w.job(r.jobId),
  'jobs.cancel': (w, r) => w.job(r.jobId, true),
  'spectra.get': (w, r) => w.getReferenceSpectrum(r.spectrumId),
  'prediction.spectrum': (w, r) => w.predictSpectrum(r),
  'chemistry.depict': (w, r) => w.depict(r),
  'reports.export': (w, r) => w.exportReport(r),
  'sync.status': (w) => w.syncStatus(),
  'sync.setKey': (w, r) => w.setAtlasKey(r.apiKey),
  'jobs.startSync': (w) => w.startSyncJob(),
};

export function dispatch<C extends Channel>(workbench: Workbench, channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const handler = HANDLERS[channel] as (w: Workbench, r: RequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>;
  return Promise.resolve(handler(workbench, request));
}
