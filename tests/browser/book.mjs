// The built book in a real browser (headless Debian Chromium, driven by
// playwright-core): an inspector's path through it.
//
//   node tests/browser/book.mjs BOOK_DIR SCREENSHOT_DIR EXPECTED_TOTAL
//
// Serves BOOK_DIR on 127.0.0.1 (a port the system picks), then:
//   1. clicks an evidence reference and checks it lands on that document's
//      row of the document log;
//   2. reads the word-count banner of the first chapter (EXPECTED_TOTAL is
//      what `psdoc count` says), and checks the counts and the log stay out
//      of the print page;
//   3. follows every internal link of every page (print.html included) and
//      checks that its page and its anchor exist;
//   4. runs axe-core on every page, in the light and the dark theme: no
//      WCAG 2.2 A or AA violation;
//   5. saves screenshots in SCREENSHOT_DIR.
// Prints what it checked; exits 1 listing every failure.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const [bookDir, shotDir, expectedTotal] = process.argv.slice(2);
if (!bookDir || !shotDir || !expectedTotal) {
  console.error('usage: node book.mjs BOOK_DIR SCREENSHOT_DIR EXPECTED_TOTAL');
  process.exit(2);
}
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

const failures = [];
const fail = (message) => failures.push(message);
const log = (message) => console.log(message);

// ---- a static file server on loopback ------------------------------------
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json',
  '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.txt': 'text/plain',
};
const root = path.resolve(bookDir);
function fileFor(urlPath) {
  let p = decodeURIComponent(urlPath.split('?')[0]);
  if (p.endsWith('/')) p += 'index.html';
  const full = path.resolve(root, '.' + p);
  if (!full.startsWith(root + path.sep)) return null;
  return fs.existsSync(full) && fs.statSync(full).isFile() ? full : null;
}
const server = http.createServer((req, res) => {
  const file = fileFor(new URL(req.url, 'http://x').pathname);
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}/`;
log(`serving ${root} at ${base}`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});
const watchdog = setTimeout(() => {
  console.error('browser test: gave up after 240 s');
  process.exit(1);
}, 240_000);

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Nothing leaves this machine: only the book's own server answers.
  await context.route((url) => !url.href.startsWith(base), (route) => route.abort());
  const page = await context.newPage();
  page.on('pageerror', (e) => fail(`JavaScript error on ${page.url()}: ${e.message}`));
  fs.mkdirSync(shotDir, { recursive: true });

  // ---- 1. an evidence reference lands on its row of the log --------------
  await page.goto(base + 'data.html');
  const reference = page.locator('main a[href*="document-log.html#"]').first();
  const title = await reference.getAttribute('title');
  const href = await reference.getAttribute('href');
  const anchor = decodeURIComponent(href.split('#')[1]);
  await reference.click();
  await page.waitForURL(`**/document-log.html#${anchor}`);
  await page.waitForTimeout(200);
  const landing = await page.evaluate((id) => {
    const target = document.getElementById(id);
    const row = target && target.closest('tr');
    if (!row) return null;
    const rect = row.getBoundingClientRect();
    return {
      text: row.innerText,
      inView: rect.top >= 0 && rect.bottom <= window.innerHeight,
      highlighted: row.matches(':has(:target)'),
    };
  }, anchor);
  const plain = (s) => (s || '').replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"');
  if (!landing) {
    fail(`clicking ${href} on data.html: no row with id ${anchor} in the document log`);
  } else {
    if (!landing.inView) fail(`clicking ${href}: the row of ${anchor} is not in view`);
    if (!landing.highlighted) fail(`clicking ${href}: the row of ${anchor} is not highlighted (:target)`);
    if (!plain(landing.text).includes(plain(title))) {
      fail(`clicking ${href}: the row reads "${landing.text}", not the link's title "${title}"`);
    }
    log(`evidence link ${href} lands on its row: ${landing.text.split('\t').slice(0, 2).join(' ')}`);
  }
  await page.screenshot({ path: path.join(shotDir, 'document-log.png') });
  const qi = await page.goto(base + 'data.html').then(() =>
    page.locator('abbr.psdoc-qi').first().getAttribute('title'));
  if (!qi || !qi.startsWith('QI ')) fail(`data.html: no quality indicator shows its title on hover (found ${qi})`);
  else log(`quality indicator on hover: ${qi}`);

  // ---- 2. the word-count banner ------------------------------------------
  await page.goto(base);
  const banner = await page.locator('.psdoc-word-count').first().innerText().catch(() => null);
  const total = Number(expectedTotal).toLocaleString('en-GB');
  if (!banner) fail('index.html: no word-count banner');
  else if (!banner.includes(`The statement: ${total} of `)) {
    fail(`index.html: the banner reads "${banner}", expected a total of ${total} words`);
  } else log(`word-count banner: ${banner.replace(/\n+/g, ' ')}`);
  await page.screenshot({ path: path.join(shotDir, 'first-chapter.png') });
  await page.emulateMedia({ media: 'print' });
  if (await page.locator('.psdoc-word-count').first().isVisible()) fail('index.html: the word count shows when printed');
  await page.emulateMedia({ media: 'screen' });
  await page.goto(base + 'print.html');
  const printShows = await page.evaluate(() => ({
    counts: [...document.querySelectorAll('.psdoc-word-count')].filter((e) => e.checkVisibility()).length,
    log: [...document.querySelectorAll('.psdoc-screen-only')].filter((e) => e.checkVisibility()).length,
    chapters: document.querySelectorAll('main h1').length,
  }));
  if (printShows.counts > 0) fail(`print.html shows ${printShows.counts} word-count banner(s)`);
  if (printShows.log > 0) fail('print.html shows the document log (print-log = false)');
  log(`print.html: ${printShows.chapters} chapter headings, no word counts, no log`);

  // ---- 3 and 4. every page: links and axe ---------------------------------
  const pages = new Map(); // path -> { ids, links }
  const queue = ['index.html'];
  const seen = new Set(queue);
  const violations = [];
  while (queue.length > 0) {
    const p = queue.shift();
    const response = await page.goto(base + p);
    if (!response || response.status() !== 200) {
      fail(`${p}: HTTP ${response && response.status()}`);
      continue;
    }
    const found = await page.evaluate(() => ({
      ids: [...document.querySelectorAll('[id], a[name]')].map((e) => e.id || e.getAttribute('name')),
      links: [...document.querySelectorAll('a[href]')].map((a) => a.href),
    }));
    pages.set(p, { ids: new Set(found.ids), links: found.links });
    for (const link of found.links) {
      if (!link.startsWith(base)) continue;
      const target = new URL(link).pathname.slice(1) || 'index.html';
      if (target.endsWith('.html') && !seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
      WCAG,
    );
    for (const v of result.violations) {
      violations.push(`${p}: ${v.id} (${v.impact}): ${v.help}; ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    }
  }
  let checked = 0;
  for (const [p, { links }] of pages) {
    for (const link of links) {
      if (!link.startsWith(base)) continue;
      const url = new URL(link);
      const target = url.pathname.slice(1) || 'index.html';
      if (!fileFor(url.pathname)) {
        fail(`${p}: broken link to ${target}`);
        continue;
      }
      const fragment = decodeURIComponent(url.hash.slice(1));
      if (fragment && pages.has(target) && !pages.get(target).ids.has(fragment)) {
        fail(`${p}: broken link to ${target}#${fragment} (no such anchor)`);
      }
      checked += 1;
    }
  }
  log(`${pages.size} pages, ${checked} internal links checked`);
  // The same pages in mdBook's dark theme (what a reader whose system
  // prefers dark sees): contrast is checked again.
  const dark = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'dark' });
  await dark.route((url) => !url.href.startsWith(base), (route) => route.abort());
  const darkPage = await dark.newPage();
  for (const p of pages.keys()) {
    await darkPage.goto(base + p);
    await darkPage.addScriptTag({ content: axeSource });
    const result = await darkPage.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
      WCAG,
    );
    for (const v of result.violations) {
      violations.push(`${p} (dark theme): ${v.id} (${v.impact}): ${v.help}; ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    }
  }
  await darkPage.screenshot({ path: path.join(shotDir, 'dark-theme.png') });
  if (violations.length > 0) fail(`axe-core (WCAG 2.2 A/AA):\n  ${violations.join('\n  ')}`);
  else log(`axe-core: no WCAG 2.2 A/AA violation on ${pages.size} pages, in the light and the dark theme`);
  log(`screenshots in ${shotDir}`);
} catch (e) {
  fail(`browser test: ${e.stack || e}`);
} finally {
  clearTimeout(watchdog);
  await browser.close();
  server.close();
}

if (failures.length > 0) {
  console.error(failures.map((f) => `FAILED: ${f}`).join('\n'));
  process.exit(1);
}
console.log('browser test: all checks passed');
