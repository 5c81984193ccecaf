/**
 * The one Content-Security-Policy of the UI: injected as a meta tag into the built
 * renderer (which Electron loads from file://) and sent as a header by `nexa serve`.
 * No inline or remote scripts, no eval, no plugins, no remote connections.
 */
export const CONTENT_SECURITY_POLICY_DIRECTIVES: readonly string[] = [
  "default-src 'self'",
  "script-src 'self'",
  // plotly.js and React set style attributes at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** Directives only a response header can carry (ignored in a meta tag). */
export const HEADER_ONLY_DIRECTIVES: readonly string[] = ["frame-ancestors 'none'"];

export const CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY_DIRECTIVES.join('; ');
