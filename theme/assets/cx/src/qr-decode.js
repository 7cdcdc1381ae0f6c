// A QR decoder for the team view's camera scanner, where the browser has no
// BarcodeDetector (Chromium on Linux and Windows, Firefox, Safari before 17).
// zxing-wasm (ZXing-C++ compiled to WebAssembly) is bundled here by esbuild, so
// it loads only when the lead presses "Scan QR codes". Its .wasm is served from
// this site, beside this bundle (`make bundle` copies it from the npm package):
// the package's default would fetch it from a CDN, which the CSP refuses and
// the privacy promise forbids. Compiling it needs 'wasm-unsafe-eval' in
// script-src (generator/csp.py), never 'unsafe-eval'.

import { prepareZXingModule, readBarcodes } from "zxing-wasm/reader";

export const WASM_FILE = "zxing_reader.wasm";

let ready = null;

/** Load the decoder once (the .wasm from this site); rejects if WebAssembly is refused. */
export function loadDecoder() {
  if (!ready) {
    const wasm = new URL(WASM_FILE, import.meta.url).href;
    ready = prepareZXingModule({ overrides: { locateFile: (path, prefix) => (path.endsWith(".wasm") ? wasm : prefix + path) },
      fireImmediately: true }).catch((error) => {
      ready = null; // a later press may try again (say, after the network came back)
      throw error;
    });
  }
  return ready;
}

/** The texts of the QR codes in one video frame (ImageData), in the order found. */
export async function decodeFrame(image) {
  await loadDecoder();
  const found = await readBarcodes(image, { formats: ["QRCode"], tryHarder: true, maxNumberOfSymbols: 4 });
  return found.filter((r) => r.isValid && r.text).map((r) => r.text);
}
