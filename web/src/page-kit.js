// What every page does the same way: elements by id, text put in with textContent only (never HTML), the API's
// problem detail shown in the page's alert, times in the reader's words.

import { ApiError } from './voter.js';

export const $ = (id) => document.getElementById(id);

export function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text != null) {
    node.textContent = text;
  }
  if (className) {
    node.className = className;
  }
  return node;
}

/** One finding of a check made on this device, said in words (not colour alone): "Passed: …" or "Failed: …". */
export function check(ok, passed, failed) {
  const li = el('li', ok ? passed : failed, ok ? 'check-pass' : 'check-fail');
  li.prepend(el('span', ok ? 'Passed: ' : 'Failed: ', 'check-word'));
  return li;
}

export function showError(message) {
  $('error-text').textContent = message;
  $('error').hidden = false;
  $('error').focus();
}

export function clearError() {
  $('error').hidden = true;
  $('error-text').textContent = '';
}

/** What to tell the reader: the API's problem detail when there is one, never a stack. */
export function explain(error) {
  if (error instanceof ApiError) {
    return error.message;
  }
  return error?.message ? String(error.message) : 'Something unexpected happened. Please try again.';
}

export function when(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return String(iso);
  }
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit',
    timeZoneName: 'short',
  }).format(date);
}

/** The id a page is about, from its own path (/vote/{id}, /record/{id}, /roll/{id}): a UUID, or null. */
export function idFromPath(pathname, route) {
  const m = new RegExp(`^/${route}/([0-9a-fA-F-]{36})/?$`).exec(pathname);
  return m ? m[1].toLowerCase() : null;
}
