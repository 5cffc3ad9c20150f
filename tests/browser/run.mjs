// Browser tests for the site evidencepack writes: builds the shipped project, serves it from a
// sub-path on 127.0.0.1 and checks it in headless Chromium (Debian's /usr/bin/chromium, driven
// by playwright-core) with axe-core, then with the Nu HTML checker (vnu-jar on Debian's Java)
// and a link checker. The page-level checks (axe at desktop and phone width, vnu, links, no
// scripts or outside requests, no sideways scroll at 375px) also run on every other document's
// site (OUT/<doc>/site/) and on the first per-place pack (OUT/places/<first>/site/).
//
//   node --test-reporter=tap tests/browser/run.mjs [EVIDENCEPACK] [PROJECT_ROOT]
//
// EVIDENCEPACK defaults to $EVIDENCEPACK, then ROOT/build/evidencepack; PROJECT_ROOT to
// $EP_ROOT, then the repository this file is in. Set EP_SCREENSHOTS=DIR to also save
// screenshots of the landing page, a section and the sources page at desktop and phone widths.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { build, copyProject, listFiles, serve, htmlUrls, cssUrls, htmlIds, classifyUrl, parseCsv } from './lib/site.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(process.argv[3] ?? process.env.EP_ROOT ?? path.join(here, '..', '..'));
const binary = path.resolve(process.argv[2] ?? process.env.EVIDENCEPACK ?? path.join(root, 'build', 'evidencepack'));
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const PREFIX = '/council/publications/evidence-pack/';   // served from a sub-path, not the server root
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 812 };

// ---- dependencies --------------------------------------------------------------------------
// Missing npm packages are a failure with the command that fixes it, never a skip.
const require = createRequire(import.meta.url);
let missing = [];
for (const pkg of ['playwright-core', 'axe-core', 'vnu-jar']) {
  try {
    require.resolve(pkg);
  } catch {
    missing.push(pkg);
  }
}
const problems = [];
if (missing.length)
  problems.push(`npm packages not installed (${missing.join(', ')}): run \`npm ci --prefix tests/browser\` in the repository root`);
if (!fs.existsSync(chromiumPath)) problems.push(`${chromiumPath} not found: apt-get install chromium`);
if (spawnSync('java', ['-version']).error) problems.push('java not found: apt-get install default-jre-headless');
if (!fs.existsSync(binary)) problems.push(`evidencepack binary not found at ${binary}: build it first, or pass its path`);

if (problems.length) {
  test('browser test prerequisites are installed', () => assert.fail(problems.join('\n')));
} else {
  await defineTests();
}

async function defineTests() {
  const { chromium } = await import('playwright-core');
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const vnuJar = require('vnu-jar');

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ep-browser-'));
  const out = path.join(tmp, 'shipped');
  const site = path.join(out, 'site');
  let files = [];      // every file in the built site
  let pages = [];      // its HTML pages
  let browser;
  let server;
  const external = []; // requests the pages tried to make outside the site
  const others = [];   // the other documents' sites: { name, dir, files, pages, server }

  before(async () => {
    const r = build(binary, root, out);
    assert.equal(r.status, 0, `evidencepack build failed:\n${r.stderr}`);
    files = listFiles(site);
    pages = files.filter((f) => f.endsWith('.html'));
    assert.ok(pages.includes('index.html'), 'the site has no index.html');
    server = await serve(site, PREFIX);
    // The other documents' sites: every out/<doc>/site/ with an index.html, and the first
    // per-place pack in name order (the others share its templates; checking all would triple
    // the run time).
    const docs = fs.readdirSync(out, { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== 'site' && e.name !== 'places').map((e) => e.name).sort();
    const places = fs.existsSync(path.join(out, 'places'))
      ? fs.readdirSync(path.join(out, 'places')).filter((p) => fs.existsSync(path.join(out, 'places', p, 'site', 'index.html'))).sort()
      : [];
    const names = docs.filter((d) => fs.existsSync(path.join(out, d, 'site', 'index.html')));
    if (places.length) names.push(`places/${places[0]}`);
    for (const name of names) {
      const dir = path.join(out, name, 'site');
      const docFiles = listFiles(dir);
      others.push({ name, dir, files: docFiles, pages: docFiles.filter((f) => f.endsWith('.html')), server: await serve(dir, PREFIX) });
    }
    browser = await chromium.launch({
      executablePath: chromiumPath,
      // No background connections: the machine's network is closed, and the test must show
      // that the site makes no requests of its own, so Chromium must not make any either.
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
             '--no-first-run', '--disable-quic', '--disable-sync'],
    });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    for (const o of others) await o.server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  // A page in a fresh context whose every request is checked: anything not on our server is
  // recorded and refused, so a CDN font or script would fail the self-contained test.
  async function newPage(viewport, origin = server.origin) {
    const context = await browser.newContext({ viewport, javaScriptEnabled: true });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin + '/') || url.startsWith('file://')) return route.continue();
      external.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    page.failed = [];
    page.on('response', (res) => {
      if (res.status() >= 400) page.failed.push(`${res.status()} ${res.url()}`);
    });
    // A request cut short because the test moved on to the next page (e.g. the favicon) is not
    // a failure; every other failed request is.
    page.on('requestfailed', (req) => {
      if (req.failure()?.errorText !== 'net::ERR_ABORTED') page.failed.push(`failed ${req.url()}: ${req.failure()?.errorText}`);
    });
    page.on('pageerror', (err) => page.failed.push(`page error ${err.message}`));
    return page;
  }

  async function open(page, file) {
    const res = await page.goto(server.base + file, { waitUntil: 'load' });
    assert.equal(res.status(), 200, `${file}: HTTP ${res.status()}`);
    return page;
  }

  // Runs axe-core on the page (with every <details> open, so the data tables behind the charts
  // are checked too) and returns one message per violated rule.
  async function axeViolations(page) {
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
      WCAG_TAGS);
    assert.ok(result.passes.length + result.violations.length >= 10,
              `axe ran only ${result.passes.length + result.violations.length} rules on ${page.url()}`);
    return result.violations.map((v) =>
      `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary.replace(/\n/g, ' ')}`).join('\n'));
  }

  async function axeAllPages(t, viewport) {
    const failures = [];
    const page = await newPage(viewport);
    for (const file of pages) {
      await open(page, file);
      const v = await axeViolations(page);
      if (v.length) failures.push(`${file}:\n  ${v.join('\n  ')}`);
    }
    t.diagnostic(`axe-core ${JSON.parse(fs.readFileSync(require.resolve('axe-core/package.json'))).version}, ` +
                 `${pages.length} pages at ${viewport.width}px, rules tagged ${WCAG_TAGS.join(' ')}`);
    await page.context().close();
    assert.deepEqual(failures, [], `axe found WCAG violations:\n${failures.join('\n')}`);
  }

  // The checkers must be able to fail: a page with known faults has to be reported by each.
  test('the checkers catch a page with known accessibility and HTML faults', async () => {
    const bad = path.join(site, 'zz-known-faults.html');
    fs.writeFileSync(bad, '<!DOCTYPE html><html><head><title>Faults</title></head><body><main>' +
      '<img src="assets/logo.svg"><p style="color:#bbb;background:#fff">faint</p><a href="#nowhere"></a>' +
      '<table><tr><td>x</td></table><div><li>stray</li></div></main></body></html>');
    try {
      const page = await newPage(DESKTOP);
      await open(page, 'zz-known-faults.html');
      const ids = (await axeViolations(page)).map((v) => v.split(' ')[0]);
      await page.context().close();
      for (const rule of ['image-alt', 'color-contrast', 'html-has-lang', 'link-name', 'listitem'])
        assert.ok(ids.includes(rule), `axe missed ${rule}; it reported ${ids.join(', ')}`);
      const r = spawnSync('java', ['-jar', vnuJar, '--format', 'json', bad], { encoding: 'utf8' });
      const errors = JSON.parse(r.stderr).messages.filter((m) => m.type === 'error');
      assert.ok(errors.length >= 2, `vnu found ${errors.length} errors in the faulty page`);
      const c = classifyUrl('#nowhere', 'zz-known-faults.html');
      assert.ok(!htmlIds(fs.readFileSync(bad, 'utf8')).has(c.fragment), 'the link checker would miss #nowhere');
    } finally {
      fs.rmSync(bad);
    }
  });

  test('axe-core finds no WCAG 2.2 AA violation on any page at desktop width', async (t) => {
    await axeAllPages(t, DESKTOP);
  });

  test('axe-core finds no WCAG 2.2 AA violation on any page at phone width', async (t) => {
    await axeAllPages(t, PHONE);
  });

  test('the Nu HTML checker reports no errors in the pages, the CSS or the SVG files', (t) => {
    const targets = files.filter((f) => /\.(html|css|svg)$/.test(f)).map((f) => path.join(site, f));
    const r = spawnSync('java', ['-jar', vnuJar, '--format', 'json', '--also-check-css', '--also-check-svg', ...targets],
                        { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.ok(!r.error, `cannot run java: ${r.error?.message}`);
    let report;
    try {
      report = JSON.parse(r.stderr);
    } catch {
      assert.fail(`vnu did not produce a JSON report (exit ${r.status}):\n${r.stderr}${r.stdout}`);
    }
    const describe = (m) => `${path.relative(site, fileURLToPath(m.url))}:${m.lastLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}: ` +
                            `${m.type}${m.subType ? '/' + m.subType : ''}: ${m.message}`;
    const errors = report.messages.filter((m) => m.type === 'error' || m.type === 'non-document-error');
    const warnings = report.messages.filter((m) => m.type === 'info' && m.subType === 'warning');
    for (const w of warnings) t.diagnostic(`vnu warning: ${describe(w)}`);
    t.diagnostic(`vnu checked ${targets.length} files: ${errors.length} errors, ${warnings.length} warnings`);
    assert.deepEqual(errors.map(describe), []);
  });

  test('every internal link and #anchor resolves, and every page and download is reachable', () => {
    const broken = [];
    const ids = new Map();
    const idsOf = (file) => {
      if (!ids.has(file)) ids.set(file, htmlIds(fs.readFileSync(path.join(site, file), 'utf8')));
      return ids.get(file);
    };
    const linkedFrom = new Map(); // target file -> pages linking to it
    let checked = 0;
    for (const file of files.filter((f) => /\.(html|css|svg)$/.test(f))) {
      const text = fs.readFileSync(path.join(site, file), 'utf8');
      const urls = file.endsWith('.css') ? cssUrls(text) : htmlUrls(text);
      for (const url of urls) {
        const c = classifyUrl(url, file);
        if (c.kind === 'external') continue;
        ++checked;
        if (c.kind === 'bad') {
          broken.push(`${file}: ${c.reason}`);
          continue;
        }
        if (!files.includes(c.file)) {
          broken.push(`${file}: ${url} -> ${c.file} does not exist`);
          continue;
        }
        if (!linkedFrom.has(c.file)) linkedFrom.set(c.file, new Set());
        linkedFrom.get(c.file).add(file);
        if (c.fragment !== null) {
          if (!c.file.endsWith('.html')) broken.push(`${file}: ${url} has a #fragment into a file that is not a page`);
          else if (!idsOf(c.file).has(c.fragment)) broken.push(`${file}: ${url}: ${c.file} has no element with id "${c.fragment}"`);
        }
      }
    }
    assert.deepEqual(broken, [], `broken links:\n${broken.join('\n')}`);
    assert.ok(checked > 100, `only ${checked} internal links found; the link check is not reading the pages`);

    // Reachability: walk the pages from index.html; every page, CSV and the PDF must be found.
    const seen = new Set(['index.html']);
    const queue = ['index.html'];
    while (queue.length) {
      const file = queue.shift();
      for (const url of htmlUrls(fs.readFileSync(path.join(site, file), 'utf8'))) {
        const c = classifyUrl(url, file);
        if (c.kind !== 'internal' || seen.has(c.file)) continue;
        seen.add(c.file);
        if (c.file.endsWith('.html')) queue.push(c.file);
      }
    }
    const unreachable = files.filter((f) => /\.(html|csv|pdf)$/.test(f) && !seen.has(f));
    assert.deepEqual(unreachable, [], 'files no link leads to');
  });

  test('self-contained: no scripts, and no request leaves the site when every page is loaded', async () => {
    for (const file of pages) {
      const html = fs.readFileSync(path.join(site, file), 'utf8');
      assert.doesNotMatch(html, /<script\b/i, `${file} has a script; the site must work without JavaScript`);
      assert.doesNotMatch(html, /\son[a-z]+\s*=/i, `${file} has an event-handler attribute`);
    }
    for (const file of files.filter((f) => f.endsWith('.css')))
      for (const url of cssUrls(fs.readFileSync(path.join(site, file), 'utf8')))
        assert.notEqual(classifyUrl(url, file).kind, 'external', `${file} loads ${url}`);

    const page = await newPage(DESKTOP);
    const before = external.length;
    for (const file of pages) {
      await open(page, file);
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
      assert.deepEqual(page.failed, [], `${file}: requests that failed`);
    }
    await page.context().close();
    assert.deepEqual(external.slice(before), [], 'requests to other hosts');
    assert.deepEqual(server.outside, [], `requests outside ${PREFIX} (root-relative URLs?)`);
  });

  test('the pages read the same with JavaScript turned off', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.base + 'index.html');
    const first = page.locator('.ep-index-contents a').first();
    const href = await first.getAttribute('href');
    await first.click();
    await page.waitForLoadState('load');
    assert.equal(page.url(), server.base + href);
    assert.ok(await page.locator('main h1').isVisible());
    // "Show the data" opens the chart's table without script (a native <details>).
    await page.goto(server.base + pages.find((p) => fs.readFileSync(path.join(site, p), 'utf8').includes('<details')));
    const details = page.locator('details').first();
    assert.equal(await details.locator('table').isVisible(), false);
    await details.locator('summary').click();
    assert.equal(await details.locator('table').isVisible(), true);
    await context.close();
  });

  test('at phone width (375px) no page scrolls sideways; wide tables scroll in their own region', async () => {
    const page = await newPage(PHONE);
    const wide = [];
    let scrolling = 0;
    for (const file of pages) {
      await open(page, file);
      const r = await page.evaluate(() => {
        document.querySelectorAll('details').forEach((d) => { d.open = true; });
        const regions = [...document.querySelectorAll('.ep-table-wrap')].map((w) => ({
          label: w.getAttribute('aria-label'),
          overflow: getComputedStyle(w).overflowX,
          scrolls: w.scrollWidth > w.clientWidth,
          fits: w.getBoundingClientRect().right <= document.documentElement.clientWidth,
        }));
        return { scrollWidth: document.documentElement.scrollWidth, bodyWidth: document.body.scrollWidth, regions };
      });
      if (r.scrollWidth > PHONE.width || r.bodyWidth > PHONE.width) wide.push(`${file}: ${r.scrollWidth}px wide`);
      for (const region of r.regions) {
        if (!region.fits) wide.push(`${file}: "${region.label}" sticks out of the page`);
        if (region.scrolls) {
          ++scrolling;
          if (!['auto', 'scroll'].includes(region.overflow)) wide.push(`${file}: "${region.label}" overflows without scrolling`);
        }
      }
    }
    await page.context().close();
    assert.deepEqual(wide, [], 'pages wider than a phone');
    assert.ok(scrolling > 0, 'no table was wider than a phone, so the scrolling regions were not exercised');
  });

  test('chart text stays inside the drawing at desktop and phone width', async () => {
    const outside = [];
    let texts = 0;
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await newPage(viewport);
      for (const file of pages) {
        await open(page, file);
        const r = await page.evaluate(() => {
          const bad = [];
          let n = 0;
          for (const svg of document.querySelectorAll('.ep-chart svg')) {
            if (!svg.getClientRects().length) continue;   // the drawing for the other screen size
            const vb = svg.viewBox.baseVal;
            for (const t of svg.querySelectorAll('text')) {
              ++n;
              const b = t.getBBox();
              if (b.x < vb.x - 1 || b.y < vb.y - 1 || b.x + b.width > vb.x + vb.width + 1 || b.y + b.height > vb.y + vb.height + 1)
                bad.push(`${svg.getAttribute('aria-labelledby').split(' ')[0]}: "${t.textContent}"`);
            }
          }
          return { bad, n };
        });
        texts += r.n;
        outside.push(...r.bad.map((b) => `${file} at ${viewport.width}px: ${b}`));
      }
      await page.context().close();
    }
    assert.ok(texts > 100, `only ${texts} chart labels found`);
    assert.deepEqual(outside, [], 'chart labels cut off at the edge of the drawing');
  });

  test('keyboard: the skip link comes first and every focusable element shows focus', async () => {
    const page = await newPage(DESKTOP);
    const file = pages.find((p) => {
      const html = fs.readFileSync(path.join(site, p), 'utf8');
      return html.includes('ep-table-wrap') && html.includes('<details');
    });
    assert.ok(file, 'no page has both a table and a figure');
    await open(page, file);
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const el = document.activeElement;
      const r = el.getBoundingClientRect();
      return { cls: el.className, text: el.textContent, visible: r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 };
    });
    assert.equal(skip.cls, 'ep-skip-link');
    assert.match(skip.text, /skip to main content/i);
    assert.ok(skip.visible, 'the skip link is not visible when focused');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'ep-main');

    const invisible = await page.evaluate(() => {
      const look = (el) => {
        const s = getComputedStyle(el);
        return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor, s.color, s.textDecorationLine].join('|');
      };
      const bad = [];
      const focusable = document.querySelectorAll('a[href], summary, [tabindex="0"], button, input, select, textarea');
      for (const el of focusable) {
        const before = look(el);
        el.focus();
        if (document.activeElement !== el) continue;
        if (look(el) === before) bad.push(el.outerHTML.slice(0, 120));
        el.blur();
      }
      return { bad, count: focusable.length };
    });
    await page.context().close();
    assert.ok(invisible.count > 20, `only ${invisible.count} focusable elements on ${file}`);
    assert.deepEqual(invisible.bad, [], `elements on ${file} that look the same with and without focus`);
  });

  test('every page has the contents list, breadcrumbs, previous/next links and a skip link', async () => {
    const page = await newPage(DESKTOP);
    const order = [];
    for (const file of pages) {
      await open(page, file);
      const p = await page.evaluate(() => ({
        title: document.title,
        h1: document.querySelectorAll('h1').length,
        skip: document.querySelector('a.ep-skip-link')?.getAttribute('href'),
        main: !!document.querySelector('main#ep-main'),
        contents: [...document.querySelectorAll('nav .ep-contents__list a, .ep-index-contents a')].map((a) => a.getAttribute('href')),
        current: document.querySelector('.ep-contents [aria-current="page"]')?.getAttribute('href') ?? null,
        crumbs: [...document.querySelectorAll('.ep-breadcrumbs li')].map((li) => li.textContent.trim()),
        crumbHome: document.querySelector('.ep-breadcrumbs a')?.getAttribute('href') ?? null,
        prev: document.querySelector('a[rel="prev"]')?.getAttribute('href') ?? null,
        next: document.querySelector('a[rel="next"]')?.getAttribute('href') ?? null,
        pdf: [...document.querySelectorAll('a[href$=".pdf"]')].map((a) => a.textContent),
      }));
      order.push({ file, ...p });
      assert.equal(p.h1, 1, `${file}: ${p.h1} h1 elements`);
      assert.equal(p.skip, '#ep-main', `${file}: skip link`);
      assert.ok(p.main, `${file}: no main#ep-main`);
      assert.ok(p.contents.length >= pages.length - 1, `${file}: the contents list has ${p.contents.length} links`);
      assert.ok(p.pdf.some((t) => /\d+ pages?\)/.test(t)), `${file}: no PDF link with its page count`);
      if (file !== 'index.html') {
        assert.equal(p.current, file, `${file}: the contents list does not mark the current page`);
        assert.equal(p.crumbHome, 'index.html', `${file}: breadcrumbs do not lead home`);
        assert.ok(p.crumbs.length >= 2 && p.title.includes(p.crumbs.at(-1)), `${file}: breadcrumbs ${p.crumbs} do not end in the page`);
      }
    }
    await page.context().close();
    // previous/next chain: starts at the landing page, follows the contents order, visits every page once.
    const chain = ['index.html'];
    const byFile = new Map(order.map((o) => [o.file, o]));
    while (byFile.get(chain.at(-1)).next) {
      const next = byFile.get(chain.at(-1)).next;
      assert.equal(byFile.get(next)?.prev, chain.at(-1), `${next} does not link back to ${chain.at(-1)}`);
      assert.ok(!chain.includes(next), `previous/next links loop at ${next}`);
      chain.push(next);
    }
    assert.deepEqual([...chain].sort(), [...pages].sort(), 'previous/next links do not visit every page');
    assert.deepEqual(chain.slice(1), byFile.get('index.html').contents.filter((h) => h.endsWith('.html')),
                     'previous/next order differs from the contents order');
  });

  test('the PDF link gives the real size and page count of the PDF', async () => {
    const pdfFile = files.find((f) => f.endsWith('.pdf'));
    assert.ok(pdfFile, 'no PDF in the site');
    const info = spawnSync('pdfinfo', [path.join(site, pdfFile)], { encoding: 'utf8' });
    assert.equal(info.status, 0, `pdfinfo failed: ${info.stderr}`);
    const pagesInPdf = Number(/^Pages:\s+(\d+)/m.exec(info.stdout)[1]);
    const bytes = fs.statSync(path.join(site, pdfFile)).size;
    const page = await newPage(DESKTOP);
    await open(page, 'index.html');
    const text = await page.locator(`a[href="${pdfFile}"]`).first().textContent();
    await page.context().close();
    const m = /Download the PDF \((\d+(?:\.\d)?) (KB|MB), (\d+) pages?\)/.exec(text);
    assert.ok(m, `PDF link text "${text}"`);
    assert.equal(Number(m[3]), pagesInPdf, 'page count');
    const shown = Number(m[1]) * (m[2] === 'MB' ? 1024 * 1024 : 1024);
    const step = m[2] === 'MB' ? 0.05 * 1024 * 1024 : 1024;
    assert.ok(Math.abs(shown - bytes) <= step, `size shown ${m[1]} ${m[2]}, file is ${bytes} bytes`);
  });

  test('every table and chart has a CSV download of its data and a source line linked to the sources page', async () => {
    const page = await newPage(DESKTOP);
    let tables = 0;
    let figures = 0;
    const problems = [];
    const sourceIds = htmlIds(fs.readFileSync(path.join(site, 'sources.html'), 'utf8'));
    for (const file of pages) {
      await open(page, file);
      const blocks = await page.evaluate(() =>
        [...document.querySelectorAll('main .ep-table-block, main figure')].map((b) => ({
          kind: b.matches('figure') ? 'figure' : 'table',
          name: (b.querySelector('caption, figcaption')?.textContent ?? '').trim(),
          csv: [...b.querySelectorAll('a[href$=".csv"]')].map((a) => ({ href: a.getAttribute('href'), text: a.textContent })),
          sources: [...b.querySelectorAll('.ep-source a')].map((a) => a.getAttribute('href')),
          rows: b.querySelectorAll('tbody tr').length,
        })));
      for (const b of blocks) {
        b.kind === 'figure' ? ++figures : ++tables;
        const where = `${file}: ${b.name}`;
        if (b.csv.length !== 1) {
          problems.push(`${where}: ${b.csv.length} CSV links`);
          continue;
        }
        const res = await page.request.get(new URL(b.csv[0].href, server.base + file).href);
        if (res.status() !== 200) {
          problems.push(`${where}: ${b.csv[0].href} gives HTTP ${res.status()}`);
          continue;
        }
        const rows = parseCsv(await res.text()).filter((r) => r.some((c) => c !== ''));
        if (rows.length < 2) problems.push(`${where}: the CSV has no data rows`);
        if (rows.some((r) => r.length !== rows[0].length)) problems.push(`${where}: the CSV rows differ in length`);
        if (!/CSV/.test(b.csv[0].text)) problems.push(`${where}: the download link does not say it is CSV`);
        if (b.sources.length === 0) problems.push(`${where}: the source line has no link`);
        for (const s of b.sources) {
          const c = classifyUrl(s, file);
          if (c.kind !== 'internal' || c.file !== 'sources.html' || !sourceIds.has(c.fragment))
            problems.push(`${where}: source link ${s} does not lead to an entry on the sources page`);
        }
      }
    }
    await page.context().close();
    assert.deepEqual(problems, []);
    assert.ok(tables > 0 && figures > 0, `found ${tables} tables and ${figures} figures`);
  });

  test('the site works from file:// (open index.html, follow links, styles load)', async () => {
    const page = await newPage(DESKTOP, 'file://');
    const index = pathToFileURL(path.join(site, 'index.html')).href;
    await page.goto(index);
    const header = await page.evaluate(() => getComputedStyle(document.querySelector('.ep-header')).backgroundColor);
    assert.notEqual(header, 'rgba(0, 0, 0, 0)', 'the stylesheet did not load from file://');
    const link = page.locator('.ep-index-contents a').nth(1);
    const href = await link.getAttribute('href');
    await link.click();
    await page.waitForLoadState('load');
    assert.equal(page.url(), new URL(href, index).href);
    assert.ok(await page.locator('main h1').isVisible());
    const next = page.locator('a[rel="next"]');
    await next.click();
    await page.waitForLoadState('load');
    assert.ok(page.url().startsWith('file://') && page.url().endsWith('.html'), page.url());
    await page.locator('.ep-header__title').click();
    await page.waitForLoadState('load');
    assert.equal(page.url(), index);
    assert.deepEqual(page.failed, [], 'requests that failed from file://');
    await page.context().close();
  });

  test('print stylesheet: navigation is left off paper and tables are not clipped', async () => {
    const page = await newPage(DESKTOP);
    const file = pages.find((p) => fs.readFileSync(path.join(site, p), 'utf8').includes('ep-table-wrap'));
    await open(page, file);
    await page.emulateMedia({ media: 'print' });
    const r = await page.evaluate(() => ({
      nav: getComputedStyle(document.querySelector('.ep-contents')).display,
      pagination: getComputedStyle(document.querySelector('.ep-pagination')).display,
      wrap: getComputedStyle(document.querySelector('.ep-table-wrap')).overflowX,
      main: document.querySelector('main').getBoundingClientRect().height,
    }));
    await page.context().close();
    assert.equal(r.nav, 'none');
    assert.equal(r.pagination, 'none');
    assert.equal(r.wrap, 'visible');
    assert.ok(r.main > 100);
  });

  // ---- the other documents (committee reports, case studies, one place pack) ---------------
  // The page-level checks again, on every page of every other document's site. Failures name
  // the document and the page.
  const otherTarget = () => {
    assert.ok(others.length > 0, 'the build wrote no other document with a site/index.html');
    return others;
  };

  async function openIn(page, doc, file) {
    const res = await page.goto(doc.server.base + file, { waitUntil: 'load' });
    assert.equal(res.status(), 200, `${doc.name}/${file}: HTTP ${res.status()}`);
  }

  async function axeOtherDocuments(t, viewport) {
    const failures = [];
    let checked = 0;
    for (const doc of otherTarget()) {
      const page = await newPage(viewport, doc.server.origin);
      for (const file of doc.pages) {
        await openIn(page, doc, file);
        const v = await axeViolations(page);
        ++checked;
        if (v.length) failures.push(`${doc.name}: ${file}:\n  ${v.join('\n  ')}`);
      }
      await page.context().close();
    }
    t.diagnostic(`axe-core: ${checked} pages of ${others.map((o) => o.name).join(', ')} at ${viewport.width}px`);
    assert.deepEqual(failures, [], `axe found WCAG violations:\n${failures.join('\n')}`);
  }

  test('other documents: axe-core finds no WCAG 2.2 AA violation on any page at desktop width', async (t) => {
    await axeOtherDocuments(t, DESKTOP);
  });

  test('other documents: axe-core finds no WCAG 2.2 AA violation on any page at phone width', async (t) => {
    await axeOtherDocuments(t, PHONE);
  });

  test('other documents: the Nu HTML checker reports no errors in the pages, the CSS or the SVG files', (t) => {
    const targets = otherTarget().flatMap((doc) => doc.files.filter((f) => /\.(html|css|svg)$/.test(f)).map((f) => path.join(doc.dir, f)));
    const r = spawnSync('java', ['-jar', vnuJar, '--format', 'json', '--also-check-css', '--also-check-svg', ...targets],
                        { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.ok(!r.error, `cannot run java: ${r.error?.message}`);
    let report;
    try {
      report = JSON.parse(r.stderr);
    } catch {
      assert.fail(`vnu did not produce a JSON report (exit ${r.status}):\n${r.stderr}${r.stdout}`);
    }
    const where = (m) => {
      const file = fileURLToPath(m.url);
      const doc = others.find((o) => file.startsWith(o.dir + path.sep));
      return doc ? `${doc.name}: ${path.relative(doc.dir, file)}` : file;
    };
    const describe = (m) => `${where(m)}:${m.lastLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}: ` +
                            `${m.type}${m.subType ? '/' + m.subType : ''}: ${m.message}`;
    const errors = report.messages.filter((m) => m.type === 'error' || m.type === 'non-document-error');
    const warnings = report.messages.filter((m) => m.type === 'info' && m.subType === 'warning');
    for (const w of warnings) t.diagnostic(`vnu warning: ${describe(w)}`);
    t.diagnostic(`vnu checked ${targets.length} files: ${errors.length} errors, ${warnings.length} warnings`);
    assert.deepEqual(errors.map(describe), []);
  });

  test('other documents: every internal link and #anchor resolves, and every page and download is reachable', () => {
    const broken = [];
    for (const doc of otherTarget()) {
      const read = (file) => fs.readFileSync(path.join(doc.dir, file), 'utf8');
      const ids = new Map();
      const idsOf = (file) => {
        if (!ids.has(file)) ids.set(file, htmlIds(read(file)));
        return ids.get(file);
      };
      let checked = 0;
      for (const file of doc.files.filter((f) => /\.(html|css|svg)$/.test(f))) {
        const text = read(file);
        for (const url of file.endsWith('.css') ? cssUrls(text) : htmlUrls(text)) {
          const c = classifyUrl(url, file);
          if (c.kind === 'external') continue;
          ++checked;
          if (c.kind === 'bad') broken.push(`${doc.name}: ${file}: ${c.reason}`);
          else if (!doc.files.includes(c.file)) broken.push(`${doc.name}: ${file}: ${url} -> ${c.file} does not exist`);
          else if (c.fragment !== null && !c.file.endsWith('.html'))
            broken.push(`${doc.name}: ${file}: ${url} has a #fragment into a file that is not a page`);
          else if (c.fragment !== null && !idsOf(c.file).has(c.fragment))
            broken.push(`${doc.name}: ${file}: ${url}: ${c.file} has no element with id "${c.fragment}"`);
        }
      }
      if (checked < doc.pages.length) broken.push(`${doc.name}: only ${checked} internal links in ${doc.pages.length} pages`);
      const seen = new Set(['index.html']);
      const queue = ['index.html'];
      while (queue.length) {
        const file = queue.shift();
        for (const url of htmlUrls(read(file))) {
          const c = classifyUrl(url, file);
          if (c.kind !== 'internal' || seen.has(c.file) || !doc.files.includes(c.file)) continue;
          seen.add(c.file);
          if (c.file.endsWith('.html')) queue.push(c.file);
        }
      }
      for (const f of doc.files.filter((f) => /\.(html|csv|pdf)$/.test(f) && !seen.has(f)))
        broken.push(`${doc.name}: ${f}: no link leads to it from index.html`);
    }
    assert.deepEqual(broken, [], `broken links:\n${broken.join('\n')}`);
  });

  test('other documents: no scripts, and no request leaves the site when every page is loaded', async () => {
    const problems = [];
    for (const doc of otherTarget()) {
      for (const file of doc.pages) {
        const html = fs.readFileSync(path.join(doc.dir, file), 'utf8');
        if (/<script\b/i.test(html)) problems.push(`${doc.name}: ${file}: has a script; the site must work without JavaScript`);
        if (/\son[a-z]+\s*=/i.test(html)) problems.push(`${doc.name}: ${file}: has an event-handler attribute`);
      }
      for (const file of doc.files.filter((f) => f.endsWith('.css')))
        for (const url of cssUrls(fs.readFileSync(path.join(doc.dir, file), 'utf8')))
          if (classifyUrl(url, file).kind === 'external') problems.push(`${doc.name}: ${file}: loads ${url}`);
      const page = await newPage(DESKTOP, doc.server.origin);
      const before = external.length;
      for (const file of doc.pages) {
        page.failed.length = 0;
        await openIn(page, doc, file);
        await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
        for (const f of page.failed) problems.push(`${doc.name}: ${file}: request ${f}`);
        for (const u of external.splice(before)) problems.push(`${doc.name}: ${file}: request to another host ${u}`);
      }
      await page.context().close();
      for (const u of doc.server.outside) problems.push(`${doc.name}: request outside ${PREFIX} (root-relative URL?): ${u}`);
    }
    assert.deepEqual(problems, []);
  });

  test('other documents: at phone width (375px) no page scrolls sideways', async () => {
    const wide = [];
    for (const doc of otherTarget()) {
      const page = await newPage(PHONE, doc.server.origin);
      for (const file of doc.pages) {
        await openIn(page, doc, file);
        const r = await page.evaluate(() => {
          document.querySelectorAll('details').forEach((d) => { d.open = true; });
          const regions = [...document.querySelectorAll('.ep-table-wrap')].map((w) => ({
            label: w.getAttribute('aria-label'),
            overflow: getComputedStyle(w).overflowX,
            scrolls: w.scrollWidth > w.clientWidth,
            fits: w.getBoundingClientRect().right <= document.documentElement.clientWidth,
          }));
          return { scrollWidth: document.documentElement.scrollWidth, bodyWidth: document.body.scrollWidth, regions };
        });
        if (r.scrollWidth > PHONE.width || r.bodyWidth > PHONE.width) wide.push(`${doc.name}: ${file}: ${Math.max(r.scrollWidth, r.bodyWidth)}px wide`);
        for (const region of r.regions) {
          if (!region.fits) wide.push(`${doc.name}: ${file}: "${region.label}" sticks out of the page`);
          if (region.scrolls && !['auto', 'scroll'].includes(region.overflow))
            wide.push(`${doc.name}: ${file}: "${region.label}" overflows without scrolling`);
        }
      }
      await page.context().close();
    }
    assert.deepEqual(wide, [], 'pages wider than a phone');
  });

  // Printing (Chromium's own print to PDF, as a reader's "Print" does), read back with
  // pdftotext: the improvement plan's narrow columns keep whole words, no page ends with a
  // table's caption or header row (or a figure's title), and the printed landing page keeps
  // its contents list.
  test('printed pages: whole words in the plan, no caption or header row left at a page foot, the contents kept', async () => {
    const plan = otherTarget().find((d) => d.name === 'improvement-plan-2008');
    assert.ok(plan, 'no improvement plan site');
    const jobs = [{ base: server.base, origin: server.origin, file: 'index.html' }, { base: server.base, origin: server.origin, file: 'neets.html' },
                  { base: plan.server.base, origin: plan.server.origin, file: 'improvement-plan.html' }];
    const problems = [];
    const texts = {};
    for (const job of jobs) {
      const page = await newPage(DESKTOP, job.origin);
      await page.goto(job.base + job.file, { waitUntil: 'load' });
      const pdf = path.join(tmp, `print-${job.file}.pdf`);
      await page.pdf({ path: pdf, format: 'A4', printBackground: true });
      await page.context().close();
      const pagesText = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout.split('\f').filter((t) => t.trim());
      texts[job.file] = pagesText.join('\n');
      pagesText.forEach((text, i) => {
        const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
        const last = lines.at(-1) ?? '';
        if (i + 1 < pagesText.length && /^(Table|Figure) \d+:/.test(lines.at(-1) ?? '')) problems.push(`${job.file} page ${i + 1} ends with "${last}"`);
        if (i + 1 < pagesText.length && lines.length > 1 && /^(Table|Figure) \d+:/.test(lines.at(-2) ?? '')) problems.push(`${job.file} page ${i + 1} ends with a caption and one line: "${lines.at(-2)}"`);
        // A word printed one letter a line: three or more lines in a row that are a single letter.
        const singles = text.split('\n').map((l) => l.trim()).filter((l) => /^[A-Za-z]$/.test(l)).length;
        if (singles >= 3) problems.push(`${job.file} page ${i + 1}: ${singles} lines of a single letter (a column too narrow for its words)`);
      });
    }
    assert.deepEqual(problems, []);
    assert.match(texts['improvement-plan.html'], /Status/);
    assert.match(texts['improvement-plan.html'], /Not stated/);
    assert.match(texts['index.html'], /Vision and approach/, 'the printed landing page lost its contents list');
  });

  // Forced colours (Windows High Contrast): the page is repainted, a chart's own fills are not,
  // so each chart must keep its white ground; every label must then contrast with it.
  test('in forced colours every chart keeps its white ground, and its text stays readable on it', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, colorScheme: 'dark', forcedColors: 'active' });
    const page = await context.newPage();
    const problems = [];
    let charts = 0;
    for (const file of pages) {
      await page.goto(server.base + file, { waitUntil: 'load' });
      const r = await page.evaluate(() => {
        const rgb = (c) => (c.match(/\d+(\.\d+)?/g) || []).slice(0, 3).map(Number);
        const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
          .reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
        const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
        const out = { forced: matchMedia('(forced-colors: active)').matches, charts: 0, bad: [] };
        for (const svg of document.querySelectorAll('.ep-chart svg')) {
          if (svg.getBoundingClientRect().width === 0) continue;   // the drawing for the other width
          ++out.charts;
          const style = getComputedStyle(svg);
          if (style.forcedColorAdjust !== 'none') out.bad.push(`a chart is repainted (forced-color-adjust: ${style.forcedColorAdjust})`);
          const ground = rgb(style.backgroundColor);
          if (ground.join() !== '255,255,255') { out.bad.push(`a chart's ground is ${style.backgroundColor}`); continue; }
          for (const t of svg.querySelectorAll('text')) {
            const fill = rgb(getComputedStyle(t).fill);
            // Text drawn on a bar or in a name box is checked against white only when nothing is under it.
            if (fill.join() === '255,255,255') continue;
            if (ratio(fill, ground) < 4.5) out.bad.push(`"${t.textContent.slice(0, 30)}" has ${ratio(fill, ground).toFixed(2)}:1 on the chart's white`);
          }
        }
        return out;
      });
      assert.ok(r.forced, 'forced colours were not emulated');
      charts += r.charts;
      for (const b of r.bad.slice(0, 3)) problems.push(`${file}: ${b}`);
    }
    await context.close();
    assert.ok(charts > 5, `only ${charts} charts seen`);
    assert.deepEqual(problems, []);
  });

  // WCAG 1.4.10 (reflow at 320 CSS px, i.e. 1280 px at 400% zoom) and 1.4.12 (text spacing:
  // line height 1.5, paragraph spacing 2em, letter spacing 0.12em, word spacing 0.16em, set as
  // the W3C's bookmarklet does): on every page of every document, nothing sticks out sideways
  // (wide tables scroll in their own region) and chart text stays inside its drawing.
  test('at 320px, with and without the WCAG text-spacing overrides, no page of any document reflows badly', async () => {
    const SPACING = '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } ' +
                    'p { margin-bottom: 2em !important; }';
    const problems = [];
    let checked = 0;
    const targets = [{ name: 'the pack', origin: server.origin, base: server.base, pages }, ...otherTarget().map((d) =>
      ({ name: d.name, origin: d.server.origin, base: d.server.base, pages: d.pages }))];
    for (const doc of targets) {
      const page = await newPage({ width: 320, height: 800 }, doc.origin);
      for (const file of doc.pages) {
        for (const spacing of [false, true]) {
          await page.goto(doc.base + file, { waitUntil: 'load' });
          if (spacing) await page.addStyleTag({ content: SPACING });
          const out = await page.evaluate(() => {
            document.querySelectorAll('details').forEach((d) => { d.open = true; });
            const width = document.documentElement.clientWidth;
            const found = [];
            if (document.documentElement.scrollWidth > width) found.push(`page is ${document.documentElement.scrollWidth}px wide`);
            for (const el of document.body.querySelectorAll('*')) {
              const box = el.getBoundingClientRect();
              if (box.width === 0 || box.height === 0) continue;
              const region = el.closest('.ep-table-wrap');
              if (region && region !== el) continue;   // inside a region that scrolls
              const svg = el.closest('svg');
              if (svg && el.tagName === 'text') {
                const frame = svg.getBoundingClientRect();
                if (box.left < frame.left - 1 || box.right > frame.right + 1)
                  found.push(`chart text "${el.textContent.slice(0, 40)}" runs out of its drawing`);
                continue;
              }
              if (box.right > width + 1) found.push(`<${el.tagName.toLowerCase()}> "${(el.textContent || '').trim().slice(0, 40)}" ends at ${Math.round(box.right)}px`);
            }
            return found.slice(0, 3);
          });
          ++checked;
          for (const f of out) problems.push(`${doc.name}: ${file}${spacing ? ' (text spacing)' : ''}: ${f}`);
        }
      }
      await page.context().close();
    }
    assert.ok(checked > 40, `only ${checked} page views checked`);
    assert.deepEqual(problems, []);
  });

  // A copy of the project with hostile text in the narrative and the metadata, and a new brand.
  test('raw HTML in the narrative and markup in the metadata are shown as text, and a config rebrands the site', async () => {
    const project = path.join(tmp, 'changed');
    copyProject(root, project);
    const sections = parseCsv(fs.readFileSync(path.join(project, 'content', 'sections.csv'), 'utf8'));
    const fileCol = sections[0].indexOf('file');
    const slugCol = sections[0].indexOf('slug');
    const first = sections[1];
    fs.appendFileSync(path.join(project, 'content', first[fileCol]),
      '\nHostile: <script>window.pwned = 1</script> and <img src="x" onerror="window.pwned = 2"> end.\n\n' +
      '<div onclick="window.pwned = 3">block html</div>\n');
    const docCsv = path.join(project, 'content', 'document.csv');
    const meta = parseCsv(fs.readFileSync(docCsv, 'utf8')).filter((r) => r.length === 2 &&
      !['title', 'organisation', 'logo', 'allow_raw_html'].includes(r[0]));
    meta.push(['title', 'Pack <em>one</em> & "two"'], ['organisation', 'Borsetshire <b>County</b> Council'],
              ['logo', 'brand/borsetshire.svg']);
    fs.writeFileSync(docCsv, meta.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n') + '\n');
    fs.mkdirSync(path.join(project, 'assets', 'brand'));
    fs.writeFileSync(path.join(project, 'assets', 'brand', 'borsetshire.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="32" height="32"><circle cx="16" cy="16" r="15" fill="#00703c"/></svg>\n');
    fs.appendFileSync(path.join(project, 'assets', 'theme.css'), '\n:root { --ep-brand: #00703c; }\n');

    const r = build(binary, project, path.join(tmp, 'changed-out'));
    assert.equal(r.status, 0, `build of the changed project failed:\n${r.stderr}`);
    const changedSite = path.join(tmp, 'changed-out', 'site');
    const changed = await serve(changedSite, PREFIX);
    try {
      const page = await newPage(DESKTOP, changed.origin);
      await page.goto(changed.base + first[slugCol] + '.html');
      const seen = await page.evaluate(() => ({
        pwned: window.pwned ?? null,
        scripts: document.querySelectorAll('script').length,
        imgX: document.querySelectorAll('img[src="x"]').length,
        handlers: document.querySelectorAll('[onclick], [onerror]').length,
        text: document.querySelector('main').textContent,
        title: document.title,
        org: document.querySelector('.ep-header__org').textContent.trim(),
        logo: document.querySelector('.ep-header__logo').getAttribute('src'),
        logoLoaded: document.querySelector('.ep-header__logo').naturalWidth > 0,
        footer: document.querySelector('.ep-footer').textContent,
        rule: getComputedStyle(document.querySelector('.ep-header')).borderBottomColor,
      }));
      await page.context().close();
      assert.equal(seen.pwned, null, 'a script in the narrative ran');
      assert.equal(seen.scripts, 0);
      assert.equal(seen.imgX, 0);
      assert.equal(seen.handlers, 0);
      assert.match(seen.text, /<script>window\.pwned = 1<\/script>/, 'the raw HTML is not shown as text');
      assert.match(seen.title, /Pack <em>one<\/em> & "two"/, 'the title is not shown literally');
      assert.equal(seen.org, 'Borsetshire <b>County</b> Council');
      assert.match(seen.footer, /Borsetshire <b>County<\/b> Council/);
      assert.equal(seen.logo, 'assets/brand/borsetshire.svg');
      assert.ok(seen.logoLoaded, 'the new logo did not load');
      assert.equal(seen.rule, 'rgb(0, 112, 60)', 'the theme colour did not change');
    } finally {
      await changed.close();
    }
  });

  if (process.env.EP_SCREENSHOTS) {
    test('screenshots', async () => {
      const dir = path.resolve(process.env.EP_SCREENSHOTS);
      fs.mkdirSync(dir, { recursive: true });
      const section = pages.find((p) => fs.readFileSync(path.join(site, p), 'utf8').includes('<figure'));
      for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
        const page = await newPage(viewport);
        for (const file of ['index.html', section, 'sources.html']) {
          await open(page, file);
          await page.screenshot({ path: path.join(dir, `${name}-${file.replace('.html', '')}.png`), fullPage: true });
        }
        await page.context().close();
      }
    });
  }
}
