import * as assert from 'node:assert';
import { SECRET_NAME_RULES, secretNameRule } from '../../../../src/core/files';

/** Each name rule with names it must hold back (every rule has at least one, checked below). */
const MUST_MATCH: Record<string, string[]> = {
  '.env': ['.env', '.ENV', 'app/.env'],
  '.env.*': ['.env.local', '.env.production', '.env.development.local', '.env.example'],
  '.env-*': ['.env-prod', '.env_staging'],
  '*.env': ['prod.env', 'docker/web.env'],
  'env.local': ['env.local'],
  '.envrc': ['.envrc', 'tools/.envrc'],
  '.git-credentials': ['.git-credentials', 'config/.git-credentials'],
  '.netrc': ['.netrc', '_netrc'],
  '.pgpass': ['.pgpass'],
  '.my.cnf': ['.my.cnf'],
  '.htpasswd': ['.htpasswd', 'htpasswd'],
  '.npmrc': ['.npmrc'],
  '.pypirc': ['.pypirc'],
  '.yarnrc.yml': ['.yarnrc.yml', '.yarnrc.yaml'],
  '.dockercfg': ['.dockercfg'],
  '.docker/config.json': ['.docker/config.json', 'home\\.docker\\config.json'],
  '.s3cfg': ['.s3cfg'],
  '.boto': ['.boto'],
  '.vault-token': ['.vault-token'],
  credentials: ['credentials', '.aws/credentials'],
  '*credentials*.json': ['credentials.json', 'gcp-credentials-prod.json', 'client_credentials.json'],
  'service-account*.json': ['service-account.json', 'service_account_key.json', 'serviceaccount-ci.json'],
  'secrets.*': ['secrets.json', 'secret.yaml', 'secrets.yml', 'secrets.toml'],
  'local.settings.json': ['local.settings.json', 'api/local.settings.json'],
  'appsettings.*.json': ['appsettings.Development.json', 'appsettings.Production.json'],
  '*.tfvars': ['prod.tfvars', 'terraform.tfvars.json'],
  '*.tfstate': ['terraform.tfstate', 'terraform.tfstate.backup'],
  kubeconfig: ['kubeconfig', 'dev.kubeconfig', 'kubeconfig.yaml'],
  '.kube/config': ['.kube/config'],
  'id_*': ['id_rsa', 'id_ed25519', 'id_ecdsa.pub', 'id_rsa.old', 'id_ed25519-cert.pub', 'id_work', 'id_ecdsa_sk'],
  '.ssh/*': ['.ssh/deploy_key', 'home/.ssh/github'],
  '*.pem': ['server.pem', 'certs/privkey.pem'],
  '*.key': ['server.key'],
  '*.p12': ['cert.p12', 'cert.pfx'],
  '*.p8': ['AuthKey_ABC123.p8'],
  '*.jks': ['release.jks', 'debug.keystore'],
  '*.ppk': ['putty.ppk'],
  '*.kdbx': ['passwords.kdbx', 'old.kdb'],
  '*.asc': ['private.asc'],
  '*.gpg': ['secrets.tar.gpg'],
};

/** Names that must stay sendable: ordinary source, docs and near misses of the rules above. */
const MUST_PASS = [
  'README.md',
  'src/env.ts',
  'environment.ts',
  'src/id_utils.py',
  'identity.ts',
  'settings.json',
  'appsettings.json',
  'local.settings.example.md',
  'credentials.md',
  'docs/credentials-guide.md',
  'main.tf',
  'variables.tf',
  'keyboard.ts',
  'monkey.py',
  'config.json',
  '.ssh/known_hosts',
  '.ssh/config',
  '.ssh/id_notes/README.md',
  '.yarnrc',
  'notes.md',
  'deploy.sh',
  'package.json',
  'envelope.ts',
];

describe('file policy: secret-looking names', () => {
  for (const [rule, names] of Object.entries(MUST_MATCH)) {
    for (const name of names) {
      it(`holds back ${name} by the rule ${rule}`, () => {
        assert.strictEqual(
          secretNameRule(name),
          rule,
          `broken promise: a file named ${name} must look secret by the name rule ${rule}, or it goes to the model with the context chip`,
        );
      });
    }
  }

  it('every name rule has examples here (a new rule comes with its test)', () => {
    const untested = SECRET_NAME_RULES.filter((r) => !(r in MUST_MATCH));
    assert.deepStrictEqual(untested, [], 'broken promise: every name rule the README lists is tested');
  });

  for (const name of MUST_PASS) {
    it(`lets ${name} through (no false alarm on ordinary files)`, () => {
      assert.strictEqual(secretNameRule(name), undefined, `${name} is not a secret file name`);
    });
  }

  it('reads Windows separators and any case', () => {
    assert.strictEqual(secretNameRule('C:\\work\\app\\.ENVRC'), '.envrc');
    assert.strictEqual(secretNameRule('config\\.git-credentials'), '.git-credentials');
  });

  it('an empty name or a trailing separator looks fine (nothing to match)', () => {
    assert.strictEqual(secretNameRule(''), undefined);
    assert.strictEqual(secretNameRule('src/'), undefined);
  });
});
