import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Rolldown } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The JS budget per screen, gzipped: what a browser downloads to show that screen on a cold load
 * (the entry chunk, the screen's own chunk and every chunk they import). A quarter of the issue's
 * 200 KB for the first screen, for every screen: the portal stays light as it grows.
 */
export const SCREEN_BUDGET_BYTES = 50 * 1024;

export interface ScreenSize {
  /** The screen module under src/screens, without extension. */
  readonly screen: string;
  /** Gzipped bytes of the JS needed for the screen (entry included). */
  readonly jsGzip: number;
  /** Gzipped bytes of the screen's own chunks beyond the entry. */
  readonly ownGzip: number;
}

type Chunk = Rolldown.OutputChunk;

/** Builds the portal in memory (nothing written) and measures every lazily loaded screen. */
export const measureScreens = async (): Promise<{
  entryGzip: number;
  cssGzip: number;
  screens: ScreenSize[];
}> => {
  const out = await build({ root, logLevel: 'silent', build: { write: false } });
  const outputs = (Array.isArray(out) ? out : [out]).flatMap((o) => ('output' in o ? o.output : []));
  const chunks = new Map(outputs.filter((o): o is Chunk => o.type === 'chunk').map((c) => [c.fileName, c]));
  const gz = (text: string | Uint8Array) => gzipSync(text).length;
  const closure = (file: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(file)) return seen;
    seen.add(file);
    for (const i of chunks.get(file)?.imports ?? []) closure(i, seen);
    return seen;
  };
  const size = (files: Iterable<string>) => [...files].reduce((n, f) => n + gz(chunks.get(f)!.code), 0);
  const entry = [...chunks.values()].find((c) => c.isEntry);
  if (!entry) throw new Error('the portal build has no entry chunk');
  const entryFiles = closure(entry.fileName);
  const cssGzip = outputs
    .filter((o) => o.type === 'asset' && o.fileName.endsWith('.css'))
    .reduce((n, o) => n + gz((o as Rolldown.OutputAsset).source), 0);
  const screens = [...chunks.values()]
    .filter((c) => c.isDynamicEntry && c.facadeModuleId?.includes('/src/screens/'))
    .map((c) => {
      const own = [...closure(c.fileName)].filter((f) => !entryFiles.has(f));
      const screen = c.facadeModuleId!.replace(/^.*\/src\/screens\//, '').replace(/\.tsx?$/, '');
      return { screen, ownGzip: size(own), jsGzip: size(entryFiles) + size(own) };
    })
    .sort((a, b) => a.screen.localeCompare(b.screen));
  return { entryGzip: size(entryFiles), cssGzip, screens };
};

// `npm run portal:sizes`: the table README.md shows.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { entryGzip, cssGzip, screens } = await measureScreens();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`| Screen | JS gzipped (entry + screen) | of which the screen's own chunks |`);
  console.log(`| ------ | --------------------------- | -------------------------------- |`);
  for (const s of screens) console.log(`| ${s.screen} | ${kb(s.jsGzip)} | ${kb(s.ownGzip)} |`);
  console.log(
    `\nEntry (shell, router, API client): ${kb(entryGzip)}; CSS: ${kb(cssGzip)}; budget per screen: ${kb(SCREEN_BUDGET_BYTES)}.`,
  );
}
