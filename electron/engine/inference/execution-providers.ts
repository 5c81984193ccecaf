/**
 * Which ONNX Runtime execution providers this machine has, and which one inference uses:
 * CUDA on Linux where its provider library is installed, DirectML on Windows, CoreML on
 * macOS, else the CPU. Reported by `nexa doctor` and the About panel.
 */
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type ExecutionProvider = 'cuda' | 'dml' | 'coreml' | 'cpu';

export interface ExecutionProviderReport {
  onnxRuntimeVersion: string;
  available: ExecutionProvider[];
  inUse: ExecutionProvider;
}

const PREFERENCE: Record<string, ExecutionProvider[]> = {
  linux: ['cuda', 'cpu'],
  win32: ['dml', 'cpu'],
  darwin: ['coreml', 'cpu'],
};

/** The preferred available provider for a platform (pure, for tests). */
export function chooseExecutionProvider(platform: string, available: readonly ExecutionProvider[]): ExecutionProvider {
  return (PREFERENCE[platform] ?? ['cpu']).find((p) => available.includes(p)) ?? 'cpu';
}

/**
 * onnxruntime-node ships CPU (and DirectML on Windows, CoreML on macOS) in its own
 * binaries; CUDA is an opt-in download (`ONNXRUNTIME_NODE_INSTALL=cuda12` or similar at
 * install time), detected by its provider library beside the binding.
 */
export function detectExecutionProviders(platform: string = process.platform, arch: string = process.arch): ExecutionProviderReport {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('onnxruntime-node/package.json');
  const version = (require(packageJson) as { version: string }).version;
  const binRoot = join(dirname(packageJson), 'bin');
  const libraries = existsSync(binRoot)
    ? readdirSync(binRoot).flatMap((napi) => {
        const dir = join(binRoot, napi, platform, arch);
        return existsSync(dir) ? readdirSync(dir) : [];
      })
    : [];
  const available: ExecutionProvider[] = ['cpu'];
  if (platform === 'linux' && libraries.some((f) => /onnxruntime_providers_cuda/.test(f))) available.unshift('cuda');
  if (platform === 'win32' && libraries.some((f) => /DirectML/i.test(f))) available.unshift('dml');
  if (platform === 'darwin') available.unshift('coreml');
  return { onnxRuntimeVersion: version, available, inUse: chooseExecutionProvider(platform, available) };
}
