// Benchmark (prints figures, asserts nothing): the live preview's latency on the shipped project.
//
//   node tests/bench/serve.mjs BUILD_DIR [RUNS]
//
// For RUNS edits (default 10) each of one paragraph of content/neets.md and of one figure in
// data/observations.csv it prints the median and the worst of:
//   rebuild   the time serve reports for the rebuild ("rebuilt in"),
//   to line   from the file's write to serve printing that line (includes the watcher's polling),
//   to load   from the file's write to the open page's load event after it reloaded itself
//             (headless Chromium via playwright-core, from tests/browser/node_modules).
// Goals (docs/serve.md): to load <= 50 ms for a paragraph; rebuild <= 10 ms for a paragraph,
// <= 20 ms for a CSV edit.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const binary = path.resolve(process.argv[2] ?? path.join(repo, 'build'), 'evidencepack');
const runs = Number(process.argv[3] ?? 10);
const require = createRequire(path.join(repo, 'tests', 'browser', 'package.json'));
const { chromium } = require('playwright-core');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ep-serve-bench-'));
const project = path.join(work, 'project');
for (const dir of ['data', 'content', 'templates', 'assets'])
  fs.cpSync(path.join(repo, dir), path.join(project, dir), { recursive: true });

const server = spawn(binary, ['serve', '--root', project, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
let stdout = '';
const waiters = [];
server.stdout.on('data', (d) => {
  stdout += d;
  for (const w of waiters.splice(0)) w();
});
function waitFor(re, from) {
  return new Promise((resolve) => {
    const check = () => {
      const m = stdout.slice(from).match(re);
      if (m) resolve(m);
      else waiters.push(check);
    };
    check();
  });
}
const base = (await waitFor(/ at (http:\/\/127\.0\.0\.1:\d+\/)/, 0))[1];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
await page.goto(base + 'site/neets.html');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function measure(label, file, change) {
  const rebuild = [], toLine = [], toLoad = [];
  for (let i = 0; i < runs; ++i) {
    const p = path.join(project, file);
    const text = fs.readFileSync(p, 'utf8');
    const from = stdout.length;
    const loaded = page.waitForEvent('load', { timeout: 60000 });
    const start = performance.now();
    fs.writeFileSync(p, change(text, i));
    const m = await waitFor(/rebuilt in ([\d.]+) (ms|s)/, from);
    toLine.push(performance.now() - start);
    rebuild.push(Number(m[1]) * (m[2] === 's' ? 1000 : 1));
    await loaded;
    toLoad.push(performance.now() - start);
  }
  const f = (xs) => `median ${median(xs).toFixed(0)} ms, worst ${Math.max(...xs).toFixed(0)} ms`;
  console.log(`${label}:\n  rebuild  ${f(rebuild)}\n  to line  ${f(toLine)}\n  to load  ${f(toLoad)}`);
}

await measure('one paragraph of content/neets.md', 'content/neets.md', (t, i) => `${t}\nBenchmark paragraph ${i}.\n`);
await measure('one figure in data/observations.csv', 'data/observations.csv',
  (t, i) => t.replace(/^coventry,ni_117,2008\/09,[\d.]+%/m, `coventry,ni_117,2008/09,${i % 2 ? '6.7' : '6.8'}%`));

await browser.close();
server.kill('SIGINT');
await new Promise((r) => server.on('exit', r));
fs.rmSync(work, { recursive: true, force: true });
