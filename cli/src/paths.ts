import envPaths from 'env-paths';

/**
 * Where the CLI keeps its own files: the platform's config directory for credentials (when there is no
 * OS keychain) and its cache directory for the offline copy of secrets. COFFER_CONFIG_DIR and
 * COFFER_CACHE_DIR override them (tests, containers with a read-only home).
 */
export const dirs = (env: NodeJS.ProcessEnv): { config: string; cache: string } => {
  const p = envPaths('coffer', { suffix: '' });
  return { config: env.COFFER_CONFIG_DIR || p.config, cache: env.COFFER_CACHE_DIR || p.cache };
};
