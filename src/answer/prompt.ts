import { readFile } from 'node:fs/promises';
import { IpriskError } from '../errors.ts';

/** The placeholders each prompt in prompts/ must keep. */
const placeholders = {
  answer: ['language', 'question', 'passages'],
  rewrite: ['history', 'question'],
} as const;

export interface PromptTemplate<K extends string = 'language' | 'question' | 'passages'> {
  render(values: Record<K, string>): string;
}

/** Loads a prompt template and checks it has every placeholder, so a broken edit fails at start. */
export async function loadPromptTemplate(path: string): Promise<PromptTemplate>;
export async function loadPromptTemplate<P extends keyof typeof placeholders>(
  path: string,
  kind: P,
): Promise<PromptTemplate<(typeof placeholders)[P][number]>>;
export async function loadPromptTemplate(path: string, kind: keyof typeof placeholders = 'answer') {
  const required = placeholders[kind].map((name) => `{{${name}}}`);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new IpriskError('CONFIG_INVALID', `Cannot read the prompt template ${path}`, {
      cause: error,
      hint: 'Restore prompts/answer.md from the repository.',
    });
  }
  const missing = required.filter((placeholder) => !text.includes(placeholder));
  if (missing.length > 0) {
    throw new IpriskError('CONFIG_INVALID', `The prompt template ${path} lacks ${missing.join(', ')}`, {
      hint: 'Put the placeholders back; the answer cannot be composed without them.',
    });
  }
  return {
    render: (values: Record<string, string>) =>
      // A function, so a "$&" or "$'" in a passage is text, not a replacement pattern.
      Object.entries(values).reduce((out, [name, value]) => out.replaceAll(`{{${name}}}`, () => value), text),
  };
}
