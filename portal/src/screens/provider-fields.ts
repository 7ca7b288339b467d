/**
 * The fields of each destination's connection (credentials: write-only, never shown again) and of a
 * sync's target, as the API validates them (shared/adapters/destinations/config.ts).
 */
export type Provider = 'github' | 'vercel' | 'aws' | 'gcp' | 'azure';
export interface FieldSpec {
  readonly key: string;
  readonly label: string;
  /** Credentials: a password input, never read back. */
  readonly secret?: boolean;
  readonly optional?: boolean;
  /** `list`: comma-separated strings; `json`: a JSON document (GCP's key file). */
  readonly kind?: 'text' | 'list' | 'json' | 'select';
  readonly options?: readonly string[];
}

export const PROVIDERS: readonly { id: Provider; label: string }[] = [
  { id: 'github', label: 'GitHub Actions' },
  { id: 'vercel', label: 'Vercel' },
  { id: 'aws', label: 'AWS Secrets Manager' },
  { id: 'gcp', label: 'GCP Secret Manager' },
  { id: 'azure', label: 'Azure Key Vault' },
];

export const CONNECTION_FIELDS: Record<Provider, readonly FieldSpec[]> = {
  github: [
    { key: 'token', label: 'Token', secret: true },
    { key: 'base_url', label: 'API base URL', optional: true },
  ],
  vercel: [
    { key: 'token', label: 'Token', secret: true },
    { key: 'team_id', label: 'Team id' },
    { key: 'base_url', label: 'API base URL', optional: true },
  ],
  aws: [
    { key: 'region', label: 'Region' },
    { key: 'access_key_id', label: 'Access key id', optional: true },
    { key: 'secret_access_key', label: 'Secret access key', secret: true, optional: true },
    { key: 'role_arn', label: 'Role ARN', optional: true },
    { key: 'external_id', label: 'External id', optional: true },
    { key: 'endpoint', label: 'Endpoint URL', optional: true },
    { key: 'sts_endpoint', label: 'STS endpoint URL', optional: true },
  ],
  gcp: [
    { key: 'service_account_key', label: 'Service account key (JSON)', secret: true, kind: 'json' },
    { key: 'base_url', label: 'API base URL', optional: true },
  ],
  azure: [
    { key: 'tenant_id', label: 'Tenant id' },
    { key: 'client_id', label: 'Client id' },
    { key: 'client_secret', label: 'Client secret', secret: true },
    { key: 'vault_url', label: 'Vault URL' },
    { key: 'authority_host', label: 'Authority host', optional: true },
  ],
};

export const TARGET_FIELDS: Record<Provider, readonly FieldSpec[]> = {
  github: [
    { key: 'scope', label: 'Scope', kind: 'select', options: ['repository', 'environment', 'organization'] },
    { key: 'owner', label: 'Owner' },
    { key: 'repository', label: 'Repository', optional: true },
    { key: 'environment', label: 'Environment', optional: true },
  ],
  vercel: [
    { key: 'project', label: 'Project' },
    { key: 'targets', label: 'Environments (comma-separated)', kind: 'list' },
    { key: 'type', label: 'Type', kind: 'select', options: ['encrypted', 'sensitive', 'plain'] },
  ],
  aws: [{ key: 'name_prefix', label: 'Name prefix', optional: true }],
  gcp: [
    { key: 'project', label: 'GCP project' },
    { key: 'name_prefix', label: 'Name prefix', optional: true },
  ],
  azure: [{ key: 'name_prefix', label: 'Name prefix', optional: true }],
};

/** Form strings to the API's object: blanks dropped, lists split, JSON parsed (errors say which field). */
export const toObject = (
  fields: readonly FieldSpec[],
  form: Record<string, string>,
): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const raw = (form[f.key] ?? '').trim();
    if (raw === '') continue;
    if (f.kind === 'list')
      out[f.key] = raw
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
    else if (f.kind === 'json') {
      try {
        out[f.key] = JSON.parse(raw) as unknown;
      } catch {
        throw new Error(`${f.label} is not valid JSON`);
      }
    } else out[f.key] = raw;
  }
  return out;
};
