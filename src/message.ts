/** Where a message came from; adapters translate their platform's events into IncomingMessage. */
export type Platform = 'telegram' | 'slack' | 'console' | 'http';

export interface IncomingMessage {
  platform: Platform;
  /** The conversation the session belongs to, e.g. telegram:<chat id> or slack:<channel>:<thread ts>. */
  conversationId: string;
  /** The sender, platform-prefixed (telegram:123, slack:U123). */
  userId: string;
  text: string;
}
