// The runtime's words in the page's language. A page written in another
// language carries its translations in [data-cx-strings] (JSON in an attribute,
// like the model: Material re-runs inline scripts after instant navigation),
// drawn from content/<code>/interface.yml by the generator. The key is the
// English text itself, so an English page needs no table and a word not
// translated yet is shown in English. Pass each key to t or tn as a string
// literal in double quotes: the generator finds them there, and `check`
// counts them in its translation report.

let holder = null;
let table = {};

function strings() {
  // Read again after an instant navigation brought another page (and language).
  const found = typeof document === "undefined" ? null : document.querySelector("[data-cx-strings]");
  if (found !== holder) {
    holder = found;
    try {
      table = found ? JSON.parse(found.getAttribute("data-cx-strings")) || {} : {};
    } catch {
      table = {};
    }
  }
  return table;
}

/** The English `text` in the page's language, with {name} filled in from `params`. */
export function t(text, params) {
  const wording = strings()[text] || text;
  if (!params) return wording;
  return wording.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** "{n} question" or "{n} questions" (each a key of its own), in the page's language. */
export function tn(n, one, many, params) {
  return t(n === 1 ? one : many, { ...params, n });
}

/** The page's language, for dates and numbers. */
export function language() {
  return (typeof document !== "undefined" && document.documentElement.lang) || undefined;
}

/**
 * A date formatter made on first use and kept per language: `dateFormat(options)()`
 * is the formatter for the language `lang()` gives (the page's; `() => undefined`
 * for the browser's own). A browser's first formatter loads its locale data, some
 * 40 ms of the main thread (150 ms on a slow phone): start-up should not pay for
 * a date nobody is shown yet. `.ready()` tells whether that price is already paid.
 */
export function dateFormat(options, lang = language) {
  const made = new Map();
  const get = () => {
    const key = lang();
    if (!made.has(key)) made.set(key, new Intl.DateTimeFormat(key, options));
    return made.get(key);
  };
  get.ready = () => made.has(lang());
  return get;
}
