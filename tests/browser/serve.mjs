// `evidencepack serve` in a real browser: a copy of the shipped project is served, a page is
// opened in headless Chromium (Debian's, driven by playwright-core), and the test edits the
// section file behind it. The page must update itself (the test never reloads it) and keep
// its scroll position; a broken file must bring up the overlay with file:line:column, the
// message and the offending line over the last good page; the fix must take it away. Then
// bad paths over a raw socket, the files on disk (no script, the same bytes as a cold build)
// and Ctrl-C.
//
//   node --test-reporter=tap tests/browser/serve.mjs [EVIDENCEPACK] [PROJECT_ROOT]
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { copyProject, listFiles } from './lib/site.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(process.argv[3] ?? process.env.EP_ROOT ?? path.join(here, '..', '..'));
const binary = path.resolve(process.argv[2] ?? process.env.EVIDENCEPACK ?? path.join(root, 'build', 'evidencepack'));
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SECTION = 'content/neets.md';
const PAGE = 'site/neets.html';

let work, project, server, base, browser, stdout = '', stderr = '';

// Resolves with the base URL once serve prints its address.
function startServer() {
  return new Promise((resolve, reject) => {
    server = spawn(binary, ['serve', '--root', project, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => reject(new Error(`serve printed no address in 60 s:\n${stdout}\n${stderr}`)), 60000);
    server.stdout.on('data', (d) => {
      stdout += d;
      const m = stdout.match(/ at (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    server.stderr.on('data', (d) => { stderr += d; });
    server.on('exit', (code) => reject(new Error(`serve exited (${code}) before serving:\n${stdout}\n${stderr}`)));
  });
}

// One request written byte for byte (no client tidies the path): the status and the head.
function rawRequest(port, requestLine) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let data = '';
    socket.on('connect', () => socket.write(`${requestLine}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
    socket.on('data', (d) => { data += d; });
    socket.on('end', () => resolve({ status: Number((data.match(/^HTTP\/1\.[01] (\d{3})/) ?? [])[1] ?? 0), text: data }));
    socket.on('error', reject);
    socket.setTimeout(10000, () => { socket.destroy(); reject(new Error(`no answer to ${requestLine}`)); });
  });
}

function edit(file, change) {
  const p = path.join(project, file);
  fs.writeFileSync(p, change(fs.readFileSync(p, 'utf8')));
}

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'ep-serve-'));
  project = path.join(work, 'project');
  copyProject(root, project);
  base = await startServer();
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server && server.exitCode === null) server.kill('SIGKILL');
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test('the page updates itself after an edit, shows the overlay for a broken file, and recovers', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(base + PAGE);
  assert.equal(await page.locator('#evidencepack-problems').count(), 0);
  // A mark the page loses when it reloads: the test itself never reloads.
  await page.evaluate(() => { window.__loadedOnce = true; window.scrollTo(0, 600); });
  const before = await page.evaluate(() => window.scrollY);
  assert.ok(before > 0, 'the page is long enough to scroll');

  const marker = 'Live preview marker paragraph 4271.';
  edit(SECTION, (t) => `${t}\n\n${marker}\n`);
  await page.waitForFunction((m) => document.body.innerText.includes(m), marker, { timeout: 30000 });
  assert.equal(await page.evaluate(() => window.__loadedOnce), undefined, 'the page reloaded itself');
  await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 2, before, { timeout: 5000 });

  // Broken: an unknown placeholder on a line of its own, the last of the file.
  const lines = fs.readFileSync(path.join(project, SECTION), 'utf8').split('\n');
  const brokenLine = "Broken {{ no_such_measure @ coventry : 2008/09 }} here.";
  edit(SECTION, (t) => `${t}${brokenLine}\n`);
  const overlay = page.locator('#evidencepack-problems');
  await overlay.waitFor({ state: 'visible', timeout: 30000 });
  const text = await overlay.innerText();
  assert.match(text, /did not build/);
  assert.match(text, new RegExp(`content/neets\\.md:${lines.length}:\\d+`), text);
  assert.ok(text.includes(brokenLine), `the offending line is shown:\n${text}`);
  assert.equal(await overlay.getAttribute('role'), 'alert');
  // The last good page is still there beneath it.
  assert.ok((await page.evaluate(() => document.body.innerText)).includes(marker));

  edit(SECTION, (t) => t.replace(`${brokenLine}\n`, ''));
  await page.waitForFunction(() => !document.getElementById('evidencepack-problems') && !window.__loadedOnce && document.readyState === 'complete',
    null, { timeout: 30000 });
  await page.waitForFunction((m) => document.body.innerText.includes(m), marker, { timeout: 30000 });
  assert.equal(await page.locator('#evidencepack-problems').count(), 0);
  await page.close();
});

test('a page opened while the build is broken shows the errors at once', async () => {
  const brokenLine = 'Also broken {{ nothing_here @ solihull : 2008/09 }}.';
  const p = path.join(project, SECTION);
  const good = fs.readFileSync(p, 'utf8');
  fs.writeFileSync(p, `${good}\n${brokenLine}\n`);
  // Wait for serve to have seen the failed build.
  const seen = stderr.length;
  for (let i = 0; i < 300 && !stderr.slice(seen).includes('rebuild failed'); ++i) await new Promise((r) => setTimeout(r, 100));
  const page = await browser.newPage();
  await page.goto(base + 'site/index.html');
  await page.locator('#evidencepack-problems').waitFor({ state: 'visible', timeout: 15000 });
  assert.ok((await page.locator('#evidencepack-problems').innerText()).includes(brokenLine));
  fs.writeFileSync(p, good);
  await page.waitForFunction(() => !document.getElementById('evidencepack-problems'), null, { timeout: 30000 });
  await page.close();
});

test('bad paths get 400 or 404, never a file from outside the output, and the server stays up', async () => {
  const port = Number(new URL(base).port);
  const out = path.join(project, 'out');
  // A link a publisher might leave in the output: followed only inside it.
  fs.symlinkSync('/etc/passwd', path.join(out, 'site', 'leak.txt'));
  const cases = [
    ['GET /../../etc/passwd HTTP/1.1', [400]],
    ['GET /site/../../../etc/passwd HTTP/1.1', [400]],
    ['GET /site/%2e%2e/%2e%2e/%2e%2e/etc/passwd HTTP/1.1', [400]],
    ['GET /site/..%2f..%2f..%2fetc/passwd HTTP/1.1', [400]],
    ['GET /site/%5c..%5c..%5cetc%5cpasswd HTTP/1.1', [400]],
    ['GET /site/index.html%00.pdf HTTP/1.1', [400, 404]],
    ['GET /site/leak.txt HTTP/1.1', [404]],
    ['GET /site/assets/ HTTP/1.1', [404]],
    ['GET /.evidencepack-output HTTP/1.1', [404]],
    ['GET /no/such/page.html HTTP/1.1', [404]],
    ['GET etc/passwd HTTP/1.1', [400, 404]],
    ['BREW /site/ HTCPCP/1.0', [400, 404, 405]],
    ['GET /' + 'a'.repeat(20000) + ' HTTP/1.1', [400, 404, 414]],
  ];
  for (const [line, allowed] of cases) {
    const r = await rawRequest(port, line);
    assert.ok(allowed.includes(r.status), `${line.slice(0, 80)} -> ${r.status}`);
    assert.ok(!r.text.includes('root:x:0:0'), `${line.slice(0, 80)} leaked /etc/passwd`);
  }
  const ok = await rawRequest(port, 'GET /site/ HTTP/1.1');
  assert.equal(ok.status, 200, 'the server still answers');
  assert.match(ok.text, /Content-Type: text\/html; charset=utf-8/i);
  const redirect = await rawRequest(port, 'GET /site HTTP/1.1');
  assert.equal(redirect.status, 301);
  assert.match(redirect.text, /Location: \/site\//);
  for (const [file, type] of [['site/evidence-pack.pdf', 'application/pdf'], ['evidence-pack.pdf', 'application/pdf']]) {
    const r = await rawRequest(port, `GET /${file} HTTP/1.1`);
    assert.equal(r.status, 200, file);
    assert.ok(r.text.toLowerCase().includes(`content-type: ${type}`), `${file}: ${r.text.slice(0, 300)}`);
  }
  const css = listFiles(path.join(out, 'site')).find((f) => f.endsWith('.css'));
  const r = await rawRequest(port, `GET /site/${css} HTTP/1.1`);
  assert.match(r.text, /Content-Type: text\/css/i);
  fs.unlinkSync(path.join(out, 'site', 'leak.txt'));
});

test('the output on disk has no reload script and is byte-identical to a cold build', () => {
  const out = path.join(project, 'out');
  const cold = path.join(work, 'cold');
  const r = spawnSync(binary, ['build', '--root', project, '--out', cold], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const served = listFiles(out);
  assert.deepEqual(served, listFiles(cold));
  for (const f of served) {
    const a = fs.readFileSync(path.join(out, f));
    assert.ok(a.equals(fs.readFileSync(path.join(cold, f))), `${f} differs from a cold build`);
    if (f.endsWith('.html')) assert.ok(!a.includes('__evidencepack'), `${f} holds the reload script`);
  }
});

test('Ctrl-C stops serve cleanly', async () => {
  const exited = new Promise((resolve) => server.on('exit', (code, signal) => resolve({ code, signal })));
  const start = Date.now();
  server.kill('SIGINT');
  const { code } = await exited;
  assert.equal(code, 0, stderr);
  assert.ok(Date.now() - start < 5000, `stopped in ${Date.now() - start} ms`);
  assert.match(stdout, /Stopped\./);
});
