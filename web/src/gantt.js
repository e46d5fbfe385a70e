// The timeline as plain SVG: one row per march unit, grouped by unit, each step coloured by what
// the march unit does (drive, halt, night stop, waits, loading, carried by rail, sea or air);
// then one row per resource booked (convoy support centres, railheads, ports, airfields, fleets
// of carriers) with its bookings. The time axis is in C-days.
import { escapeHtml, parseWhen, when } from './api.js';

const ACTIVITY_COLOURS = {
  drive: '#c0392b', halt: '#f0b27a', night_stop: '#2c3e50', window_wait: '#8e44ad', permission_wait: '#d4ac0d',
  closure_wait: '#e74c3c', start_offset: '#bdc3c7', resource_wait: '#d81b60', loading: '#8bc34a',
  carried: '#2e7d32', unloading: '#cddc39',
};
const ROW = 12, LABEL = 200, WIDTH = 1100;

export function renderGantt(element, plan) {
  const rows = [];
  for (const u of plan.units) {
    rows.push({ label: `${u.id}${u.feasible ? '' : ' (infeasible)'}`, heading: true });
    for (const m of u.march_units) rows.push({ label: m.id.slice(u.id.length + 1), steps: m.steps, title: m.id });
  }
  const byResource = new Map();
  for (const b of plan.bookings ?? []) {
    if (!byResource.has(b.resource)) byResource.set(b.resource, []);
    byResource.get(b.resource).push({ ...b, from_min: b.from_min ?? parseWhen(b.from), until_min: b.until_min ?? parseWhen(b.until) });
  }
  if (byResource.size) rows.push({ label: 'resources booked (centres, railheads, ports, airfields, carriers)', heading: true });
  for (const [resource, bookings] of byResource) rows.push({ label: resource, bookings });

  let t0 = Infinity, t1 = -Infinity;
  for (const r of rows) {
    for (const s of r.steps ?? []) { t0 = Math.min(t0, s.from_min); t1 = Math.max(t1, s.until_min); }
    for (const b of r.bookings ?? []) { t0 = Math.min(t0, b.from_min); t1 = Math.max(t1, b.until_min); }
  }
  if (!Number.isFinite(t0)) { element.textContent = 'no march units'; return; }
  t0 = Math.floor(t0 / 1440) * 1440;
  t1 = Math.ceil(t1 / 1440) * 1440;
  const x = (t) => LABEL + ((t - t0) / (t1 - t0)) * (WIDTH - LABEL - 10);
  const height = 20 + rows.length * ROW;
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" class="mm-gantt">`];
  for (let d = t0; d <= t1; d += 1440) {
    parts.push(`<line x1="${x(d)}" x2="${x(d)}" y1="12" y2="${height}" stroke="#ddd"/>`,
      `<text x="${x(d) + 2}" y="10">${when(d).split(' ')[0]}</text>`);
  }
  rows.forEach((r, i) => {
    const y = 16 + i * ROW;
    parts.push(`<text x="2" y="${y + 9}" ${r.heading ? 'font-weight="bold"' : ''}>${escapeHtml(r.label.slice(0, 38))}</text>`);
    for (const s of r.steps ?? []) {
      parts.push(`<rect class="mm-step" x="${x(s.from_min)}" y="${y}" width="${Math.max(0.5, x(s.until_min) - x(s.from_min))}" height="${ROW - 3}"`
        + ` fill="${ACTIVITY_COLOURS[s.activity] ?? '#999'}"><title>${escapeHtml(r.title)}: ${s.activity} ${s.from} – ${s.until} ${escapeHtml(s.detail)}</title></rect>`);
    }
    for (const b of r.bookings ?? []) {
      parts.push(`<rect class="mm-booking" x="${x(b.from_min)}" y="${y}" width="${Math.max(0.5, x(b.until_min) - x(b.from_min))}" height="${ROW - 3}"`
        + ` fill="#2c3e50" opacity="0.6"><title>${escapeHtml(b.march_unit)}: ${b.vehicles} vehicles, ${b.from} – ${b.until}</title></rect>`);
    }
  });
  parts.push('</svg>');
  const legend = Object.entries(ACTIVITY_COLOURS)
    .map(([a, c]) => `<span style="background:${c}"></span>${a.replace(/_/g, ' ')}`).join('');
  element.innerHTML = `<div class="legend">${legend}</div>${parts.join('')}`;
}
