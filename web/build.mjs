// Builds the pages into OUT (the first argument; dist/ if none), laid out as the gateway serves them from its
// classpath: OUT/META-INF/selectorate-pages/<page>.html (each served at its route, e.g. /vote/{ballot}, by the
// gateway's Pages) and OUT/META-INF/resources/assets/ (static, at /assets/). One bundled script per page, no inline
// script or style, nothing from another origin; the checks below fail the build if a page breaks that (the
// gateway's Content-Security-Policy would break it in the browser).
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkPage, checkStylesheet } from './src/csp-check.js';

const here = (path) => new URL(path, import.meta.url);
const out = process.argv[2] ? pathToFileURL(resolve(process.argv[2]) + '/') : here('dist/');
const pagesDir = new URL('META-INF/selectorate-pages/', out);
const assetsDir = new URL('META-INF/resources/assets/', out);
const PAGES = [
  { html: 'vote.html', script: 'vote-page.js' },
  { html: 'record.html', script: 'record-page.js' },
  { html: 'roll.html', script: 'roll-page.js' },
  { html: 'console.html', script: 'console-page.js' },
];

await rm(pagesDir, { recursive: true, force: true });
await rm(assetsDir, { recursive: true, force: true });
await mkdir(pagesDir, { recursive: true });
await mkdir(assetsDir, { recursive: true });

await build({
  entryPoints: PAGES.map((p) => here(`src/${p.script}`).pathname),
  outdir: assetsDir.pathname,
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
  await copyFile(here(`src/${page.html}`), new URL(page.html, pagesDir));
  problems.push(...checkPage(page.html, await readFile(new URL(page.html, pagesDir), 'utf8')));
}
await copyFile(here('src/style.css'), new URL('style.css', assetsDir));
problems.push(...checkStylesheet('style.css', await readFile(new URL('style.css', assetsDir), 'utf8')));

if (problems.length > 0) {
  console.error(problems.map((p) => `error: ${p}`).join('\n'));
  process.exit(1);
}
console.log(`built ${PAGES.map((p) => p.html).join(', ')} into ${out.pathname}`);
