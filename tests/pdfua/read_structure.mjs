// Reads the PDF's structure tree back with pdf.js (pdfjs-dist), an independent client, and
// checks it against what the reader should get:
//   - the headings come back in order with their text, agreeing with the PDF outline
//     (bookmarks), never skipping a level;
//   - every table comes back as Table > Caption, TR > TH/TD with the cells' text, row by row
//     equal to the same table in the HTML site (the other writer of the same document model);
//   - every Figure has alternate text, equal to the chart's description in the site's SVG.
// The text of an element is the text of its marked content, got by matching the structure
// tree's content ids to getTextContent({includeMarkedContent: true}) items.
//
// Usage: node read_structure.mjs FILE.pdf SITE_DIR [--min-tables N]
import fs from "node:fs";
import path from "node:path";

let pdfjs;
try {
  pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
} catch (e) {
  console.error("FAIL: pdfjs-dist is not installed: run `npm ci --prefix tests/pdfua` (" + e.message + ")");
  process.exit(1);
}

const [pdfPath, siteDir] = process.argv.slice(2);
if (!pdfPath || !siteDir) {
  console.error("usage: node read_structure.mjs FILE.pdf SITE_DIR");
  process.exit(2);
}
const minTables = process.argv.includes("--min-tables")
  ? Number(process.argv[process.argv.indexOf("--min-tables") + 1]) : 1;

const problems = [];
const fail = (m) => problems.push(m);

// Text compared without whitespace (pdf.js makes up spaces of its own at line ends and gaps;
// the spaces themselves are checked with poppler by check_words.py). Every other character
// must be the site's own.
const squash = (s) => s.replace(/[\s\u00a0\u2009\u202f]+/g, "");
const collapse = (s) => s.replace(/\s+/g, " ").trim();

const doc = await pdfjs.getDocument({
  data: new Uint8Array(fs.readFileSync(pdfPath)),
  disableFontFace: true,
  useSystemFonts: false,
  verbosity: 0,
}).promise;

// ---- the structure tree, page by page, with each element's text -------------------------
const elements = [];   // {role, level, text, page, alt, path} in reading order per page
for (let p = 1; p <= doc.numPages; p++) {
  const page = await doc.getPage(p);
  const content = await page.getTextContent({ includeMarkedContent: true });
  const textOf = new Map();
  const open = [];
  for (const item of content.items) {
    if (item.type === "beginMarkedContentProps" || item.type === "beginMarkedContent") {
      open.push(item.id ?? null);
    } else if (item.type === "endMarkedContent") {
      open.pop();
    } else if (typeof item.str === "string") {
      const id = [...open].reverse().find((x) => x);
      if (id) textOf.set(id, (textOf.get(id) ?? "") + item.str + (item.hasEOL ? " " : ""));
    }
  }
  const tree = await page.getStructTree();
  if (!tree) {
    fail(`page ${p}: pdf.js finds no structure tree`);
    continue;
  }
  const walk = (node, trail) => {
    if (node.type === "content") return textOf.get(node.id) ?? "";
    if (node.type === "object" || node.type === "annotation") return "";
    const me = { role: node.role, text: "", page: p, alt: node.alt, trail, kids: [] };
    const index = elements.length;
    elements.push(me);
    let text = "";
    for (const child of node.children ?? []) {
      if (child.role) me.kids.push(elements.length);
      text += walk(child, [...trail, node.role]);
    }
    me.text = text;
    return text;
  };
  for (const child of tree.children ?? []) walk(child, []);
}

// ---- headings ---------------------------------------------------------------------------
const headings = elements.filter((e) => /^H[1-6]$/.test(e.role)).map((e) => ({ ...e, level: Number(e.role[1]) }));
if (headings.length === 0) fail("no headings in the structure tree");
let prev = 0;
for (const h of headings) {
  if (!collapse(h.text)) fail(`page ${h.page}: ${h.role} has no text`);
  if (h.level > prev + 1) fail(`page ${h.page}: ${h.role} "${collapse(h.text)}" skips a level after H${prev}`);
  prev = h.level;
}

// The outline lists headings of levels 1-3 in order: they must be the tagged headings, in
// the same order, with the same text and level.
const outline = [];
const flatten = (items, depth) => {
  for (const it of items ?? []) {
    outline.push({ title: it.title, depth });
    flatten(it.items, depth + 1);
  }
};
flatten(await doc.getOutline(), 1);
if (outline.length === 0) fail("the PDF has no outline to compare the headings with");
let at = 0;
for (const o of outline) {
  const i = headings.findIndex((h, k) => k >= at && squash(h.text) === squash(o.title));
  if (i < 0) {
    fail(`outline entry "${o.title}" is not a tagged heading after "${at > 0 ? collapse(headings[at - 1].text) : "(start)"}"`);
    continue;
  }
  if (headings[i].level !== o.depth) fail(`"${o.title}" is ${headings[i].role} but level ${o.depth} in the outline`);
  at = i + 1;
}

// ---- tables -----------------------------------------------------------------------------
const decode = (s) => s.replace(/<[^>]*>/g, "")
  .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
  .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16)))
  .replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&nbsp;/g, "\u00a0")
  .replace(/&amp;/g, "&");

// The site's tables, by caption: rows of [kind, text].
const htmlTables = new Map();
const htmlFigures = new Map();
for (const f of fs.readdirSync(siteDir).filter((n) => n.endsWith(".html"))) {
  const html = fs.readFileSync(path.join(siteDir, f), "utf8");
  for (const m of html.matchAll(/<table class="ep-table" id="[^"]*">([\s\S]*?)<\/table>/g)) {
    const cap = /<caption>([\s\S]*?)<\/caption>/.exec(m[1]);
    if (!cap) continue;
    const rows = [...m[1].matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) =>
      [...r[1].matchAll(/<(th|td)[^>]*>([\s\S]*?)<\/\1>/g)].map((c) => [c[1].toUpperCase(), decode(c[2])]));
    htmlTables.set(decode(cap[1]).match(/^Table \d+/)[0], { caption: decode(cap[1]), rows, file: f });
  }
  for (const m of html.matchAll(/<figure class="ep-figure" id="([^"]*)">[\s\S]*?<figcaption[^>]*>([\s\S]*?)<\/figcaption>[\s\S]*?<desc id="[^"]*">([\s\S]*?)<\/desc>/g)) {
    const n = decode(m[2]).match(/^Figure \d+/);
    if (n) htmlFigures.set(n[0], decode(m[3]));
  }
}

// A table running over pages comes back as one fragment per page; a fragment without a
// Caption continues the table before it.
const tables = [];
for (const e of elements) {
  if (e.role !== "Table") continue;
  const first = elements[e.kids[0]];
  if (first?.role !== "Caption" && tables.length) tables[tables.length - 1][0].kids.push(...e.kids);
  else tables.push([{ ...e, kids: [...e.kids] }]);
}
if (tables.length < minTables) fail(`only ${tables.length} tables in the structure tree (expected at least ${minTables})`);
let cellsChecked = 0;
for (const [t] of tables) {
  const kids = t.kids.map((k) => elements[k]);
  if (kids[0]?.role !== "Caption") {
    fail(`page ${t.page}: Table's first child is ${kids[0]?.role}, not its Caption`);
    continue;
  }
  const caption = collapse(kids[0].text);
  const label = caption.match(/^Table \d+/)?.[0];
  const rows = kids.filter((k) => k.role === "TR").map((tr) =>
    tr.kids.map((c) => elements[c]).map((c) => [c.role, c.text]));
  if (rows.length === 0) fail(`${caption}: no rows`);
  for (const r of rows.slice(0, 1)) {
    if (!r.every(([role]) => role === "TH")) fail(`${caption}: the first row is not all header cells (TH)`);
  }
  const html = label && htmlTables.get(label);
  if (!html) {
    fail(`${caption}: no table "${label}" in the site to compare with`);
    continue;
  }
  if (squash(html.caption) !== squash(caption)) fail(`${label}: caption "${caption}" but the site says "${html.caption}"`);
  if (html.rows.length !== rows.length) {
    fail(`${label}: ${rows.length} rows in the PDF's structure, ${html.rows.length} in the site`);
    continue;
  }
  rows.forEach((r, i) => {
    const want = html.rows[i];
    const got = r.map(([role, text]) => `${role}:${squash(text)}`).join(" | ");
    const exp = want.map(([kind, text]) => `${kind}:${squash(text)}`).join(" | ");
    if (got !== exp) fail(`${label} row ${i + 1}: PDF ${got}\n      site ${exp}`);
    cellsChecked += r.length;
  });
}

// ---- figures ----------------------------------------------------------------------------
let figures = 0;
let altsMatched = 0;
elements.forEach((e, i) => {
  if (e.role !== "Figure") return;
  figures++;
  if (!e.alt || !e.alt.trim()) fail(`page ${e.page}: Figure without alternate text`);
  const before = elements.slice(0, i).reverse().find((x) => x.role === "Caption");
  const label = before && collapse(before.text).match(/^Figure \d+/)?.[0];
  if (!label) {
    fail(`page ${e.page}: Figure not preceded by its Caption`);
    return;
  }
  const desc = htmlFigures.get(label);
  if (desc === undefined) fail(`${label}: no figure with that number in the site to compare with`);
  else if (squash(desc) !== squash(e.alt ?? "")) fail(`${label}: alt "${e.alt}" but the site's description is "${desc}"`);
  else altsMatched++;
});
if (tables.length && cellsChecked === 0) fail("no table cell was compared with the site");

for (const p of problems.slice(0, 40)) console.log("FAIL: " + p);
if (problems.length > 40) console.log(`... and ${problems.length - 40} more`);
console.log(`pdf.js: ${doc.numPages} pages, ${elements.length} elements, ${headings.length} headings ` +
  `(${outline.length} in the outline), ${tables.length} tables (${cellsChecked} cells matched the site), ` +
  `${figures} figures (${altsMatched} alt texts matched the site); ${problems.length ? "FAILED" : "ok"}`);
process.exit(problems.length ? 1 : 0);
