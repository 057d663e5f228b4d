/**
 * Writes a page's Content-Security-Policy (panel/src/csp.ts) into its
 * `<meta http-equiv="Content-Security-Policy" content="rdcs:content-security-policy">`, with the
 * sha256 of every inline `<style>`/`<script>` body in the file and of the styles its script adds
 * at run time. Used by both webpack builds; `npm start` reads the result back for its header.
 */
import { createHash } from 'crypto';
import { CSP_PLACEHOLDER, RUNTIME_STYLES, cspDirectives, cspText, type CspPage } from '@panel/csp';

/** A CSP hash source for an inline element's text, exactly as the browser hashes it (UTF-8). */
export function sha256Source(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

const META = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/gi;

/** Bodies of inline `<style>` elements and of `<script>` elements without src, outside comments. */
export function inlineBodies(page: string): { styles: string[]; scripts: string[] } {
  // Comments first: a comment that names <style> must not count as one (no bundle holds "<!--").
  const html = page.replace(/<!--[\s\S]*?-->/g, '');
  const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1]);
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    .filter((m) => !/\ssrc\s*=/i.test(m[1]))
    .map((m) => m[2]);
  return { styles, scripts };
}

/**
 * The page with its policy in place of the placeholder; throws if the page has no (or two) CSP
 * metas. `runtimeScripts`: the text of inline scripts the page adds itself (the sidebar's
 * on-demand parts), allowed by their hashes too.
 */
export function withCsp(html: string, page: CspPage, runtimeScripts: readonly string[] = []): string {
  const metas = [...html.matchAll(META)];
  if (metas.length !== 1 || metas[0][1] !== CSP_PLACEHOLDER) {
    throw new Error(
      `The ${page} page must have exactly one <meta http-equiv="Content-Security-Policy" content="${CSP_PLACEHOLDER}"> in its <head>.`,
    );
  }
  const { styles, scripts } = inlineBodies(html);
  const policy = cspText(
    cspDirectives(page, {
      scripts: [...scripts, ...runtimeScripts].map(sha256Source),
      styles: [...styles, ...RUNTIME_STYLES[page]].map(sha256Source),
    }),
  );
  return html.replace(`content="${CSP_PLACEHOLDER}"`, `content="${policy}"`);
}

/** The policy in a built page's meta, or undefined. */
export function metaCsp(html: string): string | undefined {
  const m = [...html.matchAll(META)];
  return m.length === 1 ? m[0][1] : undefined;
}
