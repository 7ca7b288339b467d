/** What `npm start` prints about signing in as a person with the development provider. */
export const devUserBanner = (
  url: string,
  u: { email: string; generatedPassword?: string; issuer: string },
): string =>
  [
    '',
    `Sign in as a person (local development identity provider at ${u.issuer}):`,
    `  open ${url}/auth/login`,
    `  COFFER_DEV_USER_EMAIL=${u.email}`,
    u.generatedPassword
      ? `  COFFER_DEV_USER_PASSWORD=${u.generatedPassword}   (shown this once; only its hash is kept)`
      : '  password: the one set at first start or in COFFER_DEV_USER_PASSWORD (only its hash is kept)',
    '',
  ].join('\n');
