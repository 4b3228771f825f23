/**
 * Header our own pages add to every write: with a session cookie and no Origin/Sec-Fetch-Site
 * (an old browser, a script), the server accepts the write only with it (CSRF defence).
 */
export const CABECERA_CSRF = 'x-rancho-csrf';
