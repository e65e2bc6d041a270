// Runs a built page in jsdom (no browser): the real HTML and the bundled script, with the fake platform as its
// fetch, Node's WebCrypto as its crypto, and timers whose waits are recorded and skipped.
import { readFile } from 'node:fs/promises';
import { build } from 'esbuild';
import { JSDOM } from 'jsdom';

const here = (path) => new URL(path, import.meta.url);
const bundled = new Map();

/** The page's script bundled as `npm run build` bundles it, in memory. */
export async function bundle(script = 'vote-page.js') {
  if (!bundled.has(script)) {
    bundled.set(script, (await build({
      entryPoints: [here(`../src/${script}`).pathname], bundle: true, format: 'esm', platform: 'browser',
      target: 'es2022', write: false, logLevel: 'silent',
    })).outputFiles[0].text);
  }
  return bundled.get(script);
}

/**
 * Options: `html` and `script` name the page; `rewrite(html)` changes the HTML first (as the gateway fills in
 * placeholders); `prepare(window)` runs before the script (e.g. to fill sessionStorage or install a fake
 * XMLHttpRequest); `skipWaits` (default true) runs timers of more than 50 ms at once and records their lengths.
 */
export async function openPage(platform, url,
  { html = 'vote.html', script = 'vote-page.js', rewrite = (text) => text, prepare = () => {}, skipWaits = true } = {}) {
  const dom = new JSDOM(rewrite(await readFile(here(`../src/${html}`), 'utf8')), {
    url, runScripts: 'outside-only', pretendToBeVisual: true,
  });
  const { window } = dom;
  const waits = [];
  Object.defineProperty(window, 'crypto', { value: globalThis.crypto, configurable: true });
  window.TextEncoder = TextEncoder;
  window.TextDecoder = TextDecoder;
  window.fetch = (u, init) => platform.fetch(u, init);
  const realSetTimeout = window.setTimeout.bind(window);
  window.setTimeout = (fn, ms, ...args) => {
    if (ms > 50 && skipWaits) {
      waits.push(ms);
      return realSetTimeout(fn, 0, ...args);
    }
    return realSetTimeout(fn, ms, ...args);
  };
  const clipboard = [];
  Object.defineProperty(window.navigator, 'clipboard', {
    value: { writeText: async (text) => { clipboard.push(text); } }, configurable: true,
  });
  await prepare(window);
  window.eval(await bundle(script));
  const $ = (id) => window.document.getElementById(id);
  return {
    window, dom, waits, clipboard, $,
    visible: (id) => !$(id).hidden,
    async until(condition, what, timeoutMs = 10_000) {
      const start = Date.now();
      while (!condition()) {
        if (Date.now() - start > timeoutMs) {
          throw new Error(`timed out waiting for ${what}; error shown: "${$('error-text')?.textContent}"`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    submit(formId) {
      $(formId).dispatchEvent(new window.Event('submit', { bubbles: true, cancelable: true }));
    },
    click(id) {
      $(id).click();
    },
    choose(candidate, number) {
      const select = [...$('rank-list').querySelectorAll('select')].find((s) => s.dataset.candidate === candidate);
      select.value = String(number);
      select.dispatchEvent(new window.Event('change', { bubbles: true }));
    },
  };
}
