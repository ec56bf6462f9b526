import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { afterAll, beforeAll } from 'vitest';
import type { RedisClient } from '../../src/sessions/redis-store.ts';

export interface RedisServer {
  url: string;
  /** Stops the server, keeping its port, until `start()`. */
  halt(): Promise<void>;
  start(): Promise<void>;
  port: number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A real, throwaway redis-server on a free loopback port with its own temp directory. */
/** A real, throwaway redis-server on a free loopback port with its own temp directory. */
export async function startRedis(): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'iprisk-redis-'));
  const port = await freePort();
  let child = await spawnRedis(port, dir);
  const stopChild = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    /** Stops the server but keeps its port and directory, for a later `start()`: an outage. */
    halt: stopChild,
    async start() {
      child = await spawnRedis(port, dir);
    },
    async stop() {
      await stopChild();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function spawnRedis(port: number, dir: string): Promise<ChildProcess> {
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output}`)), 10_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(
        new Error(`cannot run redis-server (install it: apt-get install redis-server): ${error.message}`),
      );
    });
    child.stdout?.on('data', (data: Buffer) => {
      output += data.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return child;
}

/**
 * For a describe block: a throwaway redis-server and a connected client, started before its
 * tests and stopped after. Read `server` and `client` inside tests (they are set in beforeAll).
 */
export function useRedisClient(): { readonly server: RedisServer; readonly client: RedisClient } {
  let server: RedisServer | undefined;
  let client: RedisClient | undefined;
  beforeAll(async () => {
    server = await startRedis();
    client = createClient({ url: server.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.quit();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error('redis-server is not started yet (use it inside a test)');
      return server;
    },
    get client() {
      if (!client) throw new Error('redis client is not connected yet (use it inside a test)');
      return client;
    },
  };
}
