import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dirs } from '../paths.js';

/** What `coffer login` keeps, per Coffer address. Never written to coffer.yaml. */
export type StoredCredentials =
  | { kind: 'client'; client_id: string; client_secret: string; token?: CachedToken }
  | {
      kind: 'user';
      issuer: string;
      client_id: string;
      refresh_token?: string;
      /** Random, made at login: the offline cache key is derived from it where there is no keychain. */
      cache_seed: string;
      token?: CachedToken;
    }
  | { kind: 'federated'; resource_name: string; token?: CachedToken; cache_seed: string };

export interface CachedToken {
  access_token: string;
  /** Epoch milliseconds. */
  expires_at: number;
}

/** A place for secrets: the OS keychain, or a 0600 file when the platform has none. */
export interface SecretStore {
  readonly kind: 'keychain' | 'file';
  readonly where: string;
  get(account: string): Promise<string | undefined>;
  set(account: string, value: string): Promise<void>;
  delete(account: string): Promise<void>;
}

const SERVICE = 'coffer';

interface KeyringEntry {
  getPassword(): string | null | undefined;
  setPassword(p: string): void;
  deletePassword(): boolean;
}
type EntryCtor = new (service: string, account: string) => KeyringEntry;

/**
 * The OS keychain through @napi-rs/keyring (macOS Keychain, Windows Credential Manager, Secret
 * Service on Linux). Probed once with a write and read back; where that fails (a headless Linux
 * without a Secret Service) the file store is used instead.
 */
const tryKeychain = async (env: NodeJS.ProcessEnv): Promise<SecretStore | undefined> => {
  if (env.COFFER_NO_KEYCHAIN === '1' || env.COFFER_NO_KEYCHAIN === 'true') return undefined;
  // Without a D-Bus session there is no Secret Service; the binding would then fall back to the
  // kernel's session keyring, which forgets everything at logout: a file is the honest choice.
  if (process.platform === 'linux' && !env.DBUS_SESSION_BUS_ADDRESS) return undefined;
  let Entry: EntryCtor;
  try {
    ({ Entry } = (await import('@napi-rs/keyring')) as unknown as { Entry: EntryCtor });
    const probe = new Entry(SERVICE, '__probe__');
    probe.setPassword('ok');
    if (probe.getPassword() !== 'ok') return undefined;
    probe.deletePassword();
  } catch {
    return undefined;
  }
  return {
    kind: 'keychain',
    where: 'the OS keychain',
    get: async (a) => new Entry(SERVICE, a).getPassword() ?? undefined,
    set: async (a, v) => new Entry(SERVICE, a).setPassword(v),
    delete: async (a) => {
      try {
        new Entry(SERVICE, a).deletePassword();
      } catch {
        /* nothing stored */
      }
    },
  };
};

/** credentials.json in the user's config directory, mode 0600 in a 0700 directory. */
const fileStore = (env: NodeJS.ProcessEnv): SecretStore => {
  const dir = dirs(env).config;
  const file = join(dir, 'credentials.json');
  const read = async (): Promise<Record<string, string>> => {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  };
  const write = async (all: Record<string, string>) => {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(all, null, 2), { mode: 0o600 });
    await chmod(tmp, 0o600);
    await rename(tmp, file);
  };
  return {
    kind: 'file',
    where: file,
    get: async (a) => (await read())[a],
    set: async (a, v) => write({ ...(await read()), [a]: v }),
    delete: async (a) => {
      const all = await read();
      if (!(a in all)) return;
      delete all[a];
      await write(all);
    },
  };
};

let chosen: Promise<SecretStore> | undefined;
export const secretStore = (env: NodeJS.ProcessEnv): Promise<SecretStore> =>
  (chosen ??= tryKeychain(env).then((k) => k ?? fileStore(env)));

const accountFor = (addr: string) => `credentials:${addr}`;

export const loadCredentials = async (env: NodeJS.ProcessEnv, addr: string) => {
  const store = await secretStore(env);
  const raw = await store.get(accountFor(addr));
  return raw ? (JSON.parse(raw) as StoredCredentials) : undefined;
};
export const saveCredentials = async (env: NodeJS.ProcessEnv, addr: string, c: StoredCredentials) => {
  const store = await secretStore(env);
  await store.set(accountFor(addr), JSON.stringify(c));
  return store;
};
export const deleteCredentials = async (env: NodeJS.ProcessEnv, addr: string) => {
  const store = await secretStore(env);
  await store.delete(accountFor(addr));
  return store;
};
