/**
 * The unknown against a predicted EI spectrum: of the selected hit's structure, or of any
 * structure the chemist types or pastes as SMILES. Prediction runs in the engine (the
 * ONNX model); a structure the model cannot take comes back as a message.
 */
import { useEffect, useState } from 'react';
import type { PredictedSpectrumView } from '../../../electron/common/api/contract';
import type { Peak } from '../../../electron/common/spectrum';
import { api } from '../api/api-client';
import { MirrorPlot } from './MirrorPlot';
import { StructureView } from './StructureView';

interface Props {
  unknownPeaks: Peak[];
  unknownLabel: string;
  hit?: { smiles?: string; name?: string };
  theme: string;
}

export function PredictedComparison({ unknownPeaks, unknownLabel, hit, theme }: Props) {
  const [smiles, setSmiles] = useState('');
  const [predicted, setPredicted] = useState<PredictedSpectrumView>();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setPredicted(undefined);
    setError('');
  }, [unknownPeaks]);

  const predict = (structure: string, name?: string): void => {
    setBusy(true);
    setError('');
    api('prediction.spectrum', { smiles: structure, ...(name ? { name } : {}) })
      .then(setPredicted, (err: Error) => {
        setPredicted(undefined);
        setError(err.message);
      })
      .finally(() => setBusy(false));
  };

  return (
    <div className="predicted-comparison">
      <form
        className="predict-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (smiles.trim()) predict(smiles.trim());
        }}
      >
        <button type="button" disabled={busy || !hit?.smiles} onClick={() => hit?.smiles && predict(hit.smiles, hit.name)} data-testid="predict-hit">
          Compare with predicted spectrum of this hit
        </button>
        <input value={smiles} onChange={(e) => setSmiles(e.target.value)} placeholder="or paste a SMILES" aria-label="SMILES to predict" data-testid="predict-smiles" />
        <button type="submit" disabled={busy || smiles.trim() === ''} data-testid="predict-smiles-button">
          Predict
        </button>
      </form>
      {error ? (
        <p className="error" role="alert" data-testid="predict-error">
          {error}
        </p>
      ) : null}
      {predicted ? (
        <div className="comparison">
          <MirrorPlot
            query={unknownPeaks}
            reference={predicted.peaks}
            queryLabel={unknownLabel}
            referenceLabel={`Predicted: ${predicted.metadata.name ?? predicted.metadata.smiles ?? ''}`}
            theme={theme}
            testId="predicted-mirror-plot"
          />
          <div className="hit-detail">
            <StructureView smiles={predicted.metadata.smiles} />
            <dl>
              <dt>Structure</dt>
              <dd>{predicted.metadata.smiles}</dd>
              <dt>InChIKey</dt>
              <dd>{predicted.metadata.inchikey}</dd>
              <dt>Model</dt>
              <dd data-testid="predicted-model">
                {predicted.model} on {predicted.provider}
              </dd>
            </dl>
          </div>
        </div>
      ) : null}
    </div>
  );
}
