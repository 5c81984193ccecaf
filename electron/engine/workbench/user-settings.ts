/**
 * Settings and the recent-files list, kept in the data folder: `settings.json` (written to
 * a temporary file, then renamed, so a crash never leaves half a file) and a copy of each
 * recently imported file under `recent/`, so it can be reopened in the browser too, where
 * the app cannot read the user's disk. Without a data folder (CLI, tests) nothing is written.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, settingsSchema, type RecentFile, type Settings } from '../../common/settings.js';

const MAX_RECENT = 10;

interface SettingsFile {
  settings: Settings;
  recent: RecentFile[];
}

export class UserSettings {
  private state: SettingsFile = { settings: { ...DEFAULT_SETTINGS }, recent: [] };

  constructor(private readonly dataDir: string | undefined) {
    if (!dataDir) return;
    const path = join(dataDir, 'settings.json');
    if (!existsSync(path)) return;
    try {
      const raw = JSON.parse(readFileSync(path, 'utf8')) as Partial<SettingsFile>;
      const parsed = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...raw.settings });
      this.state = { settings: parsed.success ? parsed.data : { ...DEFAULT_SETTINGS }, recent: Array.isArray(raw.recent) ? raw.recent : [] };
    } catch {
      // A damaged settings file must not stop the app: start from the defaults.
    }
  }

  get settings(): Settings {
    return { ...this.state.settings };
  }

  update(patch: Partial<Settings>): Settings {
    this.state.settings = settingsSchema.parse({ ...this.state.settings, ...patch });
    this.save();
    return this.settings;
  }

  get recent(): RecentFile[] {
    return [...this.state.recent];
  }

  /** Remembers an imported file (most recent first) and keeps its bytes for reopening. */
  rememberFile(name: string, bytes: Buffer, spectra: number): void {
    const fileId = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
    this.state.recent = [{ fileId, name, importedAt: new Date().toISOString(), spectra }, ...this.state.recent.filter((r) => r.fileId !== fileId)];
    const dropped = this.state.recent.splice(MAX_RECENT);
    if (this.dataDir) {
      mkdirSync(join(this.dataDir, 'recent'), { recursive: true });
      writeFileSync(join(this.dataDir, 'recent', fileId), bytes);
      for (const old of dropped) rmSync(join(this.dataDir, 'recent', old.fileId), { force: true });
    }
    this.save();
  }

  recentBytes(fileId: string): { name: string; bytes: Buffer } | undefined {
    const entry = this.state.recent.find((r) => r.fileId === fileId);
    if (!entry || !this.dataDir) return undefined;
    const path = join(this.dataDir, 'recent', fileId);
    return existsSync(path) ? { name: entry.name, bytes: readFileSync(path) } : undefined;
  }

  private save(): void {
    if (!this.dataDir) return;
    mkdirSync(this.dataDir, { recursive: true });
    const path = join(this.dataDir, 'settings.json');
    const tmp = `${path}.tmp-${process.pid}`;
    writeFileSync(tmp, JSON.stringify(this.state, null, 2));
    renameSync(tmp, path);
  }
}
