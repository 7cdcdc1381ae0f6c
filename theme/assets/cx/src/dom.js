// Building elements from data. Text only ever goes in through text nodes, so
// content and imported files cannot inject markup (no innerHTML anywhere).

/**
 * h("a", {href: url, className: "x", "aria-hidden": "true"}, "text", child)
 * Keys with a dash become attributes; the rest are set as properties.
 */
export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  if (props) {
    for (const [name, value] of Object.entries(props)) {
      if (value === undefined || value === null || value === false) continue;
      if (name.includes("-")) element.setAttribute(name, value === true ? "" : String(value));
      else element[name] = value;
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** A link target from the built model, only if it stays on http(s) (same site or not). */
export function safeHref(url, base = window.location.href) {
  try {
    const parsed = new URL(url, base);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * A promise that resolves in a later task, so the browser can paint and answer
 * input between two pieces of start-up work (a task over 50 ms blocks the page).
 * scheduler.yield() where there is one: it resumes before other queued work.
 */
export function nextTask(win = window) {
  if (win.scheduler && typeof win.scheduler.yield === "function") return win.scheduler.yield();
  return new Promise((resolve) => { win.setTimeout(resolve, 0); });
}
