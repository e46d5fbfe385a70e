// The map: country borders as the offline basemap, routes coloured by mode, stops and
// blocked bridges. Leaflet draws into SVG; each route path carries the class `mm-route`.
import L from 'leaflet';
import { escapeHtml } from './api.js';

export const MODE_COLOURS = { road: '#c0392b', rail: '#1f5fa8', sea: '#138d90', air: '#7d3c98', het: '#d68910' };
const STOP_COLOURS = {
  convoy_support_centre: '#e67e22', railhead: '#1f5fa8', transshipment: '#5dade2', port: '#138d90', airfield: '#7d3c98',
  staging_area: '#7f8c8d', assembly_area: '#27ae60', home: '#34495e', destination: '#27ae60',
  night_stop: '#f1c40f', border_crossing: '#8e44ad',
};

export function makeMap(element) {
  const map = L.map(element, { zoomSnap: 0.25, attributionControl: true });
  map.attributionControl.addAttribution('Borders: Natural Earth (public domain)');
  map.setView([53, 15], 4.5);
  return map;
}

export async function addBasemap(map) {
  const res = await fetch('countries.geojson');
  const borders = await res.json();
  L.geoJSON(borders, {
    style: { color: '#8a8a8a', weight: 1, fillColor: '#f4f1ea', fillOpacity: 1 },
    interactive: false,
  }).addTo(map);
}

export function addLegend(map) {
  const legend = L.control({ position: 'bottomleft' });
  legend.onAdd = () => {
    const div = L.DomUtil.create('div', 'legend');
    div.style.background = '#fff';
    div.style.padding = '4px';
    div.innerHTML = Object.entries(MODE_COLOURS).map(([m, c]) => `<span style="background:${c}"></span>${m}`).join('');
    return div;
  };
  legend.addTo(map);
}

export function routeLayer(routes, { dashed = false } = {}) {
  return L.geoJSON(routes, {
    filter: (f) => f.geometry.type === 'LineString',
    style: (f) => ({
      color: MODE_COLOURS[f.properties.mode] ?? '#555', weight: dashed ? 3 : 4, opacity: 0.85,
      dashArray: dashed ? '6 6' : null, className: `mm-route mode-${f.properties.mode}${dashed ? ' mm-whatif' : ''}`,
    }),
    onEachFeature: (f, layer) => layer.bindTooltip(
      `${escapeHtml(f.properties.unit)}: ${escapeHtml(f.properties.vehicle_class)} × ${f.properties.vehicles}, ${f.properties.distance_km} km (${f.properties.mode})`),
  });
}

function stopMarker(f, latlng) {
  const kind = f.properties.kind;
  return L.circleMarker(latlng, {
    radius: kind === 'night_stop' || kind === 'border_crossing' ? 4 : 6,
    color: '#222', weight: 1, fillColor: STOP_COLOURS[kind] ?? '#999', fillOpacity: 0.9, className: `mm-stop stop-${kind}`,
  });
}

// Places whose capacity a what-if may cut (scenario capacity_cut disruptions).
const CUTTABLE = new Set(['port', 'railhead', 'transshipment', 'convoy_support_centre']);

function stopText(f) {
  const p = f.properties;
  const rest = Object.entries(p).filter(([k]) => !['kind', 'name'].includes(k))
    .map(([k, v]) => `${escapeHtml(k)}: ${escapeHtml(v)}`).join('<br>');
  const [lon, lat] = f.geometry.coordinates;
  const cut = CUTTABLE.has(p.kind)
    ? `<br><button type="button" class="mm-cut" data-lon="${lon}" data-lat="${lat}" data-name="${escapeHtml(p.name)}">Cut its capacity (what-if)</button>` : '';
  return `<b>${escapeHtml(p.kind.replace(/_/g, ' '))}</b> ${escapeHtml(p.name ?? p.place ?? '')}<br>${rest}${cut}`;
}

// Night stops and border crossings of the plan; railheads, ports and centres of the scenario.
export function stopLayer(features) {
  return L.geoJSON({ type: 'FeatureCollection', features }, {
    filter: (f) => f.geometry.type === 'Point',
    pointToLayer: stopMarker,
    onEachFeature: (f, layer) => layer.bindPopup(stopText(f)),
  });
}

// A lost bridge or closed road: a red ring of the selector's radius and a marker.
export function blockedLayer(disruptions) {
  const group = L.layerGroup();
  for (const d of disruptions) {
    if (!d.near) continue;
    const at = [d.near[1], d.near[0]];
    L.circle(at, { radius: d.radius_m, color: '#b00', weight: 2, fill: false, className: 'mm-blocked' }).addTo(group);
    L.circleMarker(at, { radius: 5, color: '#b00', fillColor: '#fff', fillOpacity: 1, weight: 3, className: 'mm-blocked' })
      .bindPopup(`<b>${escapeHtml(d.kind.replace(/_/g, ' '))}</b><br>${escapeHtml(d.name)}<br>from ${escapeHtml(d.at)}${d.duration ? ` for ${escapeHtml(d.duration)}` : ''}`)
      .addTo(group);
  }
  return group;
}
