import { z } from 'zod';
import { readDataFile } from '../knowledge/data-files.ts';

export const followingFileSchema = z.object({
  quick_markets: z.array(z.string().regex(/^([A-Z]{2}|EU)$/u)).default([]),
  segments: z.array(
    z.object({
      id: z.string().regex(/^[a-z][a-z-]*$/u),
      en: z.array(z.string().min(1)).min(1),
      zh: z.array(z.string().min(1)).min(1),
    }),
  ),
});

export type Segments = z.infer<typeof followingFileSchema>['segments'];

export interface FollowingData {
  /** The markets offered as buttons, most followed first. */
  quickMarkets: string[];
  segments: Segments;
}

/** `data/following.yaml` (the knowledge folder's, else the shipped one). */
export function loadFollowingData(knowledgeDir: string): Promise<FollowingData> {
  return readDataFile(knowledgeDir, 'following.yaml', followingFileSchema).then((file) => ({
    quickMarkets: file.quick_markets,
    segments: file.segments,
  }));
}
