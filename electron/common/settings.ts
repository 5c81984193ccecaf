/**
 * The user's settings, in one place: appearance and who signs decisions. Search
 * parameters live with the project (they belong to the work, not the person).
 */
import { z } from 'zod';

export const settingsSchema = z
  .object({
    theme: z.enum(['system', 'light', 'dark']),
    /** Name recorded with decisions; the operating-system user when empty. */
    analystName: z.string().max(200),
  })
  .strict();

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = { theme: 'system', analystName: '' };

export interface RecentFile {
  fileId: string;
  name: string;
  importedAt: string;
  spectra: number;
}
