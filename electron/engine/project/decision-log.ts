/**
 * Decisions are kept as an append-only log (who did what, when, with which search
 * parameters and library versions) so the lab record shows every change of mind; the
 * current verdict is derived from the log by this pure fold.
 */
import type { DecisionAction, DecisionState } from '../../common/api/contract.js';

export interface DecisionEntry {
  action: DecisionAction;
  spectrumId?: number;
  candidate?: { name?: string; inchikey?: string; library: string };
  decidedBy: string;
  decidedAt: string;
}

export function currentDecision(log: readonly DecisionEntry[]): DecisionState | undefined {
  if (log.length === 0) return undefined;
  let state: DecisionState = { rejected: [], flagged: false, decidedBy: '', decidedAt: '' };
  for (const entry of log) {
    switch (entry.action) {
      case 'accept':
        state.accepted = { spectrumId: entry.spectrumId!, library: entry.candidate?.library ?? '', ...(entry.candidate?.name ? { name: entry.candidate.name } : {}), ...(entry.candidate?.inchikey ? { inchikey: entry.candidate.inchikey } : {}) };
        state.rejected = state.rejected.filter((id) => id !== entry.spectrumId);
        break;
      case 'reject':
        if (!state.rejected.includes(entry.spectrumId!)) state.rejected.push(entry.spectrumId!);
        if (state.accepted?.spectrumId === entry.spectrumId) delete state.accepted;
        break;
      case 'flag':
        state.flagged = true;
        break;
      case 'clear':
        state = { rejected: [], flagged: false, decidedBy: '', decidedAt: '' };
        break;
    }
    state.decidedBy = entry.decidedBy;
    state.decidedAt = entry.decidedAt;
  }
  return state;
}
