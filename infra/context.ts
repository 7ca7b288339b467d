import { z } from 'zod';
import type { CofferStackProps } from './coffer-stack.js';

/**
 * CDK context keys (`cdk deploy -c coffer:stage=dev`, or the `context` block of infra/cdk.json)
 * and how they map to `CofferStackProps`. Every key is optional; the defaults are the props'.
 */
export const CONTEXT_KEYS = {
  stage: 'coffer:stage',
  oidcIssuers: 'coffer:oidcIssuers',
  domainName: 'coffer:domainName',
  certificateArn: 'coffer:certificateArn',
  logRetentionDays: 'coffer:logRetentionDays',
  alarmEmail: 'coffer:alarmEmail',
  syncIntervalMinutes: 'coffer:syncIntervalMinutes',
  signInIssuer: 'coffer:signInIssuer',
  signInClientId: 'coffer:signInClientId',
  signInClientSecretArn: 'coffer:signInClientSecretArn',
  signInCliClientId: 'coffer:signInCliClientId',
} as const;

/** Parsed JSON, or the text itself (which the schema then rejects with a readable message). */
const parseJsonOr = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

const httpsUrl = z.url({ protocol: /^https$/ });

/**
 * Issuers as a JSON array of `OidcIssuer` objects (camelCase keys, as the prop). On the command
 * line that array arrives as a string.
 */
const issuerList = z.preprocess(
  (v) => (typeof v === 'string' ? parseJsonOr(v) : v),
  z.array(
    z.strictObject({
      issuer: httpsUrl,
      audience: z.string().min(1),
      userIdClaim: z.string().min(1).optional(),
      emailClaim: z.string().min(1).optional(),
      jwksUri: httpsUrl.optional(),
      typ: z.string().min(1).optional(),
    }),
  ),
);

const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);

const ContextSchema = z
  .object({
    stage: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,19}$/, 'lower-case letters, digits and dashes, starting with a letter')
      .optional(),
    oidcIssuers: issuerList.optional(),
    domainName: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/i)
        .optional(),
    ),
    certificateArn: z.preprocess(blankToUndefined, z.string().startsWith('arn:').optional()),
    logRetentionDays: z.coerce.number().int().positive().optional(),
    alarmEmail: z.preprocess(blankToUndefined, z.email().optional()),
    syncIntervalMinutes: z.coerce.number().int().min(0).max(1440).optional(),
    signInIssuer: z.preprocess(blankToUndefined, httpsUrl.optional()),
    signInClientId: z.preprocess(blankToUndefined, z.string().min(1).optional()),
    signInClientSecretArn: z.preprocess(blankToUndefined, z.string().startsWith('arn:').optional()),
    signInCliClientId: z.preprocess(blankToUndefined, z.string().min(1).optional()),
  })
  .refine(
    (c) =>
      (c.signInIssuer === undefined) === (c.signInClientId === undefined) &&
      (c.signInIssuer === undefined) === (c.signInClientSecretArn === undefined),
    {
      message: `set ${CONTEXT_KEYS.signInIssuer}, ${CONTEXT_KEYS.signInClientId} and ${CONTEXT_KEYS.signInClientSecretArn} together, or none (a Cognito user pool is created)`,
    },
  )
  .refine((c) => (c.domainName === undefined) === (c.certificateArn === undefined), {
    message: `set both ${CONTEXT_KEYS.domainName} and ${CONTEXT_KEYS.certificateArn}, or neither`,
  });

/** Reads and validates the stack's context; throws one error naming every bad key. */
export const propsFromContext = (get: (key: string) => unknown): CofferStackProps => {
  const raw = Object.fromEntries(Object.entries(CONTEXT_KEYS).map(([prop, key]) => [prop, get(key)]));
  const parsed = ContextSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const prop = String(i.path[0] ?? '');
      const key = CONTEXT_KEYS[prop as keyof typeof CONTEXT_KEYS] ?? 'context';
      return `  ${key}: ${i.message}`;
    });
    throw new Error(`invalid CDK context:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    stageName: c.stage,
    oidcIssuers: c.oidcIssuers,
    customDomain:
      c.domainName && c.certificateArn
        ? { domainName: c.domainName, certificateArn: c.certificateArn }
        : undefined,
    logRetentionDays: c.logRetentionDays,
    alarmEmail: c.alarmEmail,
    syncIntervalMinutes: c.syncIntervalMinutes,
    signIn:
      c.signInIssuer && c.signInClientId && c.signInClientSecretArn
        ? {
            issuer: c.signInIssuer,
            clientId: c.signInClientId,
            clientSecretArn: c.signInClientSecretArn,
            ...(c.signInCliClientId ? { cliClientId: c.signInCliClientId } : {}),
          }
        : undefined,
  };
};
