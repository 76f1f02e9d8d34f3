/**
 * Checks on settings (django.core.checks.security, translation): the deployment warnings of
 * `check --deploy` and the LANGUAGE_CODE checks every command runs.
 */
import { PyDict, PyList, PySet, PyTuple, type PyValue, None, repr, toArray, truthy } from '../python/objects.ts';
import type { Project } from '../project/project.ts';
import { type CheckMessage, Error, Warning } from './messages.ts';

/** Django's global_settings values these checks read (when settings.py does not set them). */
const DEFAULTS: Record<string, PyValue> = {
  X_FRAME_OPTIONS: 'DENY',
  SESSION_COOKIE_SECURE: false,
  SESSION_COOKIE_HTTPONLY: true,
  CSRF_COOKIE_SECURE: false,
  CSRF_USE_SESSIONS: false,
  SECURE_CONTENT_TYPE_NOSNIFF: true,
  SECURE_CROSS_ORIGIN_OPENER_POLICY: 'same-origin',
  SECURE_HSTS_INCLUDE_SUBDOMAINS: false,
  SECURE_HSTS_PRELOAD: false,
  SECURE_HSTS_SECONDS: 0n,
  SECURE_REFERRER_POLICY: 'same-origin',
  SECURE_SSL_REDIRECT: false,
  SECRET_KEY_FALLBACKS: new PyList([]),
  LANGUAGE_CODE: 'en-us',
};

function setting(project: Project, name: string): PyValue {
  const v = project.settings.get(name);
  if (v !== undefined) return v;
  return DEFAULTS[name] ?? None;
}

function strings(v: PyValue): string[] {
  const out: string[] = [];
  if (v instanceof PyList || v instanceof PyTuple) for (const x of v.items) if (typeof x === 'string') out.push(x);
  return out;
}

const middleware = (project: Project, path: string) => strings(setting(project, 'MIDDLEWARE')).includes(path);
const SECURITY = 'django.middleware.security.SecurityMiddleware';
const XFRAME = 'django.middleware.clickjacking.XFrameOptionsMiddleware';
const CSRF = 'django.middleware.csrf.CsrfViewMiddleware';
const SESSION = 'django.contrib.sessions.middleware.SessionMiddleware';

const SECRET_KEY_WARNING_MSG =
  "Your %s has less than 50 characters, less than 5 unique characters, or it's prefixed with 'django-insecure-' indicating that it was generated automatically by Django. Please generate a long and random value, otherwise many of Django's security-critical features will be vulnerable to attack.";

const REFERRER_POLICY_VALUES = [
  'no-referrer',
  'no-referrer-when-downgrade',
  'origin',
  'origin-when-cross-origin',
  'same-origin',
  'strict-origin',
  'strict-origin-when-cross-origin',
  'unsafe-url',
];
const CROSS_ORIGIN_OPENER_POLICY_VALUES = ['same-origin', 'same-origin-allow-popups', 'unsafe-none'];

function secretKeyOk(key: PyValue): boolean {
  if (typeof key !== 'string') return false;
  const chars = [...key];
  return new Set(chars).size >= 5 && chars.length >= 50 && !key.startsWith('django-insecure-');
}

const W = (msg: string, id: string, hint?: string) => Warning(msg, { id, hint });

/** The deploy=True checks of django.core.checks.security, in registration order. */
export function securityDeployChecks(project: Project): CheckMessage[] {
  const out: CheckMessage[] = [];
  const sec = middleware(project, SECURITY);
  const xframe = middleware(project, XFRAME);
  const csrf = middleware(project, CSRF);
  const isTrue = (name: string) => setting(project, name) === true;
  if (!sec) {
    out.push(
      W(
        "You do not have 'django.middleware.security.SecurityMiddleware' in your MIDDLEWARE so the SECURE_HSTS_SECONDS, SECURE_CONTENT_TYPE_NOSNIFF, SECURE_REFERRER_POLICY, SECURE_CROSS_ORIGIN_OPENER_POLICY, and SECURE_SSL_REDIRECT settings will have no effect.",
        'security.W001',
      ),
    );
  }
  if (!xframe) {
    out.push(
      W(
        "You do not have 'django.middleware.clickjacking.XFrameOptionsMiddleware' in your MIDDLEWARE, so your pages will not be served with an 'x-frame-options' header. Unless there is a good reason for your site to be served in a frame, you should consider enabling this header to help prevent clickjacking attacks.",
        'security.W002',
      ),
    );
  }
  const hsts = truthy(setting(project, 'SECURE_HSTS_SECONDS'));
  if (sec && !hsts) {
    out.push(
      W(
        'You have not set a value for the SECURE_HSTS_SECONDS setting. If your entire site is served only over SSL, you may want to consider setting a value and enabling HTTP Strict Transport Security. Be sure to read the documentation first; enabling HSTS carelessly can cause serious, irreversible problems.',
        'security.W004',
      ),
    );
  }
  if (sec && hsts && !isTrue('SECURE_HSTS_INCLUDE_SUBDOMAINS')) {
    out.push(
      W(
        'You have not set the SECURE_HSTS_INCLUDE_SUBDOMAINS setting to True. Without this, your site is potentially vulnerable to attack via an insecure connection to a subdomain. Only set this to True if you are certain that all subdomains of your domain should be served exclusively via SSL.',
        'security.W005',
      ),
    );
  }
  if (sec && hsts && !isTrue('SECURE_HSTS_PRELOAD')) {
    out.push(W('You have not set the SECURE_HSTS_PRELOAD setting to True. Without this, your site cannot be submitted to the browser preload list.', 'security.W021'));
  }
  if (sec && !isTrue('SECURE_CONTENT_TYPE_NOSNIFF')) {
    out.push(
      W(
        "Your SECURE_CONTENT_TYPE_NOSNIFF setting is not set to True, so your pages will not be served with an 'X-Content-Type-Options: nosniff' header. You should consider enabling this header to prevent the browser from identifying content types incorrectly.",
        'security.W006',
      ),
    );
  }
  if (sec && !isTrue('SECURE_SSL_REDIRECT')) {
    out.push(
      W(
        'Your SECURE_SSL_REDIRECT setting is not set to True. Unless your site should be available over both SSL and non-SSL connections, you may want to either set this setting True or configure a load balancer or reverse-proxy server to redirect all connections to HTTPS.',
        'security.W008',
      ),
    );
  }
  if (!secretKeyOk(setting(project, 'SECRET_KEY'))) out.push(W(SECRET_KEY_WARNING_MSG.replace('%s', 'SECRET_KEY'), 'security.W009'));
  const fallbacks = setting(project, 'SECRET_KEY_FALLBACKS');
  let index = 0;
  for (const key of fallbacks instanceof PyList || fallbacks instanceof PyTuple ? fallbacks.items : []) {
    if (!secretKeyOk(key)) out.push(W(SECRET_KEY_WARNING_MSG.replace('%s', `SECRET_KEY_FALLBACKS[${index}]`), 'security.W025'));
    index++;
  }
  if (truthy(setting(project, 'DEBUG'))) out.push(W('You should not have DEBUG set to True in deployment.', 'security.W018'));
  if (xframe && setting(project, 'X_FRAME_OPTIONS') !== 'DENY') {
    out.push(
      W(
        "You have 'django.middleware.clickjacking.XFrameOptionsMiddleware' in your MIDDLEWARE, but X_FRAME_OPTIONS is not set to 'DENY'. Unless there is a good reason for your site to serve other parts of itself in a frame, you should change it to 'DENY'.",
        'security.W019',
      ),
    );
  }
  if (!truthy(setting(project, 'ALLOWED_HOSTS'))) out.push(W('ALLOWED_HOSTS must not be empty in deployment.', 'security.W020'));
  if (sec) {
    const policy = setting(project, 'SECURE_REFERRER_POLICY');
    if (policy === None) {
      out.push(
        W(
          'You have not set the SECURE_REFERRER_POLICY setting. Without this, your site will not send a Referrer-Policy header. You should consider enabling this header to protect user privacy.',
          'security.W022',
        ),
      );
    } else {
      const values = typeof policy === 'string' ? policy.split(',').map((v) => v.trim()) : toArray(policy).map(String);
      if (!values.every((v) => REFERRER_POLICY_VALUES.includes(v))) {
        out.push(
          Error('You have set the SECURE_REFERRER_POLICY setting to an invalid value.', {
            id: 'security.E023',
            hint: `Valid values are: ${[...REFERRER_POLICY_VALUES].sort().join(', ')}.`,
          }),
        );
      }
    }
    const coop = setting(project, 'SECURE_CROSS_ORIGIN_OPENER_POLICY');
    if (coop !== None && !(typeof coop === 'string' && CROSS_ORIGIN_OPENER_POLICY_VALUES.includes(coop))) {
      out.push(
        Error('You have set the SECURE_CROSS_ORIGIN_OPENER_POLICY setting to an invalid value.', {
          id: 'security.E024',
          hint: `Valid values are: ${[...CROSS_ORIGIN_OPENER_POLICY_VALUES].sort().join(', ')}.`,
        }),
      );
    }
  }
  // csrf.py
  if (!csrf) {
    out.push(
      W(
        "You don't appear to be using Django's built-in cross-site request forgery protection via the middleware ('django.middleware.csrf.CsrfViewMiddleware' is not in your MIDDLEWARE). Enabling the middleware is the safest approach to ensure you don't leave any holes.",
        'security.W003',
      ),
    );
  }
  if (!(truthy(setting(project, 'CSRF_USE_SESSIONS')) || !csrf || isTrue('CSRF_COOKIE_SECURE'))) {
    out.push(
      W(
        "You have 'django.middleware.csrf.CsrfViewMiddleware' in your MIDDLEWARE, but you have not set CSRF_COOKIE_SECURE to True. Using a secure-only CSRF cookie makes it more difficult for network traffic sniffers to steal the CSRF token.",
        'security.W016',
      ),
    );
  }
  // sessions.py
  const sessionApp = strings(setting(project, 'INSTALLED_APPS')).includes('django.contrib.sessions');
  const sessionMw = middleware(project, SESSION);
  const sessionChecks = (name: string, ids: [string, string, string], suffix: string) => {
    if (isTrue(name)) return;
    const found: CheckMessage[] = [];
    if (sessionApp) found.push(W(`You have 'django.contrib.sessions' in your INSTALLED_APPS, but you have not set ${name} to True.${suffix}`, ids[0]));
    if (sessionMw) {
      found.push(W(`You have 'django.contrib.sessions.middleware.SessionMiddleware' in your MIDDLEWARE, but you have not set ${name} to True.${suffix}`, ids[1]));
    }
    if (found.length > 1) out.push(W(`${name} is not set to True.${suffix}`, ids[2]));
    else out.push(...found);
  };
  sessionChecks(
    'SESSION_COOKIE_SECURE',
    ['security.W010', 'security.W011', 'security.W012'],
    ' Using a secure-only session cookie makes it more difficult for network traffic sniffers to hijack user sessions.',
  );
  sessionChecks(
    'SESSION_COOKIE_HTTPONLY',
    ['security.W013', 'security.W014', 'security.W015'],
    ' Using an HttpOnly session cookie makes it more difficult for cross-site scripting attacks to hijack user sessions.',
  );
  return out;
}

const LANGUAGE_CODE_RE = /^[a-z]{1,8}(?:-[a-z0-9]{1,8})*(?:@[a-z0-9]{1,20})?$/i;

/** The codes of global_settings.LANGUAGES. */
const LANGUAGES =
  'af ar ar-dz ast az bg be bn br bs ca ckb cs cy da de dsb el en en-au en-gb eo es es-ar es-co es-mx es-ni es-ve et eu fa fi fr fy ga gd gl he hi hr hsb hu hy ia id ig io is it ja ka kab kk km kn ko ky lb lt lv mk ml mn mr ms my nb ne nl nn os pa pl pt pt-br ro ru sk sl sq sr sr-latn sv sw ta te tg th tk tr tt udm ug uk ur uz vi zh-hans zh-hant'.split(
    ' ',
  );

function supportedLanguages(project: Project): string[] {
  const v = project.settings.get('LANGUAGES');
  if (v === undefined) return LANGUAGES;
  try {
    return toArray(v).map((pair) => String(toArray(pair)[0]));
  } catch {
    return [];
  }
}

/** get_supported_language_variant(LANGUAGE_CODE) succeeds (USE_I18N: against LANGUAGES). */
function languageSupported(project: Project, code: string): boolean {
  if (!truthy(project.settings.get('USE_I18N') ?? true)) return true;
  const supported = supportedLanguages(project).map((c) => c.toLowerCase());
  const lower = code.toLowerCase();
  if (supported.includes(lower)) return true;
  const generic = lower.split('-')[0]!;
  if (supported.includes(generic)) return true;
  return supported.some((c) => c.startsWith(`${generic}-`));
}

/** django.core.checks.translation. */
export function translationChecks(project: Project): CheckMessage[] {
  const out: CheckMessage[] = [];
  const tag = setting(project, 'LANGUAGE_CODE');
  if (typeof tag !== 'string' || !LANGUAGE_CODE_RE.test(tag)) {
    out.push(Error(`You have provided an invalid value for the LANGUAGE_CODE setting: ${repr(tag)}.`, { id: 'translation.E001' }));
  }
  const languages = project.settings.get('LANGUAGES');
  if (languages instanceof PyList || languages instanceof PyTuple) {
    for (const pair of languages.items) {
      const code = (pair instanceof PyList || pair instanceof PyTuple) ? pair.items[0] : undefined;
      if (typeof code !== 'string' || !LANGUAGE_CODE_RE.test(code)) {
        out.push(Error(`You have provided an invalid language code in the LANGUAGES setting: ${repr(code ?? None)}.`, { id: 'translation.E002' }));
      }
    }
  }
  const bidi = project.settings.get('LANGUAGES_BIDI');
  if (bidi instanceof PyList || bidi instanceof PyTuple || bidi instanceof PySet) {
    for (const code of toArray(bidi)) {
      if (typeof code !== 'string' || !LANGUAGE_CODE_RE.test(code)) {
        out.push(Error(`You have provided an invalid language code in the LANGUAGES_BIDI setting: ${repr(code)}.`, { id: 'translation.E003' }));
      }
    }
  }
  if (typeof tag === 'string' && !languageSupported(project, tag)) {
    out.push(Error('You have provided a value for the LANGUAGE_CODE setting that is not in the LANGUAGES setting.', { id: 'translation.E004' }));
  }
  return out;
}

/** caches.E001: CACHES without a 'default' cache. */
export function cacheChecks(project: Project): CheckMessage[] {
  const caches = project.settings.get('CACHES');
  if (caches === undefined) return [];
  if (caches instanceof PyDict && caches.get('default') !== undefined) return [];
  return [Error("You must define a 'default' cache in your CACHES setting.", { id: 'caches.E001' })];
}
