// The bytes of a link's fragment, one way for every link the site makes (the
// answers of "Send to your CX lead", team-links.js; an experience log sent to
// the lead, log-data.js): JSON, raw DEFLATE (the browser's CompressionStream)
// and base64url. Read back with fflate's inflate rather than a
// DecompressionStream: a stream costs about a millisecond to set up and a paste
// holds thousands of links, and inflating stops at a limit, so a small link
// crafted to unpack into gigabytes is refused instead of filling memory.
// fflate is loaded on the first link read, not with the page: its module
// builds its Huffman tables as it loads (a 32768-step loop), some 25 ms of a
// slow phone's main thread that a team view nobody pastes into never needs.
// (esbuild keeps it in the same bundle, evaluated on first import().)

export function base64url(bytes) {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The bytes of base64url text; throws on text that is not base64url. */
export function fromBase64url(text) {
  const plain = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(plain.length);
  for (let i = 0; i < plain.length; i += 1) bytes[i] = plain.charCodeAt(i);
  return bytes;
}

/** Raw DEFLATE of `bytes` with the browser's own CompressionStream. */
export async function deflate(bytes) {
  const reader = new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate-raw")).getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.byteLength; }
  return out;
}

/**
 * The bytes raw-DEFLATE `bytes` unpack to, or null when they would pass `max`
 * bytes; throws on bytes that are not DEFLATE. fflate writes into a buffer of
 * max + 1 bytes and stops when it is full, so nothing larger is ever held.
 */
export async function inflate(bytes, max) {
  const { inflateSync } = await import("fflate");
  const inflated = inflateSync(bytes, { out: new Uint8Array(max + 1) });
  return inflated.length > max ? null : inflated;
}

/** JSON → the base64url of its raw DEFLATE. */
export async function packJSON(data) {
  return base64url(await deflate(new TextEncoder().encode(JSON.stringify(data))));
}
