/** The user's settings in one place: theme and the name decisions are signed with. */
import type { Settings } from '../../../electron/common/settings';

interface Props {
  settings: Settings;
  onChange: (patch: Partial<Settings>) => void;
  onClose: () => void;
}

export function SettingsPanel({ settings, onChange, onClose }: Props) {
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
      </dl>
      <p className="muted">Search parameters are kept with the project, in the bar above the results.</p>
      <button onClick={onClose}>Close</button>
    </div>
  );
}
