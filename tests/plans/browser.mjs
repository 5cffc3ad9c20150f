// The shipped 2008 committee report's action plans in headless Chromium (Debian's
// /usr/bin/chromium driven by playwright-core, with axe-core; both from tests/browser's
// node_modules): no WCAG 2.2 AA violation at desktop and phone width; at 375px the page does
// not scroll sideways while the plan tables scroll in their own focusable region; every status
// badge names its status in words, with text at 4.5:1 or more on its fill; long cells wrap.
//
//   node --test-reporter=tap tests/plans/browser.mjs EVIDENCEPACK PROJECT_ROOT
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const binary = path.resolve(process.argv[2] ?? 'build/evidencepack');
const root = path.resolve(process.argv[3] ?? path.join(here, '..', '..'));
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 812 };
const STATUS_WORDS = { red: 'Red: no progress recorded', amber: 'Amber: in progress', green: 'Green: on track', complete: 'Complete' };

// The browser suite's packages (npm ci --prefix tests/browser); missing ones fail, never skip.
const require = createRequire(path.join(root, 'tests', 'browser', 'package.json'));
const problems = [];
for (const pkg of ['playwright-core', 'axe-core']) {
  try {
    require.resolve(pkg);
  } catch {
    problems.push(`npm package ${pkg} not installed: run \`npm ci --prefix tests/browser\``);
  }
}
if (!fs.existsSync(chromiumPath)) problems.push(`${chromiumPath} not found: apt-get install chromium`);
if (!fs.existsSync(binary)) problems.push(`evidencepack binary not found at ${binary}`);

if (problems.length) {
  test('prerequisites are installed', () => assert.fail(problems.join('\n')));
} else {
  const { chromium } = require('playwright-core');
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ep-plans-browser-'));
  const site = path.join(tmp, 'out', 'improvement-plan-2008', 'site');
  const planPage = pathToFileURL(path.join(site, 'improvement-plan.html')).href;
  let browser;

  before(async () => {
    const r = spawnSync(binary, ['build', '--root', root, '--out', path.join(tmp, 'out')], { encoding: 'utf8' });
    assert.equal(r.status, 0, `evidencepack build failed:\n${r.stderr}`);
    assert.ok(fs.existsSync(path.join(site, 'improvement-plan.html')), 'the 2008 report has no improvement-plan.html');
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
             '--no-first-run', '--disable-quic', '--disable-sync'],
    });
  });

  after(async () => {
    await browser?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function open(viewport) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(planPage, { waitUntil: 'load' });
    return page;
  }

  for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    test(`axe-core finds no WCAG 2.2 AA violation on the plan page at ${name} width`, async () => {
      const page = await open(viewport);
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(
        (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
        WCAG_TAGS);
      await page.context().close();
      assert.ok(result.passes.length >= 10, `axe ran only ${result.passes.length} rules`);
      assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), []);
    });
  }

  test('every status badge names its status, in text at 4.5:1 or more on its fill', async () => {
    const page = await open(DESKTOP);
    const badges = await page.evaluate(() => [...document.querySelectorAll('.ep-plan-table .ep-status')].map((b) => {
      const s = getComputedStyle(b);
      return { cls: b.className, text: b.textContent, color: s.color, background: s.backgroundColor, display: s.display };
    }));
    await page.context().close();
    assert.ok(badges.length >= 15, `only ${badges.length} status badges`);
    const rgb = (c) => c.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
    const lum = (c) => {
      const [r, g, b] = rgb(c).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const seen = new Set();
    for (const b of badges) {
      const status = b.cls.match(/ep-status--(\w+)/)?.[1];
      assert.ok(status, `a badge without a status class: ${b.cls}`);
      seen.add(status);
      assert.equal(b.text, STATUS_WORDS[status], `the ${status} badge says "${b.text}"`);
      assert.notEqual(b.background, 'rgba(0, 0, 0, 0)', `the ${status} badge has no fill`);
      const [hi, lo] = [lum(b.color), lum(b.background)].sort((x, y) => y - x);
      const ratio = (hi + 0.05) / (lo + 0.05);
      assert.ok(ratio >= 4.5, `the ${status} badge's text is ${ratio.toFixed(2)}:1 on its fill`);
    }
    for (const s of ['red', 'amber', 'complete']) assert.ok(seen.has(s), `no ${s} badge in the shipped plans`);
  });

  test('at 375px the page stays put and the plan tables scroll in their own focusable region', async () => {
    const page = await open(PHONE);
    const r = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      regions: [...document.querySelectorAll('.ep-table-wrap')].filter((w) => w.querySelector('.ep-plan-table')).map((w) => ({
        overflow: getComputedStyle(w).overflowX,
        scrolls: w.scrollWidth > w.clientWidth,
        right: w.getBoundingClientRect().right,
        focusable: w.tabIndex === 0 && w.getAttribute('role') === 'region' && !!w.getAttribute('aria-label'),
        caption: w.querySelector('caption').getBoundingClientRect().right,
      })),
    }));
    await page.context().close();
    assert.ok(r.scrollWidth <= PHONE.width, `the page is ${r.scrollWidth}px wide`);
    assert.equal(r.regions.length, 2, 'expected the two plan tables');
    for (const region of r.regions) {
      assert.ok(region.scrolls, 'a plan table fits a phone without scrolling: its text columns are squeezed');
      assert.ok(['auto', 'scroll'].includes(region.overflow), 'a plan table overflows without scrolling');
      assert.ok(region.right <= PHONE.width, 'a plan table sticks out of the page');
      assert.ok(region.focusable, 'the scrolling region is not a labelled, focusable region');
      assert.ok(region.caption <= PHONE.width, 'the caption runs off the screen');
    }
  });

  test('long cells wrap: no plan cell is a single line wider than the screen', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await open(viewport);
      const cells = await page.evaluate(() => [...document.querySelectorAll('.ep-plan-table td, .ep-plan-table th[scope="row"], .ep-plan-table th[scope="col"]')].map((c) => {
        const s = getComputedStyle(c);
        return { width: c.getBoundingClientRect().width, lineHeight: parseFloat(s.lineHeight), height: c.getBoundingClientRect().height,
                 chars: c.textContent.length, whiteSpace: s.whiteSpace };
      }));
      await page.context().close();
      const longest = cells.reduce((a, c) => (c.chars > a.chars ? c : a));
      assert.ok(longest.chars > 200, 'no long cell in the shipped plans');
      for (const c of cells) {
        assert.notEqual(c.whiteSpace, 'nowrap', 'a plan cell does not wrap');
        assert.ok(c.width <= Math.max(viewport.width, 480), `a ${c.chars}-character cell is ${c.width}px wide at ${viewport.width}px`);
      }
      assert.ok(longest.height > 3 * longest.lineHeight, 'the longest cell did not wrap onto several lines');
    }
  });
}
