/** The user's settings in one place: theme, the name decisions are signed with, and the Atlas++ link. */
import { useState } from 'react';
import type { Settings } from '../../../electron/common/settings';

interface Props {
  settings: Settings;
  onChange: (patch: Partial<Settings>) => void;
  onClose: () => void;
  keySet: boolean;
  onSetKey: (apiKey: string) => void;
}

export function SettingsPanel({ settings, onChange, onClose, keySet, onSetKey }: Props) {
  const [apiKey, setApiKey] = useState('');
  return (
    <div className="about" role="dialog" aria-label="Settings" data-testid="settings">
      <h2>Settings</h2>
      <dl>
        <dt>Theme</dt>
        <dd>
          <select value={settings.theme} onChange={(e) => onChange({ theme: e.target.value as Settings['theme'] })} data-testid="theme-select">
            <option value="system">follow the system</option>
            <option value="light">light</option>
            <option value="dark">dark</option>
          </select>
        </dd>
        <dt>Analyst name</dt>
        <dd>
          <input
            type="text"
            placeholder="operating-system user"
            defaultValue={settings.analystName}
            onBlur={(e) => onChange({ analystName: e.target.value.trim() })}
            data-testid="analyst-name"
          />
        </dd>
        <dt>Atlas++ server</dt>
        <dd>
          <input type="url" placeholder="https://atlas.example.org" defaultValue={settings.atlasServer} onBlur={(e) => onChange({ atlasServer: e.target.value.trim() })} data-testid="atlas-server" />
        </dd>
        <dt>API key</dt>
        <dd>
          <input type="password" autoComplete="off" placeholder={keySet ? 'set (hidden)' : 'not set'} value={apiKey} onChange={(e) => setApiKey(e.target.value)} data-testid="atlas-key" />
          <button
            disabled={apiKey.trim() === ''}
            onClick={() => {
              onSetKey(apiKey.trim());
              setApiKey('');
            }}
            data-testid="atlas-key-save"
          >
            Save key
          </button>
        </dd>
        <dt>Subscribed collections</dt>
        <dd>
          <input
            type="text"
            placeholder="comma-separated"
            defaultValue={settings.atlasCollections.join(', ')}
            onBlur={(e) => onChange({ atlasCollections: e.target.value.split(',').map((c) => c.trim()).filter(Boolean) })}
            data-testid="atlas-collections"
          />
        </dd>
        <dt>Push accepted identifications to</dt>
        <dd>
          <input type="text" placeholder="no collection" defaultValue={settings.atlasPushCollection} onBlur={(e) => onChange({ atlasPushCollection: e.target.value.trim() })} data-testid="atlas-push" />
        </dd>
        <dt>Federated search</dt>
        <dd>
          <label>
            <input type="checkbox" checked={settings.federatedSearch} onChange={(e) => onChange({ federatedSearch: e.target.checked })} data-testid="atlas-federated" /> add the server's hits to every search
          </label>
        </dd>
      </dl>
      <p className="muted">Search parameters are kept with the project, in the bar above the results.</p>
      <button onClick={onClose}>Close</button>
    </div>
  );
}
