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
    /** Atlas++ server ("" when none); its API key is kept apart, never in this file. */
    atlasServer: z.union([z.literal(''), z.string().url().max(500)]),
    /** Collections pulled into local libraries by a sync. */
    atlasCollections: z.array(z.string().min(1).max(200)).max(50),
    /** Collection accepted identifications are pushed to ("" pushes nothing). */
    atlasPushCollection: z.string().max(200),
    /** Add the server's hits to every search, labelled by source. */
    federatedSearch: z.boolean(),
  })
  .strict();

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = { theme: 'system', analystName: '', atlasServer: '', atlasCollections: [], atlasPushCollection: '', federatedSearch: false };

export interface RecentFile {
  fileId: string;
  name: string;
  importedAt: string;
  spectra: number;
}
