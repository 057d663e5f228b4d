/**
 * What "a strict Content-Security-Policy" means for our pages, checked on the text of a policy
 * (from a meta tag or a header) independently of how panel/src/csp.ts builds it: scripts
 * only from self (the task pane: and Office.js's CDN; the sidebar: its one inline bundle by
 * hash), no inline script or handler, no eval, no inline style except by hash, nothing fetched,
 * no plugins, no <base href>, no form posts; and, from a header, frame-ancestors.
 */
import { createHash } from 'crypto';

export type Page = 'taskpane' | 'demo' | 'help' | 'sidebar';

export function parsePolicy(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of text.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    // The first occurrence of a directive wins; later ones are ignored by browsers.
    if (name && !out.has(name.toLowerCase())) out.set(name.toLowerCase(), sources);
  }
  return out;
}

const HASH = /^'sha(256|384|512)-[A-Za-z0-9+/]+={0,2}'$/;
const SCRIPT_SOURCES: Readonly<Record<Page, (s: string) => boolean>> = {
  taskpane: (s) => s === "'self'" || s === 'https://appsforoffice.microsoft.com',
  demo: (s) => s === "'self'",
  help: (s) => s === "'none'",
  sidebar: (s) => HASH.test(s),
};

/** The ways `policy` is weaker than required for `page` (empty: strict enough). */
export function policyProblems(policy: string, page: Page, delivery: 'meta' | 'header'): string[] {
  const p = parsePolicy(policy);
  const problems: string[] = [];
  const effective = (name: string) => p.get(name) ?? p.get('default-src');
  const mustBeNone = (name: string, fallsBack: boolean) => {
    const v = fallsBack ? effective(name) : p.get(name);
    if (!v || v.length !== 1 || v[0] !== "'none'")
      problems.push(`${name} must be 'none' (is ${v ? v.join(' ') : 'missing'})`);
  };
  if (p.get('default-src')?.join(' ') !== "'none'")
    problems.push(`default-src must be 'none' (is ${p.get('default-src')?.join(' ') ?? 'missing'})`);
  const scripts = effective('script-src');
  if (!scripts || scripts.length === 0) problems.push('script-src is missing');
  else {
    const bad = scripts.filter((s) => !SCRIPT_SOURCES[page](s));
    if (bad.length > 0) problems.push(`script-src allows ${bad.join(' ')}`);
  }
  for (const d of ['script-src-elem', 'script-src-attr', 'style-src-elem', 'style-src-attr'])
    if (p.has(d)) problems.push(`${d} is not expected (it would override the checked directive)`);
  const styles = effective('style-src') ?? [];
  const badStyles = styles.filter((s) => s !== "'self'" && s !== "'none'" && !HASH.test(s));
  if (badStyles.length > 0) problems.push(`style-src allows ${badStyles.join(' ')}`);
  mustBeNone('connect-src', true);
  mustBeNone('object-src', true);
  mustBeNone('base-uri', false);
  mustBeNone('form-action', false);
  if (delivery === 'meta' && p.has('frame-ancestors')) problems.push('frame-ancestors is ignored in a meta policy');
  if (delivery === 'header') {
    const fa = p.get('frame-ancestors')?.join(' ');
    const want = page === 'taskpane' ? "'self' https:" : "'none'";
    if (fa !== want) problems.push(`frame-ancestors must be ${want} (is ${fa ?? 'missing'})`);
  }
  return problems;
}

/** Tags of the page outside comments, scripts and styles (where attributes live). */
function markup(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/gi, '$1</script>')
    .replace(/(<style\b[^>]*>)[\s\S]*?<\/style>/gi, '$1</style>');
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * What is wrong with a built page's HTML: no CSP meta (or not before the first script/style),
 * a weak policy, an inline event handler, a style="" attribute, a javascript: URL, an inline
 * script (any, outside the sidebar), or an inline script/style the policy's hashes do not allow.
 */
export function pageProblems(html: string, page: Page): string[] {
  const problems: string[] = [];
  const tags = markup(html);
  const metas = [...tags.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)];
  if (metas.length !== 1) return [`expected one CSP meta tag, found ${metas.length}`];
  const metaAt = tags.search(/<meta\s+http-equiv="Content-Security-Policy"/i);
  const firstActive = tags.search(/<(script|style|link)\b/i);
  if (firstActive >= 0 && firstActive < metaAt)
    problems.push('the CSP meta comes after a script, style or link, which it would not cover');
  const policy = metas[0][1];
  problems.push(...policyProblems(policy, page, 'meta'));
  const handlers = [...tags.matchAll(/<[a-z][^>]*\s(on[a-z]+)\s*=/gi)].map((m) => m[1]);
  if (handlers.length > 0) problems.push(`inline event handlers: ${handlers.join(', ')}`);
  if (/<[a-z][^>]*\sstyle\s*=/i.test(tags)) problems.push('a style="" attribute (blocked without unsafe-inline)');
  if (/\s(href|src|action)\s*=\s*["']?\s*javascript:/i.test(tags)) problems.push('a javascript: URL');
  const sources = parsePolicy(policy);
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
  for (const m of withoutComments.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\ssrc\s*=/i.test(m[1])) continue;
    if (page !== 'sidebar') problems.push(`an inline <script> (${m[2].trim().slice(0, 40)}…)`);
    else if (!(sources.get('script-src') ?? []).includes(sha256(m[2])))
      problems.push('an inline <script> whose hash the policy does not list');
  }
  for (const m of withoutComments.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) {
    if (!(sources.get('style-src') ?? []).includes(sha256(m[1])))
      problems.push(`a <style> whose hash the policy does not list (${m[1].trim().slice(0, 40)}…)`);
  }
  return problems;
}
