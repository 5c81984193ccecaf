import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { chooseExecutionProvider, detectExecutionProviders } from './execution-providers.js';

describe('ONNX execution providers', () => {
  it('prefers CUDA on Linux, DirectML on Windows, CoreML on macOS, and falls back to the CPU', () => {
    expect(chooseExecutionProvider('linux', ['cuda', 'cpu'])).toBe('cuda');
    expect(chooseExecutionProvider('linux', ['cpu'])).toBe('cpu');
    expect(chooseExecutionProvider('win32', ['dml', 'cpu'])).toBe('dml');
    expect(chooseExecutionProvider('darwin', ['coreml', 'cpu'])).toBe('coreml');
    expect(chooseExecutionProvider('freebsd', ['cpu'])).toBe('cpu');
  });

  it('finds what the installed onnxruntime-node ships for each platform', () => {
    const version = (createRequire(import.meta.url)('onnxruntime-node/package.json') as { version: string }).version;
    const linux = detectExecutionProviders('linux', 'x64');
    expect(linux.onnxRuntimeVersion).toBe(version);
    // CUDA is opt-in at install time and this install skips it.
    expect(linux).toMatchObject({ available: ['cpu'], inUse: 'cpu' });
    expect(detectExecutionProviders('win32', 'x64')).toMatchObject({ available: ['dml', 'cpu'], inUse: 'dml' });
  });
});
