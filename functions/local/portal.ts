import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { cacheControlFor, isApiPath, PORTAL_SECURITY_HEADERS } from '../../shared/web/portal-site.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

interface StaticFile {
  readonly body: Uint8Array<ArrayBuffer>;
  readonly type: string;
}

/** The request handler shape of the local server (start-guards.ts): the request and the Node bindings. */
type Fetch = (req: Request, env: unknown) => Response | Promise<Response>;

/** Every file of the built portal, by URL path. Read once at start-up: a request never touches the disk. */
const loadFiles = async (dir: string): Promise<Map<string, StaticFile>> => {
  const files = new Map<string, StaticFile>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    const url = '/' + relative(dir, full).split(sep).join('/');
    const type = TYPES[extname(entry.name)] ?? 'application/octet-stream';
    files.set(url, { body: new Uint8Array(await readFile(full)), type });
  }
  return files;
};

/**
 * Puts the built portal (portal/dist) in front of the API on the same origin: GET and HEAD for a path
 * the API does not own get the file, or index.html for the app's own routes; everything else goes to
 * the API. Returns the API unchanged when the portal has not been built.
 */
export const withPortal = async (api: Fetch, distDir: string): Promise<{ fetch: Fetch; served: boolean }> => {
  const index = await stat(join(distDir, 'index.html')).catch(() => undefined);
  if (!index?.isFile()) return { fetch: api, served: false };
  const files = await loadFiles(distDir);
  const page = files.get('/index.html');
  if (!page) return { fetch: api, served: false };

  const respond = (req: Request, path: string, file: StaticFile, status = 200) =>
    new Response(req.method === 'HEAD' ? null : file.body, {
      status,
      headers: {
        ...PORTAL_SECURITY_HEADERS,
        'content-type': file.type,
        'cache-control': cacheControlFor(path),
      },
    });

  const fetch: Fetch = (req, env) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return api(req, env);
    const path = new URL(req.url).pathname;
    if (isApiPath(path)) return api(req, env);
    const file = files.get(path === '/' ? '/index.html' : path);
    if (file) return respond(req, path, file);
    // A missing hashed asset is a 404, not the app: a stale tab must not parse HTML as script.
    if (path.startsWith('/assets/') || extname(path) !== '') return api(req, env);
    return respond(req, '/index.html', page);
  };
  return { fetch, served: true };
};
