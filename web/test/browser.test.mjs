// End-to-end test of the page in Chromium (headless, Debian's /usr/bin/chromium through
// playwright-core): `milmob serve` on the flagship scenario; the page plans it and draws its
// routes; a bridge is closed by clicking the map in the what-if panel; the closure difference
// appears and the what-if routes are drawn; a screenshot is saved. The server runs with a token
// (--token-file): the page asks for it once, at its first POST, and sends it from then on; and
// with its Content-Security-Policy, which must not block anything the page does.
// usage: node browser.test.mjs MILMOB SCENARIO SCREENSHOT.png   (MILMOB_NODE_MODULES: npm packages)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const here = path.dirname(fileURLToPath(import.meta.url));
const [milmob, scenario, screenshot] = process.argv.slice(2);
if (!screenshot) {
  console.error('usage: node browser.test.mjs MILMOB SCENARIO SCREENSHOT.png');
  process.exit(2);
}
const modules = path.resolve(process.env.MILMOB_NODE_MODULES ?? path.join(here, '../node_modules'));
const { chromium } = createRequire(path.join(modules, 'noop.js'))('playwright-core');

// The Oder motorway bridge Frankfurt (Oder)-Świecko (examples/vjtf-baltic.yaml, disruptions).
const BRIDGE = { lon: 14.57833, lat: 52.31556 };
const SZCZECIN = { lon: 14.58581, lat: 53.43056 };  // its port, a scenario resource

const TOKEN = 'browser-test-token-0123456789';
const tokenDir = fs.mkdtempSync(path.join(os.tmpdir(), 'milmob-browser-'));
const tokenFile = path.join(tokenDir, 'token');
fs.writeFileSync(tokenFile, `${TOKEN}\n`, { mode: 0o600 });

function startServer() {
  const server = spawn(milmob, ['serve', '--scenario', scenario, '--port', '0', '-q', '--token-file', tokenFile],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`milmob serve did not start:\n${err}`)), 60000);
    server.stderr.on('data', (d) => {
      err += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(err);
      if (m) { clearTimeout(timer); resolve({ server, url: m[1], log: () => err }); }
    });
    server.on('exit', (code) => reject(new Error(`milmob serve exited with ${code}:\n${err}`)));
  });
}

const { server, url } = await startServer();
let browser;
try {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 1500, height: 1100 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) errors.push(m.text()); });
  const prompts = [];
  page.on('dialog', async (d) => { prompts.push(d.message()); await d.accept(TOKEN); });
  const response = await page.goto(url);
  assert.match(response.headers()['content-security-policy'] ?? '', /default-src 'self'/);
  assert.equal(response.headers()['x-content-type-options'], 'nosniff');
  await page.waitForSelector('body[data-ready]', { timeout: 60000 });
  assert.equal(await page.getAttribute('body', 'data-ready'), 'yes', await page.textContent('#status'));

  // Routes drawn: one path per part of each unit's and vehicle class's itinerary (road, rail,
  // sea, air), and the country borders.
  const plan = await page.evaluate(async () => (await fetch(`/plans/${document.body.dataset.plan}`)).json());
  const routes = await page.evaluate(async () => (await fetch(`/plans/${document.body.dataset.plan}/routes`)).json());
  const legs = routes.features.filter((f) => f.geometry.type === 'LineString').length;
  assert.ok(legs > 0, 'the plan has routes');
  assert.equal(await page.locator('path.mm-route').count(), legs, 'one drawn route per itinerary part');
  for (const mode of ['road', 'rail', 'sea', 'air'])
    assert.ok(await page.locator(`path.mm-route.mode-${mode}`).count() > 0, `a ${mode} route is drawn`);
  assert.ok(await page.locator('path.leaflet-interactive, path').count() > legs, 'borders drawn');
  assert.equal(await page.textContent('#closure-value'), plan.closure);
  assert.equal(await page.locator('#closure tr').count(), plan.units.length + 1);
  assert.ok(await page.locator('rect.mm-step').count() > 0, 'the timeline has steps');

  // Close the bridge: zoom to it as a user would, the what-if panel's button, then a click on
  // the bridge on the map.
  await page.evaluate(({ lon, lat }) => window.milmobMap.setView([lat, lon], 11, { animate: false }), BRIDGE);
  await page.click('#whatif-pick');
  const point = await page.evaluate(({ lon, lat }) => window.milmobMap.latLngToContainerPoint([lat, lon]), BRIDGE);
  const box = await page.locator('#map').boundingBox();
  await page.mouse.click(box.x + point.x, box.y + point.y);
  const chosen = /close ([\d.]+), ([\d.]+)/.exec(await page.textContent('#whatif-chosen'));
  assert.ok(chosen && Math.abs(chosen[1] - BRIDGE.lon) < 0.002 && Math.abs(chosen[2] - BRIDGE.lat) < 0.002, chosen?.[0]);
  // And cut the capacity of the port of Szczecin from its popup.
  await page.evaluate(({ lon, lat }) => window.milmobMap.setView([lat, lon], 12, { animate: false }), SZCZECIN);
  const port = await page.evaluate(({ lon, lat }) => window.milmobMap.latLngToContainerPoint([lat, lon]), SZCZECIN);
  await page.mouse.click(box.x + port.x, box.y + port.y);
  await page.click('.leaflet-popup .mm-cut');
  assert.match(await page.textContent('#whatif-chosen'), /cut .* to 50% of its capacity/);
  await page.click('#whatif-run');
  // The page marks the body once the what-if plan's routes are drawn, after the closure text.
  await page.waitForSelector('body[data-whatif]', { timeout: 60000 });
  const text = await page.textContent('#whatif-closure');
  const m = /Closure (C\+\d+ \d\d:\d\d) → (C\+\d+ \d\d:\d\d) \(\+?(-?[\d.]+) h\)/.exec(text);
  assert.ok(m, text);
  assert.equal(m[1], plan.closure);
  // Losing the Oder crossing sends units around it: some arrive later (the closure is held by
  // the Norwegian battalion's ferry, which does not pass there).
  assert.ok(Number(m[3]) >= 0, `closure difference ${m[3]} h`);
  assert.ok(await page.locator('#whatif-result td.num.late').count() > 0, 'a unit arrives later');
  assert.ok(await page.locator('path.mm-whatif').count() > 0, 'the what-if routes are drawn');
  await page.evaluate(() => window.milmobMap.setView([54, 17], 5, { animate: false }));
  await page.screenshot({ path: screenshot, fullPage: true });
  assert.deepEqual(errors, []);
  assert.equal(prompts.length, 1, `the token is asked for once: ${prompts}`);
  console.log(`ok: ${legs} routes drawn, closure ${m[1]} -> ${m[2]} (+${m[3]} h); screenshot ${screenshot}`);
} finally {
  if (browser) await browser.close();
  server.kill('SIGTERM');
  fs.rmSync(tokenDir, { recursive: true, force: true });
}
