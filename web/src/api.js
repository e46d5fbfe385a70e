// The server's API (docs/api.md), as the page uses it.

// A server started with --token-file answers 401 to requests that start work: the page then
// asks for the token once and keeps it for this tab only (sessionStorage, never localStorage).
const TOKEN_KEY = 'milmob-token';

function requestInit(options, token) {
  const init = { ...options, headers: { ...(options.headers ?? {}) } };
  if (options.body !== undefined) {
    init.method = options.method ?? 'POST';
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  if (token) init.headers.Authorization = `Bearer ${token}`;
  return init;
}

export async function api(path, options = {}) {
  let token = sessionStorage.getItem(TOKEN_KEY);
  let res = await fetch(path, requestInit(options, token));
  if (res.status === 401) {
    const asked = window.prompt(token ? 'The token was refused. Token for this milmob server:' : 'Token for this milmob server:');
    if (asked) {
      token = asked.trim();
      sessionStorage.setItem(TOKEN_KEY, token);
      res = await fetch(path, requestInit(options, token));
    }
  }
  const type = res.headers.get('Content-Type') ?? '';
  const data = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    if (res.status === 401) sessionStorage.removeItem(TOKEN_KEY);
    const e = data?.error;
    throw new Error(e ? `${e.message}${e.field ? ` (${e.field})` : ''}` : `HTTP ${res.status}`);
  }
  return { status: res.status, data };
}

// A planning job, polled until it is done; its plan id. `onProgress` is told the share done.
export async function waitForJob(job, onProgress = () => {}) {
  for (;;) {
    const { data } = await api(`/jobs/${job}`);
    if (data.state === 'done') return data;
    if (data.state === 'failed') throw new Error(data.error.message);
    onProgress(data.progress);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// "C+3 06:15" from minutes after C-day 00:00.
export function when(minutes) {
  const m = Math.ceil(minutes);
  const day = Math.floor(m / 1440);
  const rest = m - day * 1440;
  const hh = String(Math.floor(rest / 60)).padStart(2, '0');
  const mm = String(rest % 60).padStart(2, '0');
  return `C${day < 0 ? '-' : '+'}${Math.abs(day)} ${hh}:${mm}`;
}

export function escapeHtml(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

// Minutes after C-day 00:00 from "C+3 06:15" (or "C+3").
export function parseWhen(text) {
  const m = /^C([+-])(\d+)(?: (\d\d):(\d\d))?$/.exec(text ?? '');
  if (!m) return NaN;
  const day = Number(m[2]) * (m[1] === '-' ? -1 : 1);
  return day * 1440 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
}
