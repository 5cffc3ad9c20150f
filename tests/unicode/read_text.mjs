// Reads a PDF back with pdf.js (pdfjs-dist, installed by `npm ci --prefix tests/pdfua`): prints
// the text of every page (each item's string, a line break where pdf.js ends a line), a line
// "\f" between pages, and then the outline's titles (bookmarks), one a line after a line "--".
//
// Usage: node read_text.mjs FILE.pdf
import fs from "node:fs";

let pdfjs;
try {
  pdfjs = await import(new URL("../pdfua/node_modules/pdfjs-dist/legacy/build/pdf.mjs", import.meta.url));
} catch (e) {
  console.error("FAIL: pdfjs-dist is not installed: run `npm ci --prefix tests/pdfua` (" + e.message + ")");
  process.exit(1);
}
const doc = await pdfjs.getDocument({
  data: new Uint8Array(fs.readFileSync(process.argv[2])),
  disableFontFace: true,
  useSystemFonts: false,
  verbosity: 0,
}).promise;
let out = "";
for (let p = 1; p <= doc.numPages; p++) {
  const content = await (await doc.getPage(p)).getTextContent();
  for (const item of content.items) out += item.str + (item.hasEOL ? "\n" : "");
  out += "\n\f\n";
}
out += "--\n";
const walk = (items) => {
  for (const o of items ?? []) {
    out += o.title + "\n";
    walk(o.items);
  }
};
walk(await doc.getOutline());
process.stdout.write(out);
