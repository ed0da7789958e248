/**
 * Security headers (ADR 007). Pages run under a Content-Security-Policy whose scripts
 * must carry the response's nonce (Remix's inline hydration scripts get it through
 * NonceContext); styles may be inline (React style attributes); nothing may frame the
 * app. scripts/server.mjs gives every other response (data, downloads, assets) the
 * same fixed headers with a policy that allows nothing.
 */
export function pageSecurityHeaders(nonce: string): Record<string, string> {
  return {
    "Content-Security-Policy": [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "font-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; "),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
  };
}
