// Calls to /api/v1 with the session cookie: every change carries the session's anti-CSRF token.

let csrfToken = null;
let onUnauthenticated = () => {};

export function setCsrfToken(token) { csrfToken = token; }
export function whenUnauthenticated(fn) { onUnauthenticated = fn; }

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `HTTP ${status}`);
    this.status = status;
    this.code = (body && body.code) || `HTTP_${status}`;
    this.details = (body && body.details) || {};
  }

  /** The fields an error names: MISSING_FIELD:x / INVALID_VALUE:x, and details.fields. */
  fieldErrors() {
    const out = {};
    const m = /^(MISSING_FIELD|INVALID_VALUE):(.+)$/.exec(this.code);
    if (m) out[m[2]] = { kind: m[1], message: this.message };
    if (Array.isArray(this.details.fields)) {
      for (const f of this.details.fields) out[f] = out[f] || { kind: m ? m[1] : 'MISSING_FIELD', message: this.message };
    }
    return out;
  }
}

export async function api(path, { method = 'GET', body, form, quiet401 = false, idempotencyKey } = {}) {
  const headers = { 'X-Requested-With': 'civic-console', Accept: 'application/json' };
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let payload;
  if (form) {
    payload = form;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const r = await fetch('/api/v1' + path, { method, headers, body: payload, credentials: 'same-origin' });
  if (r.status === 204) return null;
  const text = await r.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
  if (!r.ok) {
    const error = new ApiError(r.status, data);
    if (r.status === 401 && !quiet401) onUnauthenticated(error);
    throw error;
  }
  return data;
}

/** A query string from the non-empty entries of an object. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== null && v !== undefined && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return s ? '?' + s : '';
}
