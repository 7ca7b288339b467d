import { parseLocalConfig } from '../../shared/config.js';
import { startLocalCoffer } from './runtime.js';
import { devUserBanner } from './dev-oidc/banner.js';

/** `npm start`: Coffer on one machine. */
const main = async () => {
  const config = parseLocalConfig(process.env);
  const coffer = await startLocalCoffer(config);
  const { state, generatedSecret } = coffer.bootstrap;
  if (generatedSecret) {
    console.log(
      [
        '',
        'First start: created organization "default", project "default" and an admin service principal',
        '(bootstrap-admin). Its client secret is shown this once; store it now. To use it from another',
        'terminal, paste these lines there (set COFFER_BOOTSTRAP_CLIENT_ID/SECRET to fix your own):',
        '',
        `export COFFER_ADDR=${coffer.url}`,
        `export COFFER_CLIENT_ID=${state.client_id}`,
        `export COFFER_CLIENT_SECRET=${generatedSecret}`,
        '',
      ].join('\n'),
    );
  }
  if (coffer.devUser) console.log(devUserBanner(coffer.url, coffer.devUser));
  console.log(`Organization ${state.organization_id}, project ${state.project_id}`);
  console.log(`Coffer listening on ${coffer.url}`);
  console.log(
    coffer.portalServed
      ? `Portal: open ${coffer.url}/ in a browser`
      : 'Portal not built (run `npm run build -w portal`); serving the API only',
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, stopping`);
    await coffer.close();
    process.exitCode = 0;
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
};

main().catch((e: unknown) => {
  console.error(`Coffer failed to start: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
