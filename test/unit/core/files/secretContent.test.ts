import * as assert from 'node:assert';
import { findSecretInText, looksBinary, SECRET_CONTENT_RULES } from '../../../../src/core/files';

// Every sample is put together from parts at run time, so this source file itself holds no token
// shape a secret scanner (or the policy) would flag.
const dashes = '-'.repeat(5);
const pem = (kind: string) =>
  `${dashes}BEGIN ${kind}${dashes}\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n${dashes}END ${kind}${dashes}`;
const alnum = (n: number) => 'aB3dE5gH7jK9mN1pQ2rS4tU6vW8xY0z'.repeat(Math.ceil(n / 31)).slice(0, n);
const upper = (n: number) => 'QWERTYUIOPASDFGHJKLZXCVBNM234567'.repeat(Math.ceil(n / 32)).slice(0, n);
const hex = (n: number) => '0123456789abcdef'.repeat(Math.ceil(n / 16)).slice(0, n);
const b64url = (s: string) => Buffer.from(s).toString('base64url');

/** Each content rule with texts it must find (each rule has at least one, checked below). */
const MUST_MATCH: Record<string, string[]> = {
  'private key block': [
    pem('RSA PRIVATE KEY'),
    pem('PRIVATE KEY'),
    pem('EC PRIVATE KEY'),
    pem('DSA PRIVATE KEY'),
    pem('OPENSSH PRIVATE KEY'),
    pem('ENCRYPTED PRIVATE KEY'),
    pem('PGP PRIVATE KEY BLOCK'),
    `#!/bin/sh\n# deploy\ncat > key <<EOF\n${pem('OPENSSH PRIVATE KEY')}\nEOF\nscp -i key build host:`,
    `{"type": "service_account", "private_key": "${dashes}BEGIN PRIVATE KEY${dashes}\\nMIIE\\n"}`,
    `---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\nComment: "key"`,
  ],
  'PuTTY private key': ['PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none'],
  'age secret key': [`AGE-SECRET-KEY-1${upper(58)}`],
  'GitHub token': [
    `token = "${'ghp'}_${alnum(36)}"`,
    `${'gho'}_${alnum(36)}`,
    `${'ghs'}_${alnum(36)}`,
    `${'ghu'}_${alnum(36)}`,
    `${'ghr'}_${alnum(76)}`,
    `GH_TOKEN=${'github'}_pat_${alnum(22)}_${alnum(59)}`,
  ],
  'GitLab token': [`${'glpat'}-${alnum(20)}`, `${'glptt'}-${hex(40)}`],
  'AWS access key': [`aws_access_key_id = ${'AKIA'}${upper(16)}`, `${'ASIA'}${upper(16)}`],
  'AWS secret key': [`aws_secret_access_key = ${alnum(36)}/+Ab`, `"AWS_SECRET_ACCESS_KEY": "${alnum(40)}"`],
  'OpenAI-style API key': [
    `OPENAI_API_KEY=${'sk'}-${alnum(48)}`,
    `${'sk'}-proj-${alnum(40)}_${alnum(40)}`,
    `${'sk'}-svcacct-${alnum(60)}`,
    `${'sk'}-ant-api03-${alnum(80)}`,
  ],
  'Slack token': [
    `${'xoxb'}-1234567890-${alnum(24)}`,
    `${'xoxp'}-12345-67890-${alnum(20)}`,
    `${'xoxa'}-2-${alnum(20)}`,
  ],
  'Slack webhook': [`https://${'hooks.slack'}.com/services/T00000000/B00000000/${alnum(24)}`],
  'Google API key': [`key: ${'AIza'}${alnum(35)}`],
  'Google OAuth client secret': [`"client_secret": "${'GOCSPX'}-${alnum(28)}"`],
  'Stripe key': [`${'sk'}_live_${alnum(24)}`, `${'rk'}_live_${alnum(24)}`, `${'sk'}_test_${alnum(24)}`],
  'npm token': [`//registry.npmjs.org/:_authToken=${'npm'}_${alnum(36)}`],
  'PyPI token': [`password = ${'pypi'}-AgEIcHlwaS5vcmc${alnum(60)}`],
  'Hugging Face token': [`HF_TOKEN=${'hf'}_${alnum(34)}`],
  'SendGrid key': [`${'SG'}.${alnum(22)}.${alnum(43)}`],
  'DigitalOcean token': [`${'dop'}_v1_${hex(64)}`],
  'Shopify token': [`${'shpat'}_${hex(32)}`],
  'Azure storage key': [`DefaultEndpointsProtocol=https;AccountName=x;${'AccountKey'}=${alnum(86)}==;`],
  'JSON Web Token': [
    `Authorization: Bearer ${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url('{"sub":"1234567890","name":"x"}')}.${alnum(43)}`,
  ],
};

/** Ordinary text that must not be taken for a secret, near misses of the rules included. */
const MUST_PASS: string[] = [
  'const x = 1;\nexport function f() { return x; }\n',
  '# Keys\nPut your key in a `.env` file: OPENAI_API_KEY=sk-...\n',
  `${dashes}BEGIN PUBLIC KEY${dashes}\nMIIBIjANBgkq\n${dashes}END PUBLIC KEY${dashes}`,
  `${dashes}BEGIN CERTIFICATE${dashes}\nMIIB\n${dashes}END CERTIFICATE${dashes}`,
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx user@host',
  `${'ghp'}_short`,
  `not${'ghp'}_${alnum(36)}`,
  `${'AKIA'}short`,
  `${'akia'}${upper(16).toLowerCase()}`,
  `task-${alnum(40)}`,
  `${'sk'}-short-key`,
  `mask-${alnum(40)}`,
  `${'xoxb'}-short`,
  `${'sk'}_live_short`,
  'the risk_live_feed flag',
  `${'AIza'}tooShort`,
  `sha256: ${hex(64)}`,
  `uuid: 123e4567-e89b-12d3-a456-426614174000`,
  `eyJhbGciOiJIUzI1NiJ9 alone is just a header`,
  'aws_secret_access_key = os.environ["AWS_SECRET_ACCESS_KEY"]',
  'AccountKey=<your key here>',
];

describe('file policy: secrets found in the text', () => {
  for (const [rule, texts] of Object.entries(MUST_MATCH)) {
    texts.forEach((text, i) => {
      it(`finds a ${rule} (sample ${i + 1})`, () => {
        assert.strictEqual(
          findSecretInText(text),
          rule,
          `broken promise: a file holding a ${rule} anywhere in its text must look secret, or it goes to the model`,
        );
      });
    });
  }

  it('every content rule has samples here (a new rule comes with its test)', () => {
    const untested = SECRET_CONTENT_RULES.filter((r) => !(r in MUST_MATCH));
    assert.deepStrictEqual(untested, [], 'broken promise: every content rule the README lists is tested');
  });

  MUST_PASS.forEach((text, i) => {
    it(`no false alarm on ordinary text ${i + 1}: ${JSON.stringify(text.slice(0, 40))}`, () => {
      assert.strictEqual(findSecretInText(text), undefined);
    });
  });

  it('finds a key block deep inside a large file, in one pass per rule', () => {
    const filler = 'console.log("line");\n'.repeat(40_000);
    const text = `${filler}${pem('RSA PRIVATE KEY')}\n${filler}`;
    const t0 = performance.now();
    assert.strictEqual(findSecretInText(text), 'private key block', 'broken promise: the whole text is searched');
    assert.strictEqual(findSecretInText(filler + filler), undefined);
    assert.ok(performance.now() - t0 < 2000, 'scanning about 1.7 MB stays well under two seconds');
  });

  it('tells binary text (a NUL early on) from text', () => {
    assert.strictEqual(looksBinary('PNG\0\0\u0001'), true);
    assert.strictEqual(looksBinary('plain text\n'), false);
    assert.strictEqual(looksBinary(`${'a'.repeat(9000)}\0`), false, 'only the start is sniffed, as git does');
  });
});
