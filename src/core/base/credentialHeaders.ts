/**
 * Which request header names carry credentials. Such values are secrets: they are redacted from
 * every message, never sent to another origin, and belong in secret storage rather than settings
 * (which Settings Sync copies to other machines).
 */

/**
 * Words that mark a credential in a header name: `Authorization`, `api-key`, `x-api-key`,
 * `Ocp-Apim-Subscription-Key`, `x-goog-api-key`, `X-Auth-Token`, `Cookie`, `CF-Access-Client-Secret`,
 * `X-Session-Token`, `X-Signature`, `X-Password`, `X-Access-Jwt` and the like.
 */
const CREDENTIAL_WORD =
  /(auth|key|token|secret|cookie|session|passw|pwd|credential|signature|bearer|jwt|subscription|ticket|sig$)/i;

/** Whether a header named `name` carries a credential (a broad match: a false alarm only moves a value to secret storage). */
export function isCredentialHeader(name: string): boolean {
  return CREDENTIAL_WORD.test(name.trim());
}
