// `npm start` runs this first, so a fresh clone works with `npm ci && npm start` and a `git pull`
// never serves a stale portal.
import { buildPortalIfStale } from './build-if-stale.js';

try {
  if (await buildPortalIfStale()) console.log('Built the portal (portal/dist).');
} catch (e) {
  console.error(`The portal did not build (${e instanceof Error ? e.message : String(e)}).`);
  console.error('`npm run start:api` starts the API without it.');
  process.exitCode = 1;
}
