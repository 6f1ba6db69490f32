// The API of the same origin, with the bearer token of the signed-in user.
const TOKEN_KEY = 'forewarn.token';

/** An answer other than 2xx, with the RFC 9457 problem the API sent. */
export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

/** The signed-in user: the token (kept for this browser tab only) and the claims it carries. */
export const session = {
  get token() {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  /** {sub, role, customerId, technicianId, exp}, or null when signed out or expired. */
  get claims() {
    const token = this.token;
    if (!token) return null;
    try {
      const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const bytes = Uint8Array.from(atob(payload), (c) => c.charCodeAt(0));
      const claims = JSON.parse(new TextDecoder().decode(bytes));
      return claims.exp && claims.exp * 1000 < Date.now() ? null : claims;
    } catch (e) {
      return null;
    }
  },
  save(token) {
    sessionStorage.setItem(TOKEN_KEY, token);
  },
  clear() {
    sessionStorage.removeItem(TOKEN_KEY);
  },
};

/** Called when the API says the token is no longer good. */
let onSignedOut = () => {};
export function whenSignedOut(handler) {
  onSignedOut = handler;
}

async function request(method, path, {body, ifMatch} = {}) {
  const headers = {Accept: 'application/json'};
  if (session.token) headers.Authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (ifMatch !== undefined) headers['If-Match'] = ifMatch;
  const response = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (e) {
    data = {detail: text};
  }
  if (!response.ok) {
    if (response.status === 401 && session.token && path !== '/api/v1/auth/token') {
      session.clear();
      onSignedOut();
    }
    throw new ApiError(response.status, data);
  }
  return data;
}

export const api = {
  get: (path) => request('GET', path),
  post: (path, body, ifMatch) => request('POST', path, {body, ifMatch}),
  put: (path, body) => request('PUT', path, {body}),
  delete: (path) => request('DELETE', path),

  /** Every item of a paged list, following nextCursor (at most {@code pages} pages of 200). */
  async all(path, pages = 5) {
    const items = [];
    let cursor = null;
    for (let page = 0; page < pages; page++) {
      const separator = path.includes('?') ? '&' : '?';
      const url = `${path}${separator}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const answer = await request('GET', url);
      items.push(...answer.items);
      cursor = answer.nextCursor;
      if (!cursor) break;
    }
    return items;
  },
};

/** A query string from the entries of {@code params} that have a value. */
export function query(params) {
  const entries = Object.entries(params).filter(([, value]) => value !== undefined && value !== null && value !== '');
  return entries.length === 0 ? '' : '?' + new URLSearchParams(entries).toString();
}
