// Headless Chromium (Debian's) driven by playwright-core: load the page, check its first screen (no broken source
// image, no download link before an edit), upload an image, submit a hypothetical instruction, wait for the result,
// then upload a photograph and check that the page warns it is far from the training scenes; screenshots of each.
// Usage: BASE_URL=http://127.0.0.1:PORT SCREENSHOT=out.png node page.mjs
// (also writes out-first.png, the first screen, and out-warning.png, the photograph's edit, beside SCREENSHOT)
import { chromium } from 'playwright-core';

const base = process.env.BASE_URL;
if (!base) throw new Error('BASE_URL is not set');
const shot = process.env.SCREENSHOT || 'page.png';
const shotOf = name => shot.replace(/(\.png)?$/, `-${name}.png`);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  // Playwright gives each launch a fresh empty profile; these flags keep Chromium off the network.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

// Images shown on the page that failed to load or have nothing to show (a broken-image icon).
const brokenImages = page => page.$$eval('img', imgs => imgs
  .filter(i => i.getClientRects().length > 0 && getComputedStyle(i).visibility !== 'hidden')
  .filter(i => !i.complete || i.naturalWidth === 0)
  .map(i => i.id || i.alt || i.src.slice(0, 40)));

async function edit(page, file, prompt, steps) {
  await page.setInputFiles('#file', new URL(file, import.meta.url).pathname);
  await page.fill('#prompt', prompt);
  await page.fill('#steps', steps);
  await page.click('#go');
  await page.waitForSelector('#download:not([hidden])', { state: 'visible', timeout: 60000 });
}

try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  await page.goto(base + '/');
  await page.waitForSelector('#examples img');
  await page.waitForFunction(() => [...document.querySelectorAll('#examples img')].every(i => i.complete));

  // 1. The first screen: nothing chosen, nothing edited; each of these shows only once it has content.
  await page.screenshot({ path: shotOf('first'), fullPage: true });
  for (const id of ['srcFigure', 'download', 'compare', 'inferred', 'warnings']) {
    if (await page.isVisible('#' + id)) throw new Error(`#${id} is shown before anything was chosen or edited`);
  }
  const brokenFirst = await brokenImages(page);
  if (brokenFirst.length) throw new Error('broken images on the first screen: ' + brokenFirst.join(', '));

  // 2. A ReasonWorld scene: an edit, no warning.
  await edit(page, '../examples/slope.png', 'What would happen if the ball was let go at the top of the slope?', '6');
  const category = await page.textContent('#category');
  const objects = await page.textContent('#objects');
  const href = await page.getAttribute('#download', 'href');
  if (!href.startsWith('data:image/png;base64,')) throw new Error('download link is not a PNG: ' + href.slice(0, 40));
  if (!(await page.isVisible('#srcFigure'))) throw new Error('the source is not shown after choosing one');
  if (await page.isVisible('#warnings')) throw new Error('a ReasonWorld scene got a warning: ' + await page.textContent('#warnings'));
  const broken = await brokenImages(page);
  if (broken.length) throw new Error('broken images after the edit: ' + broken.join(', '));
  await page.screenshot({ path: shot, fullPage: true });

  // 3. A photograph (a circuit board, 720x477): the page says it is far from the training scenes.
  await edit(page, '../infer/src/test/resources/ood/circuit-board-photo.jpg',
    'What would this look like if the afternoon turned into evening?', '2');
  await page.waitForSelector('#warnings', { state: 'visible', timeout: 10000 });
  const warning = await page.textContent('#warnings');
  if (!/far from the scenes the model was trained on/.test(warning)) throw new Error('no out-of-domain warning: ' + warning);
  if (!/not square/.test(warning)) throw new Error('no note that the photo is not square: ' + warning);
  await page.screenshot({ path: shotOf('warning'), fullPage: true });

  if (errors.length) throw new Error('page errors: ' + errors.join('; '));
  console.log(`web page: ok, first screen clean, objects "${objects}", category ${category}, photo warned; `
    + `screenshots ${shotOf('first')}, ${shot}, ${shotOf('warning')}`);
} finally {
  await browser.close();
}
