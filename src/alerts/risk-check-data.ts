import { z } from 'zod';
import { readDataFile } from '../knowledge/data-files.ts';

const both = { en: z.string().min(1), zh: z.string().min(1) };
/** A choice: tapped, or typed as its label or one of its words. */
const option = z.object({
  id: z.string().regex(/^[a-z][a-z-]*$/u),
  ...both,
  words: z.array(z.string().min(1)).default([]),
});
const answerWords = z.object({ ...both, words: z.array(z.string().min(1)).default([]) });

const question = z.object({
  id: z.enum(['markets', 'ip_types', 'channels', 'registered', 'selling', 'patent_search']),
  kind: z.enum(['markets', 'registered', 'multi', 'yes-no']),
  ...both,
  /** The question as a form field's label. */
  form: z.object(both),
  options: z.array(option).default([]),
});

const condition = z
  .string()
  .regex(/^(always|brand_unregistered|no_patent_search|channel:[a-z-]+|ip_type:[a-z-]+)$/u, {
    message: 'use always, brand_unregistered, no_patent_search, channel:<id> or ip_type:<id>',
  });

export const riskCheckFileSchema = z.object({
  questions: z.array(question).min(1),
  yes_no: z.object({ yes: answerWords, no: answerWords }),
  group_names: z.record(z.string(), z.object(both)).default({}),
  items: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z][a-z-]*$/u),
        when: condition,
        urgent_if: z.enum(['selling']).optional(),
        ...both,
        search: z.object(both),
      }),
    )
    .min(1),
});

export type RiskCheckData = z.infer<typeof riskCheckFileSchema>;
export type CheckQuestion = RiskCheckData['questions'][number];
export type CheckItemRule = RiskCheckData['items'][number];

/** `data/risk-check.yaml` (the knowledge folder's, else the shipped one). */
export function loadRiskCheckData(knowledgeDir: string): Promise<RiskCheckData> {
  return readDataFile(knowledgeDir, 'risk-check.yaml', riskCheckFileSchema);
}
