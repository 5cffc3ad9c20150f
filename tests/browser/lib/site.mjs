// Helpers for the browser tests that need no browser: building a project, serving the site,
// reading the built files (links, ids, CSV).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

// Runs `evidencepack build --root ROOT --out OUT` and returns { status, stdout, stderr }.
export function build(binary, root, out) {
  const r = spawnSync(binary, ['build', '--root', root, '--out', out], { encoding: 'utf8' });
  if (r.error) throw new Error(`cannot run ${binary}: ${r.error.message}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Copies the parts of a project the generator reads (data, content, templates, assets), so a
// test can change a copy without touching the shipped project.
export function copyProject(root, to) {
  for (const dir of ['data', 'content', 'templates', 'assets'])
    fs.cpSync(path.join(root, dir), path.join(to, dir), { recursive: true });
}

// Every file under dir, as paths relative to it with '/' separators, sorted.
export function listFiles(dir) {
  const out = [];
  const walk = (rel) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.isFile()) out.push(r);
    }
  };
  walk('');
  return out.sort();
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv; charset=utf-8',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
};

// Serves siteDir under the sub-path `prefix` (e.g. "/council/reports/pack/") on 127.0.0.1 at a
// random port, as a council web server would. Anything outside the prefix is a 404 and is
// recorded in `outside`, so a root-relative URL in the site shows up as a failed request.
export async function serve(siteDir, prefix) {
  const root = path.resolve(siteDir);
  const outside = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let pathname;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      pathname = '';
    }
    if (!pathname.startsWith(prefix)) {
      outside.push(req.url);
      res.writeHead(404).end('outside the site');
      return;
    }
    const file = path.resolve(root, pathname.slice(prefix.length));
    if ((file !== root && !file.startsWith(root + path.sep)) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { server, origin, base: origin + prefix, outside, close: () => new Promise((r) => server.close(r)) };
}

function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|quot|apos|lt|gt);/gi, (m, e) => {
    const k = e.toLowerCase();
    if (k === 'amp') return '&';
    if (k === 'quot') return '"';
    if (k === 'apos') return "'";
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    return String.fromCodePoint(k[1] === 'x' ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10));
  });
}

// The URLs an HTML page refers to: href and src attributes (including SVG's xlink:href).
export function htmlUrls(html) {
  const urls = [];
  const re = /[\s:](href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;
  for (const m of html.matchAll(re)) urls.push(decodeEntities(m[2] ?? m[3]));
  const srcset = /\ssrcset\s*=\s*"([^"]*)"/gi;
  for (const m of html.matchAll(srcset))
    for (const part of decodeEntities(m[1]).split(',')) urls.push(part.trim().split(/\s+/)[0]);
  return urls;
}

// The url(...) references in a stylesheet, comments removed.
export function cssUrls(css) {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const urls = [];
  for (const m of text.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"']*))\s*\)/gi)) urls.push((m[1] ?? m[2] ?? m[3]).trim());
  for (const m of text.matchAll(/@import\s+(?:"([^"]*)"|'([^']*)')/gi)) urls.push(m[1] ?? m[2]);
  return urls;
}

export function htmlIds(html) {
  return new Set([...html.matchAll(/\sid\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)].map((m) => decodeEntities(m[1] ?? m[2])));
}

// What a URL found in the file `from` (relative to the site root) points at:
//   { kind: 'external', url }             http(s), mailto, tel: leaves the site when followed
//   { kind: 'bad', reason }               unusable in a self-contained site
//   { kind: 'internal', file, fragment }  a file inside the site, and an optional #fragment
export function classifyUrl(url, from) {
  if (url === '') return { kind: 'bad', reason: 'empty URL' };
  if (/^(https?:|mailto:|tel:)/i.test(url)) return { kind: 'external', url };
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return { kind: 'bad', reason: `the scheme of ${url} is not allowed` };
  if (url.startsWith('//')) return { kind: 'bad', reason: `${url} is protocol-relative and leaves the site` };
  if (url.startsWith('/')) return { kind: 'bad', reason: `${url} is root-relative, which breaks when the site lives under a sub-path` };
  if (url === '#') return { kind: 'bad', reason: 'a bare "#" link goes nowhere' };
  const base = new URL(from, 'file:///site/');
  const target = new URL(url, base);
  let file;
  try {
    file = decodeURIComponent(target.pathname);
  } catch {
    return { kind: 'bad', reason: `${url} is not a valid URL` };
  }
  if (!file.startsWith('/site/')) return { kind: 'bad', reason: `${url} points outside the site` };
  const fragment = target.hash ? decodeURIComponent(target.hash.slice(1)) : null;
  return { kind: 'internal', file: file.slice('/site/'.length), fragment };
}

// RFC 4180 CSV to an array of rows (arrays of strings).
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  let i = 0;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  for (; i < text.length; ++i) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        ++i;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') ++i;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
