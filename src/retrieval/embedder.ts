import { OpenAIEmbeddings } from '@langchain/openai';
import type { Config } from '../config/config.ts';
import type { Tokenizer } from '../text/tokenizer.ts';
import type { Embedder } from './index-builder.ts';
import { LocalHashEmbeddings } from './local-embeddings.ts';

/** EMBEDDINGS=local (default, offline) or openai (any OpenAI-compatible server). */
export function embedderFor(config: Config): (tokenizer: Tokenizer) => Embedder {
  return (tokenizer) => {
    if (config.EMBEDDINGS === 'openai') {
      const embeddings = new OpenAIEmbeddings({
        model: config.EMBEDDING_MODEL,
        apiKey: config.OPENAI_API_KEY,
        ...(config.OPENAI_BASE_URL ? { configuration: { baseURL: config.OPENAI_BASE_URL } } : {}),
      });
      return { embeddings, id: `openai:${config.EMBEDDING_MODEL}` };
    }
    const embeddings = new LocalHashEmbeddings({ tokenizer });
    return { embeddings, id: embeddings.id };
  };
}
