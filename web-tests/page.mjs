// Headless Chromium (Debian's) driven by playwright-core: load the page, upload an image, submit a
// hypothetical instruction, wait for the result, save a screenshot.
// Usage: BASE_URL=http://127.0.0.1:PORT SCREENSHOT=out.png node page.mjs
import { chromium } from 'playwright-core';

const base = process.env.BASE_URL;
if (!base) throw new Error('BASE_URL is not set');
const shot = process.env.SCREENSHOT || 'page.png';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  // Playwright gives each launch a fresh empty profile; these flags keep Chromium off the network.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  await page.goto(base + '/');
  await page.waitForSelector('#examples img');
  await page.setInputFiles('#file', new URL('../examples/slope.png', import.meta.url).pathname);
  await page.fill('#prompt', 'What would happen if the ball was let go at the top of the slope?');
  await page.fill('#steps', '6');
  await page.click('#go');
  await page.waitForSelector('#download:not([hidden])', { timeout: 60000 });
  const category = await page.textContent('#category');
  const objects = await page.textContent('#objects');
  const href = await page.getAttribute('#download', 'href');
  if (!href.startsWith('data:image/png;base64,')) throw new Error('download link is not a PNG: ' + href.slice(0, 40));
  await page.screenshot({ path: shot, fullPage: true });
  if (errors.length) throw new Error('page errors: ' + errors.join('; '));
  console.log(`web page: ok, objects "${objects}", category ${category}, screenshot ${shot}`);
} finally {
  await browser.close();
}
