// What a strict Content-Security-Policy (script-src 'self'; style-src 'self'; no other origins) allows in a page.
// Used by the build and the tests; a regular-expression check on our own, hand-written HTML, not a parser.

/** Problems with a page's HTML: inline script or style, event-handler attributes, javascript: URLs, other origins. */
export function checkPage(name, html) {
  const problems = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (!/\bsrc\s*=/.test(m[1])) {
      problems.push(`${name}: inline <script>`);
    } else if (m[2].trim() !== '') {
      problems.push(`${name}: <script src> with a body`);
    }
  }
  if (/<style\b/i.test(html)) {
    problems.push(`${name}: inline <style>`);
  }
  if (/\sstyle\s*=/i.test(html)) {
    problems.push(`${name}: style attribute`);
  }
  for (const m of html.matchAll(/\s(on[a-z]+)\s*=/gi)) {
    problems.push(`${name}: event-handler attribute ${m[1]}`);
  }
  if (/=\s*["']?\s*javascript:/i.test(html)) {
    problems.push(`${name}: javascript: URL`);
  }
  for (const m of html.matchAll(/\s(src|href|action|formaction|poster|data)\s*=\s*["']?([^"'\s>]*)/gi)) {
    const url = m[2];
    if (!(url.startsWith('/') && !url.startsWith('//')) && !url.startsWith('#')) {
      problems.push(`${name}: ${m[1]}="${url}" is not a same-origin path`);
    }
  }
  return problems;
}

/** Problems with a stylesheet: imports or url()s from another origin. */
export function checkStylesheet(name, css) {
  const problems = [];
  if (/@import/i.test(css)) {
    problems.push(`${name}: @import`);
  }
  for (const m of css.matchAll(/url\(\s*["']?([^"')]*)/gi)) {
    if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(m[1]) && !m[1].startsWith('data:')) {
      problems.push(`${name}: url(${m[1]}) from another origin`);
    }
  }
  return problems;
}
