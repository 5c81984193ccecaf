import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test-support/shared-data.js';

// Packaging needs the Electron download, which these machines cannot make; the
// configuration is checked instead: by electron-builder's own validator, and against the
// files it must pick up.
const config = JSON.parse(readFileSync(join(REPO_ROOT, 'build', 'electron-builder.json'), 'utf8')) as {
  files: string[];
  asarUnpack: string[];
  icon: string;
  directories: { buildResources: string; output: string };
  fileAssociations: { ext: string | string[] }[];
  linux: { target: string[] };
  win: { target: string[] };
  mac: { target: string[] };
  extraMetadata?: Record<string, unknown>;
};
const require = createRequire(import.meta.url);

function listFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) listFiles(path, out);
    else out.push(relative(REPO_ROOT, path).split('\\').join('/'));
  }
  return out;
}

/** The shipped models and their cards (the training pipeline beside them does not ship). */
const modelFiles = readdirSync(join(REPO_ROOT, 'native-models')).map((f) => `native-models/${f}`);

describe('electron-builder configuration', () => {
  it('passes electron-builder\'s own schema validation', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration: (c: unknown, logger: unknown) => Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('builds AppImage and deb, NSIS and dmg, with the app icon and the version from package.json', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(statSync(join(REPO_ROOT, config.icon)).size).toBeGreaterThan(1000);
    expect(readFileSync(join(REPO_ROOT, config.icon)).subarray(1, 4).toString()).toBe('PNG');
    expect(config.extraMetadata?.version).toBeUndefined();
  });

  it('associates the spectrum file types', () => {
    const extensions = config.fileAssociations.flatMap((a) => (Array.isArray(a.ext) ? a.ext : [a.ext]));
    for (const ext of ['msp', 'mgf', 'mzML', 'jdx']) expect(extensions).toContain(ext);
  });

  it('packs the built app and unpacks every native module from the asar', () => {
    const candidates = [...listFiles(join(REPO_ROOT, 'dist')), ...listFiles(join(REPO_ROOT, 'renderer', 'dist')), ...listFiles(join(REPO_ROOT, 'resources')), ...modelFiles, 'package.json'];
    for (const pattern of config.files.filter((p) => !p.startsWith('!'))) {
      expect(candidates.some((f) => minimatch(f, pattern)), `files pattern ${pattern} matches nothing (run npm run build)`).toBe(true);
    }
    expect(candidates.some((f) => minimatch(f, 'dist/electron/electron-main/main.js'))).toBe(true);

    const nativeFiles = [...modelFiles.filter((f) => f.endsWith('.onnx')), ...listFiles(join(REPO_ROOT, 'node_modules', 'better-sqlite3')), ...listFiles(join(REPO_ROOT, 'node_modules', 'hnswlib-node')), ...listFiles(join(REPO_ROOT, 'node_modules', '@rdkit', 'rdkit')), ...listFiles(join(REPO_ROOT, 'node_modules', 'onnxruntime-node', 'bin'))].filter((f) => /\.(node|wasm|so(\.\d+)*|dll|dylib|onnx)$/.test(f));
    expect(nativeFiles.length).toBeGreaterThanOrEqual(5);
    for (const file of nativeFiles) {
      expect(config.asarUnpack.some((p) => minimatch(file, p)), `${file} would stay inside the asar`).toBe(true);
    }
    for (const pattern of config.asarUnpack) {
      expect(nativeFiles.some((f) => minimatch(f, pattern)), `asarUnpack ${pattern} matches nothing`).toBe(true);
    }
  });

  it('names a main entry that the Electron build produces', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/electron/electron-main/main.js');
    expect(statSync(join(REPO_ROOT, pkg.main)).isFile()).toBe(true);
    expect(statSync(join(REPO_ROOT, 'dist', 'electron', 'preload.cjs')).isFile()).toBe(true);
  });
});
