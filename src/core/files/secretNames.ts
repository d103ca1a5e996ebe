/**
 * The name rules of the file policy: file names (and a few folder-relative paths) that hold keys,
 * tokens or passwords by convention. A match means "looks secret" before a byte is read; the
 * content rules (secretContent.ts) catch what a harmless name hides.
 */

/** One name rule: the label shown to the user and tested against, and its test. */
interface NameRule {
  /** The pattern as the user reads it (README, chips, confirmations), e.g. `.env.*` or `id_*`. */
  rule: string;
  /** Tested on the lower-cased base name. */
  base?: RegExp;
  /** Tested on the lower-cased path with `/` separators and a leading `/` (for folder conventions). */
  path?: RegExp;
}

/**
 * The rules, in the order they are tried. Base names are compared without case: a `.ENV` on a
 * case-insensitive disk is the same file as `.env`.
 */
const NAME_RULES: readonly NameRule[] = [
  { rule: '.env', base: /^\.env$/ },
  { rule: '.env.*', base: /^\.env\..+$/ },
  { rule: '.env-*', base: /^\.env[-_].+$/ },
  { rule: '*.env', base: /^.+\.env$/ },
  { rule: 'env.local', base: /^env\.local$/ },
  { rule: '.envrc', base: /^\.envrc$/ },
  { rule: '.git-credentials', base: /^\.git-credentials$/ },
  { rule: '.netrc', base: /^[._]netrc$/ },
  { rule: '.pgpass', base: /^\.pgpass$/ },
  { rule: '.my.cnf', base: /^\.my\.cnf$/ },
  { rule: '.htpasswd', base: /^\.?htpasswd$/ },
  { rule: '.npmrc', base: /^\.npmrc$/ },
  { rule: '.pypirc', base: /^\.pypirc$/ },
  { rule: '.yarnrc.yml', base: /^\.yarnrc\.ya?ml$/ },
  { rule: '.dockercfg', base: /^\.dockercfg$/ },
  { rule: '.docker/config.json', path: /\/\.docker\/config\.json$/ },
  { rule: '.s3cfg', base: /^\.s3cfg$/ },
  { rule: '.boto', base: /^\.boto$/ },
  { rule: '.vault-token', base: /^\.vault-token$/ },
  { rule: 'credentials', base: /^credentials$/ },
  { rule: '*credentials*.json', base: /^.*credentials.*\.json$/ },
  { rule: 'service-account*.json', base: /^service[-_]?account.*\.json$/ },
  { rule: 'secrets.*', base: /^secrets?\.(json|ya?ml|toml|ini|txt|env)$/ },
  { rule: 'local.settings.json', base: /^local\.settings\.json$/ },
  { rule: 'appsettings.*.json', base: /^appsettings\..+\.json$/ },
  { rule: '*.tfvars', base: /^.+\.tfvars(\.json)?$/ },
  { rule: '*.tfstate', base: /^.+\.tfstate(\.backup)?$/ },
  { rule: 'kubeconfig', base: /^(.+\.)?kubeconfig(\..+)?$/ },
  { rule: '.kube/config', path: /\/\.kube\/config$/ },
  { rule: 'id_*', base: /^id_(rsa|dsa|ecdsa|ed25519|xmss)/ },
  // An ssh-keygen `-f id_name` key has no extension; `id_utils.py` is source code.
  { rule: 'id_*', base: /^id_[^.]+$/ },
  { rule: '.ssh/*', path: /\/\.ssh\/(?!(known_hosts|config|authorized_keys)$|.*\.pub$)[^/]+$/ },
  { rule: '*.pem', base: /^.+\.pem$/ },
  { rule: '*.key', base: /^.+\.key$/ },
  { rule: '*.p12', base: /^.+\.(p12|pfx)$/ },
  { rule: '*.p8', base: /^.+\.p8$/ },
  { rule: '*.jks', base: /^.+\.(jks|keystore)$/ },
  { rule: '*.ppk', base: /^.+\.ppk$/ },
  { rule: '*.kdbx', base: /^.+\.kdbx?$/ },
  { rule: '*.asc', base: /^.+\.asc$/ },
  { rule: '*.gpg', base: /^.+\.gpg$/ },
];

/** Every name rule's label, once, in the order they are tried (for documentation and tests). */
export const SECRET_NAME_RULES: readonly string[] = [...new Set(NAME_RULES.map((r) => r.rule))];

/**
 * The name rule `fileName` matches (e.g. `.envrc`, `id_*`), or undefined when the name looks fine.
 * `fileName` is a base name or a path (workspace-relative or absolute, `/` or `\` separators): the
 * base-name rules look at its last segment, the folder rules (`.ssh/*`, `.kube/config`) at the path.
 */
export function secretNameRule(fileName: string): string | undefined {
  const slashed = `/${fileName.replace(/\\/g, '/').toLowerCase()}`;
  const base = slashed.slice(slashed.lastIndexOf('/') + 1);
  if (!base) return undefined;
  for (const r of NAME_RULES) {
    if (r.base?.test(base) || r.path?.test(slashed)) return r.rule;
  }
  return undefined;
}
