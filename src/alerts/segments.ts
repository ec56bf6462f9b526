import { z } from 'zod';
import { readDataFile } from '../knowledge/data-files.ts';

export const segmentsFileSchema = z.object({
  segments: z.array(
    z.object({
      id: z.string().regex(/^[a-z][a-z-]*$/u),
      en: z.array(z.string().min(1)).min(1),
      zh: z.array(z.string().min(1)).min(1),
    }),
  ),
});

export type Segments = z.infer<typeof segmentsFileSchema>['segments'];

/** The industry segments of `data/segments.yaml` (the knowledge folder's, else the shipped one). */
export function loadSegments(knowledgeDir: string): Promise<Segments> {
  return readDataFile(knowledgeDir, 'segments.yaml', segmentsFileSchema).then((file) => file.segments);
}
