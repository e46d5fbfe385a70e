// Builds the page of `milmob serve` into OUT (default dist/): the script bundled with Leaflet by
// esbuild, Leaflet's stylesheet and marker images, and the Natural Earth country borders that
// serve as the offline basemap (no tile server at run time).
// usage: node build.mjs [OUT] (run where `npm ci` installed node_modules, or next to them)
import { createRequire } from 'node:module';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(process.argv[2] ?? path.join(here, 'dist'));
const modules = path.resolve(process.env.MILMOB_NODE_MODULES ?? path.join(here, 'node_modules'));
const require = createRequire(path.join(modules, 'noop.js'));
const esbuild = require('esbuild');

mkdirSync(out, { recursive: true });
await esbuild.build({
  entryPoints: [path.join(here, 'src/main.js')],
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  outfile: path.join(out, 'app.js'),
  nodePaths: [modules],
  logLevel: 'warning',
});
const leaflet = path.join(modules, 'leaflet/dist');
copyFileSync(path.join(leaflet, 'leaflet.css'), path.join(out, 'leaflet.css'));
mkdirSync(path.join(out, 'images'), { recursive: true });
for (const f of readdirSync(path.join(leaflet, 'images'))) copyFileSync(path.join(leaflet, 'images', f), path.join(out, 'images', f));
copyFileSync(path.join(here, 'src/index.html'), path.join(out, 'index.html'));
copyFileSync(path.join(here, 'src/style.css'), path.join(out, 'style.css'));
copyFileSync(path.join(here, '../data/naturalearth/ne_50m_admin_0_countries_europe.geojson'), path.join(out, 'countries.geojson'));
