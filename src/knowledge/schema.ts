import { z } from 'zod';
import { isRealDay } from '../text/dates.ts';

export const collections = ['guide', 'rcep', 'case'] as const;
export const ipTypes = [
  'patent',
  'trademark',
  'design',
  'copyright',
  'trade-secret',
  'domain',
  'gi',
] as const;
export const stages = [
  'prevention',
  'risk-warning',
  'letter-received',
  'litigation',
  'customs',
  'e-commerce',
  'trade-fair',
  'settlement',
] as const;
export const industries = [
  'machinery',
  'biomedicine',
  'electromechanical',
  'chemical-materials',
  'electronics',
  'daily-goods',
  'other',
] as const;

const jurisdiction = z
  .string()
  .regex(/^([A-Z]{2}|EU|RCEP|INT)$/u, 'use an ISO 3166-1 alpha-2 code, or EU, RCEP, INT');

// YAML reads an unquoted 2026-11-21 as a Date; accept both and keep the ISO day.
const isoDay = z.union([z.date(), z.string()]).transform((value, ctx) => {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : value;
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(text) || !isRealDay(text)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'use a date like 2026-11-21' });
    return z.NEVER;
  }
  return text;
});

export const frontMatterSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/u, 'use a lower-case slug such as us-337-response'),
    lang: z.enum(['zh', 'en']),
    title: z.string().min(1),
    collection: z.enum(collections),
    jurisdictions: z.array(jurisdiction).min(1),
    ip_types: z.array(z.enum(ipTypes)).default([]),
    stages: z.array(z.enum(stages)).default([]),
    updated: isoDay,
    /** When a person must check the document again: laws change. */
    review_by: isoDay,
    /**
     * What this update changed, in one line: the summary of the notice followers of the
     * document's markets get after a reload (an admin may reword it in the console).
     */
    change_note: z.string().min(1).max(280).optional(),
    sources: z
      .array(z.object({ title: z.string().min(1), url: z.string().url().optional() }))
      .min(1, 'list at least one source'),
    industry: z.enum(industries).optional(),
    composite: z.boolean().optional(),
    forum: z.string().optional(),
    outcome: z.string().optional(),
    parties: z.union([z.string(), z.array(z.string())]).optional(),
  })
  .superRefine((meta, ctx) => {
    if (meta.collection === 'case' && meta.industry === undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['industry'], message: 'a case needs an industry' });
    }
  });

export type FrontMatter = z.infer<typeof frontMatterSchema>;
export type Collection = (typeof collections)[number];

export interface KnowledgeDocument {
  meta: FrontMatter;
  body: string;
  /** Path relative to the knowledge folder, for reports. */
  path: string;
  /** Hash of the raw file: what changed between two builds. */
  hash: string;
}
