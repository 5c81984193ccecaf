/** Versions of the app, its engines, the libraries and the ONNX execution provider in use. */
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../electron/common/api/contract';
import { api } from '../api/api-client';

export function AboutPanel({ onClose }: { onClose: () => void }) {
  const [info, setInfo] = useState<AppInfo>();
  const [error, setError] = useState('');
  useEffect(() => {
    api('app.info', {}).then(setInfo, (err: Error) => setError(err.message));
  }, []);
  return (
    <div className="about" role="dialog" aria-label="About Nexa Workbench" data-testid="about">
      <h2>About Nexa Workbench</h2>
      {error ? <p className="error">{error}</p> : null}
      {info ? (
        <dl>
          <dt>Version</dt>
          <dd>{info.appVersion}</dd>
          <dt>Engine</dt>
          <dd>Node.js {info.node}, SQLite {info.sqliteVersion}, RDKit {info.rdkitVersion}</dd>
          <dt>ONNX Runtime</dt>
          <dd>
            {info.onnxRuntime.version}; providers {info.onnxRuntime.available.join(', ')}; in use <b data-testid="execution-provider">{info.onnxRuntime.inUse}</b>
          </dd>
          <dt>Models</dt>
          <dd data-testid="spectrum-model">
            {'label' in info.spectrumModel
              ? `EI spectrum prediction: ${info.spectrumModel.label} (${info.spectrumModel.file}), running on ${info.spectrumModel.provider}`
              : `EI spectrum prediction unavailable: ${info.spectrumModel.error}`}
          </dd>
          <dt>Library file</dt>
          <dd>{info.libraryPath}</dd>
          <dt>Libraries</dt>
          <dd>{info.libraries.map((l) => `${l.name} (${l.spectra} spectra)`).join('; ')}</dd>
        </dl>
      ) : null}
      <button onClick={onClose}>Close</button>
    </div>
  );
}
