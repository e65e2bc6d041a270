// Builds the pages into dist/: dist/vote.html (served at /vote/{ballot}) and dist/assets/ (served at /assets/).
// One bundled script per page, no inline script or style, nothing from another origin; the checks below fail
// the build if a page breaks that (the gateway's Content-Security-Policy would break it in the browser).
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { checkPage, checkStylesheet } from './src/csp-check.js';

const here = (path) => new URL(path, import.meta.url);
const PAGES = [{ html: 'vote.html', script: 'vote-page.js' }];

await rm(here('dist'), { recursive: true, force: true });
await mkdir(here('dist/assets'), { recursive: true });

await build({
  entryPoints: PAGES.map((p) => here(`src/${p.script}`).pathname),
  outdir: here('dist/assets').pathname,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2022', 'chrome100', 'firefox100', 'safari15'],
  minify: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'info',
});

const problems = [];
for (const page of PAGES) {
  await copyFile(here(`src/${page.html}`), here(`dist/${page.html}`));
  problems.push(...checkPage(page.html, await readFile(here(`dist/${page.html}`), 'utf8')));
}
await copyFile(here('src/style.css'), here('dist/assets/style.css'));
problems.push(...checkStylesheet('style.css', await readFile(here('dist/assets/style.css'), 'utf8')));

if (problems.length > 0) {
  console.error(problems.map((p) => `error: ${p}`).join('\n'));
  process.exit(1);
}
console.log(`built ${PAGES.map((p) => p.html).join(', ')} into dist/`);
