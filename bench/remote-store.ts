import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** The store process of bench/store-process.ts, started and stopped from the benchmark. */
export interface RemoteStore {
  readonly endpoint: string;
  close(): Promise<void>;
}

export const startStoreProcess = async (path: string): Promise<RemoteStore> => {
  const child = fork(fileURLToPath(new URL('./store-process.ts', import.meta.url)), [path], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const [message] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`the store process exited (${String(code)}) before listening`);
    }),
  ])) as [{ endpoint: string }];
  return {
    endpoint: message.endpoint,
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.send('close');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill();
    },
  };
};

/** `--store process` (default) or `--store inline` (the embedded store inside the service's process). */
export const storeArgument = (argv: readonly string[]): 'process' | 'inline' => {
  const i = argv.findIndex((a) => a === '--store' || a.startsWith('--store='));
  if (i < 0) return 'process';
  const raw = argv[i]?.includes('=') ? argv[i]?.split('=')[1] : argv[i + 1];
  if (raw !== 'process' && raw !== 'inline') throw new Error(`--store: process or inline, not ${raw}`);
  return raw;
};
