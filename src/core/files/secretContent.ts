/**
 * The content rules of the file policy: private key blocks and the token shapes that well-kept
 * secret-scanning rule sets match by a fixed prefix or structure. Written for few false alarms on
 * ordinary source: each shape has a vendor prefix or a fixed layout, never a bare "long random string".
 */

/** One content rule: what the user is told matched, and the pattern. */
interface ContentRule {
  rule: string;
  re: RegExp;
}

/** Not part of a longer identifier: the token starts at a word edge (letters, digits, `_`, `-`). */
const EDGE = '(?<![A-Za-z0-9_-])';

const CONTENT_RULES: readonly ContentRule[] = [
  // PEM (RSA, DSA, EC, OPENSSH, ENCRYPTED, plain PKCS#8), PGP and the SSH2 (RFC 4716) form.
  { rule: 'private key block', re: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/ },
  { rule: 'private key block', re: /---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----/ },
  { rule: 'PuTTY private key', re: /^PuTTY-User-Key-File-\d+:/m },
  { rule: 'age secret key', re: /AGE-SECRET-KEY-1[0-9A-Z]{58}/ },
  { rule: 'GitHub token', re: new RegExp(`${EDGE}gh[pousr]_[A-Za-z0-9]{36,}`) },
  { rule: 'GitHub token', re: new RegExp(`${EDGE}github_pat_[A-Za-z0-9_]{50,}`) },
  { rule: 'GitLab token', re: new RegExp(`${EDGE}gl(pat|dt|ptt|rt)-[A-Za-z0-9_-]{20,}`) },
  { rule: 'AWS access key', re: /\b(AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b/ },
  {
    rule: 'AWS secret key',
    re: /aws_?secret_?access_?key["']?\s*[:=]\s*["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/i,
  },
  // OpenAI (legacy, sk-proj-, sk-svcacct-, sk-admin-) and Anthropic (sk-ant-…) keys share the prefix.
  { rule: 'OpenAI-style API key', re: new RegExp(`${EDGE}sk-[A-Za-z0-9_-]{32,}`) },
  { rule: 'Slack token', re: new RegExp(`${EDGE}xox[abeoprs]-[A-Za-z0-9-]{10,}`) },
  { rule: 'Slack webhook', re: /hooks\.slack\.com\/(services|workflows)\/[A-Za-z0-9+/]{20,}/ },
  { rule: 'Google API key', re: new RegExp(`${EDGE}AIza[0-9A-Za-z_-]{35}`) },
  { rule: 'Google OAuth client secret', re: new RegExp(`${EDGE}GOCSPX-[A-Za-z0-9_-]{28}`) },
  { rule: 'Stripe key', re: new RegExp(`${EDGE}(sk|rk)_(live|test|prod)_[A-Za-z0-9]{20,}`) },
  { rule: 'npm token', re: new RegExp(`${EDGE}npm_[A-Za-z0-9]{36}`) },
  { rule: 'PyPI token', re: /pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}/ },
  { rule: 'Hugging Face token', re: new RegExp(`${EDGE}hf_[A-Za-z0-9]{34,}`) },
  { rule: 'SendGrid key', re: /SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}/ },
  { rule: 'DigitalOcean token', re: /do[opr]_v1_[a-f0-9]{64}/ },
  { rule: 'Shopify token', re: /shp(at|ca|pa|ss)_[a-fA-F0-9]{32}/ },
  { rule: 'Azure storage key', re: /AccountKey=[A-Za-z0-9+/]{86}==/ },
  // A signed JSON Web Token: a JSON header and payload (both start `{"` = `eyJ`) and a signature.
  {
    rule: 'JSON Web Token',
    re: new RegExp(`${EDGE}eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{20,}`),
  },
];

/** Every content rule's label, once, in the order they are tried (for documentation and tests). */
export const SECRET_CONTENT_RULES: readonly string[] = [...new Set(CONTENT_RULES.map((r) => r.rule))];

/**
 * The content rule that matches anywhere in `text` (e.g. `private key block`, `GitHub token`), or
 * undefined. Each pattern is linear (no nested quantifiers), so a megabyte of text costs one pass per rule.
 */
export function findSecretInText(text: string): string | undefined {
  for (const r of CONTENT_RULES) if (r.re.test(text)) return r.rule;
  return undefined;
}

/** Whether `text` looks like a binary file read as text: a NUL in its first 8 000 characters (as git decides). */
export function looksBinary(text: string): boolean {
  return text.slice(0, 8000).includes('\0');
}
