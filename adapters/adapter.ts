/** A started chat adapter; `stop` ends polling or sockets and waits for work in flight. */
export interface RunningAdapter {
  name: string;
  stop(): Promise<void>;
}
