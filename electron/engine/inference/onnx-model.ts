/**
 * Finding and opening the app's ONNX models: each model in native-models/ has a JSON card
 * naming its task and file and the file's sha256. A model is opened on the execution
 * provider chosen at start; one that fails to start there falls back to the CPU.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { APP_ROOT } from '../workbench/app-paths.js';
import { detectExecutionProviders, type ExecutionProvider } from './execution-providers.js';

export const MODELS_DIR = join(APP_ROOT, 'native-models');

export interface ModelCard {
  name: string;
  version: string;
  task: string;
  file: string;
  sha256: string;
}

export class ModelUnavailableError extends Error {}

export function findModelCard<C extends ModelCard>(task: string, dir: string = MODELS_DIR): C {
  const cards = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.card.json')) : [];
  for (const file of cards.sort()) {
    const card = JSON.parse(readFileSync(join(dir, file), 'utf8')) as C;
    if (card.task === task) return card;
  }
  throw new ModelUnavailableError(`no ${task} model found: ${dir} has no model card with task "${task}"`);
}

export interface OpenModel<C extends ModelCard> {
  card: C;
  session: ort.InferenceSession;
  provider: ExecutionProvider;
}

export async function openModel<C extends ModelCard>(task: string, dir: string = MODELS_DIR, provider: ExecutionProvider = detectExecutionProviders().inUse): Promise<OpenModel<C>> {
  const card = findModelCard<C>(task, dir);
  const path = join(dir, card.file);
  if (!existsSync(path)) throw new ModelUnavailableError(`the ${task} model file ${path} named by its card is missing`);
  // Read into memory: works the same inside an asar archive, and checks the file whole.
  const bytes = readFileSync(path);
  const digest = createHash('sha256').update(bytes).digest('hex');
  if (digest !== card.sha256) throw new ModelUnavailableError(`${path} does not match its model card (sha256 ${digest.slice(0, 12)}…, card says ${card.sha256.slice(0, 12)}…): reinstall the app`);
  try {
    return { card, session: await ort.InferenceSession.create(bytes, { executionProviders: [provider] }), provider };
  } catch (err) {
    if (provider === 'cpu') throw new ModelUnavailableError(`cannot load ${path}: ${err instanceof Error ? err.message : String(err)}`);
    return { card, session: await ort.InferenceSession.create(bytes, { executionProviders: ['cpu'] }), provider: 'cpu' };
  }
}
