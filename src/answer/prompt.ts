import { readFile } from 'node:fs/promises';
import { IpriskError } from '../errors.ts';

const required = ['{{language}}', '{{question}}', '{{passages}}'];

export interface PromptTemplate {
  render(values: { language: string; question: string; passages: string }): string;
}

/** Loads a prompt template and checks it has every placeholder, so a broken edit fails at start. */
export async function loadPromptTemplate(path: string): Promise<PromptTemplate> {
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
    render: (values) =>
      text
        .replaceAll('{{language}}', values.language)
        .replaceAll('{{question}}', values.question)
        .replaceAll('{{passages}}', values.passages),
  };
}
