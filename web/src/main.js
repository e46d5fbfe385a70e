// The page of `milmob serve`: plans the server's scenario, shows the plan on the map, the
// timeline, the closure and the march tables; re-plans what-ifs and routes one vehicle.
import L from 'leaflet';
import { api, escapeHtml, waitForJob } from './api.js';
import { renderGantt } from './gantt.js';
import { addBasemap, addLegend, blockedLayer, makeMap, routeLayer, stopLayer } from './layers.js';

const $ = (id) => document.getElementById(id);
const state = { plan: null, planId: null, scenario: null, layers: [], whatifLayers: [], pick: null, drawn: [], routeClicks: [] };

function status(text) { $('status').textContent = text; }

function clearLayers(list) {
  for (const l of list) l.remove();
  list.length = 0;
}

function closureTable(plan) {
  const rows = plan.units.map((u) => {
    const late = u.lateness_h;
    const cause = (u.delays ?? []).find((d) => d.cause !== 'drive');
    return `<tr><td>${escapeHtml(u.id)}</td><td>${u.ready}</td><td>${u.feasible ? u.arrival : 'infeasible'}</td><td>${u.required_delivery}</td>`
      + `<td class="num ${late > 0 ? 'late' : 'early'}">${u.feasible ? late.toFixed(1) : ''}</td><td>${escapeHtml(cause?.text ?? '')}</td></tr>`;
  }).join('');
  return `<p>Force closure <b id="closure-value">${plan.closure}</b>${plan.all_feasible ? '' : ' (some units cannot arrive)'}`
    + `${plan.disruptions.length ? `, with ${escapeHtml(plan.disruptions.join('; '))}` : ''}</p>`
    + `<table><tr><th>unit</th><th>ready</th><th>arrival</th><th>required</th><th>late h</th><th>main delay</th></tr>${rows}</table>`;
}

function csvTable(csv, maxRows) {
  const lines = csv.trim().split('\n');
  const split = (line) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g).map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"'));
  const head = split(lines[0]).filter((c, i, a) => i < a.length - 1 || c !== '');
  const body = lines.slice(1, maxRows + 1).map((l) => `<tr>${split(l).slice(0, head.length).map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`);
  const more = lines.length - 1 > maxRows ? `<p>${lines.length - 1 - maxRows} more rows: GET /plans/${state.planId}/march-tables</p>` : '';
  return `<table><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>${body.join('')}</table>${more}`;
}

function blockedList(plan) {
  const items = [];
  for (const u of plan.units) for (const l of u.legs) for (const d of l.detours) items.push(`${escapeHtml(u.id)} (${escapeHtml(l.vehicle_class)}): ${escapeHtml(d)}`);
  for (const d of state.scenario?.disruptions ?? []) if (d.kind === 'bridge_lost' || d.kind === 'road_closed') items.push(`what-if: ${escapeHtml(d.name)}`);
  return items.length ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '<p>No route had to avoid a bridge or road.</p>';
}

async function showPlan(map, planId) {
  const [{ data: plan }, { data: routes }, { data: marchCsv }] = await Promise.all([
    api(`/plans/${planId}`), api(`/plans/${planId}/routes`), api(`/plans/${planId}/march-tables`)]);
  state.plan = plan;
  state.planId = planId;
  clearLayers(state.layers);
  const routesLayer = routeLayer(routes).addTo(map);
  state.layers.push(routesLayer);
  const stops = [...(state.scenario?.places.features ?? []), ...routes.features.filter((f) => f.geometry.type === 'Point')];
  state.layers.push(stopLayer(stops).addTo(map));
  state.layers.push(blockedLayer(state.scenario?.disruptions ?? []).addTo(map));
  if (routesLayer.getLayers().length) map.fitBounds(routesLayer.getBounds(), { padding: [20, 20] });
  $('closure').innerHTML = closureTable(plan);
  $('blocked').innerHTML = blockedList(plan);
  renderGantt($('gantt'), plan);
  $('march-tables').innerHTML = csvTable(marchCsv, 300);
  document.body.dataset.plan = planId;
}

function chosenDisruptions() {
  const out = [];
  if ($('whatif-select').value) out.push($('whatif-select').value);
  out.push(...state.drawn.map(({ label, ...d }) => d));  // the label is for the page only
  const port = $('whatif-port').value;
  if (port) out.push({ kind: 'capacity_cut', place: JSON.parse(port), capacity_factor: Number($('whatif-factor').value) });
  return out;
}

function showChosen() {
  $('whatif-chosen').innerHTML = state.drawn.map((d) => (d.kind === 'capacity_cut'
    ? `<div>cut ${escapeHtml(d.label)} to ${d.capacity_factor * 100}% of its capacity</div>`
    : `<div>close ${d.near[0].toFixed(3)}, ${d.near[1].toFixed(3)} within ${d.radius_m} m</div>`)).join('');
}

async function runWhatIf(map) {
  const disruptions = chosenDisruptions();
  if (!disruptions.length) { $('whatif-result').innerHTML = '<p class="error">Choose a disruption or click the map first.</p>'; return; }
  status('re-planning…');
  try {
    let { status: code, data } = await api(`/plans/${state.planId}/whatif`, { body: { disruptions } });
    if (code === 202) data = (await waitForJob(data.job, (p) => status(`re-planning… ${Math.round(p * 100)} %`))).result;
    const units = data.units.map((u) => `<tr><td>${escapeHtml(u.id)}</td><td>${u.arrival_before ?? 'infeasible'}</td><td>${u.arrival_after ?? 'infeasible'}</td>`
      + `<td class="num ${u.difference_h > 0 ? 'late' : 'early'}">${u.difference_h ?? ''}</td></tr>`).join('');
    $('whatif-result').innerHTML = `<p id="whatif-closure">Closure ${data.closure.before} → <b>${data.closure.after}</b> `
      + `(<span class="${data.closure.difference_h > 0 ? 'late' : 'early'}">${data.closure.difference_h >= 0 ? '+' : ''}${data.closure.difference_h} h</span>)</p>`
      + `<table><tr><th>unit</th><th>before</th><th>after</th><th>Δ h</th></tr>${units}</table>`
      + `<ul>${data.changed.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul>`;
    clearLayers(state.whatifLayers);
    const { data: routes } = await api(`/plans/${data.plan}/routes`);
    state.whatifLayers.push(routeLayer(routes, { dashed: true }).addTo(map));
    state.whatifLayers.push(blockedLayer(state.drawn.filter((d) => d.near).map((d) => ({ ...d, at: 'C+0', name: 'drawn on the map' }))).addTo(map));
    document.body.dataset.whatif = data.plan;
    status(`what-if plan ${data.plan}`);
  } catch (e) {
    $('whatif-result').innerHTML = `<p class="error">${escapeHtml(e.message)}</p>`;
    status('what-if failed');
  }
}

async function routeOne(map, from, to) {
  const vehicle = $('route-vehicle').value;
  try {
    const { data } = await api('/route', { body: { from, to, vehicle, max_snap_m: 20000 } });
    if (data.found) {
      state.whatifLayers.push(L.geoJSON(data.geometry, { style: { color: '#000', weight: 3, dashArray: '2 4', className: 'mm-single-route' } }).addTo(map));
      $('route-result').innerHTML = `<p>${escapeHtml(data.vehicle)}: ${(data.distance_m / 1000).toFixed(1)} km, ${(data.duration_s / 3600).toFixed(1)} h through ${data.countries.join(', ')}</p>`
        + (data.detours.length ? `<ul>${data.detours.map((d) => `<li>${escapeHtml(d.text)}</li>`).join('')}</ul>` : '');
    } else {
      $('route-result').innerHTML = `<p class="error">No route: ${escapeHtml(data.reason)}</p>`;
    }
  } catch (e) {
    $('route-result').innerHTML = `<p class="error">${escapeHtml(e.message)}</p>`;
  }
}

function setPick(mode) {
  state.pick = state.pick === mode ? null : mode;
  $('whatif-pick').classList.toggle('active', state.pick === 'close');
  $('route-pick').classList.toggle('active', state.pick === 'route');
  $('map').classList.toggle('picking', state.pick !== null);
  state.routeClicks = [];
}

async function main() {
  const map = makeMap($('map'));
  window.milmobMap = map;  // for the browser test and the console
  await addBasemap(map);
  addLegend(map);
  const { data: health } = await api('/health');
  const { data: vehicles } = await api('/vehicles');
  $('route-vehicle').innerHTML = vehicles.map((v) => `<option>${escapeHtml(v.name)}</option>`).join('');
  $('whatif-pick').onclick = () => setPick('close');
  $('route-pick').onclick = () => setPick('route');
  $('whatif-run').onclick = () => runWhatIf(map);
  // A place's popup offers to cut its capacity in the what-if.
  map.on('popupopen', (e) => {
    const button = e.popup.getElement().querySelector('.mm-cut');
    if (!button) return;
    button.onclick = () => {
      const factor = Number($('whatif-factor').value);
      state.drawn.push({ kind: 'capacity_cut', place: [Number(button.dataset.lon), Number(button.dataset.lat)], capacity_factor: factor, label: button.dataset.name });
      showChosen();
      map.closePopup();
    };
  });
  map.on('click', (e) => {
    const p = [Number(e.latlng.lng.toFixed(5)), Number(e.latlng.lat.toFixed(5))];
    if (state.pick === 'close') {
      state.drawn.push({ kind: 'bridge_lost', near: p, radius_m: Number($('whatif-radius').value) });
      showChosen();
      setPick(null);
    } else if (state.pick === 'route') {
      state.routeClicks.push(p);
      if (state.routeClicks.length === 2) {
        const [from, to] = state.routeClicks;
        setPick(null);
        routeOne(map, from, to);
      }
    }
  });
  if (!health.scenario) {
    $('title').textContent = `network of ${health.network.nodes} nodes (no scenario: route tool only)`;
    status('ready');
    document.body.dataset.ready = 'yes';
    return;
  }
  state.scenario = (await api('/scenario')).data;
  $('title').textContent = state.scenario.name;
  for (const d of state.scenario.disruptions) $('whatif-select').insertAdjacentHTML('beforeend', `<option>${escapeHtml(d.name)}</option>`);
  for (const p of state.scenario.places.features.filter((f) => f.properties.kind === 'port'))
    $('whatif-port').insertAdjacentHTML('beforeend', `<option value="${escapeHtml(JSON.stringify(p.geometry.coordinates))}">${escapeHtml(p.properties.name)}</option>`);
  status('planning…');
  const { data: job } = await api('/plan', { body: {} });
  const done = await waitForJob(job.job, (p) => status(`planning… ${Math.round(p * 100)} %`));
  await showPlan(map, done.plan);
  status(`plan ${done.plan}`);
  document.body.dataset.ready = 'yes';
}

main().catch((e) => { status(`error: ${e.message}`); document.body.dataset.ready = 'error'; });
