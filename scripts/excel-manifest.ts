/**
 * The manifest's URLs: development points every one at https://localhost:3000 (npm start);
 * a production build swaps that base for the deployed one and refuses to write a manifest in
 * which any URL still points elsewhere. Used by excel-addin/webpack.config.js and the tests.
 */

export const DEV_BASE_URL = 'https://localhost:3000';

/** Every URL the manifest gives Office (DefaultValue attributes), in document order. */
export function manifestUrls(xml: string): string[] {
  return [...xml.matchAll(/\bDefaultValue="([^"]*:\/\/[^"]*)"/g)].map((m) => m[1]);
}

/** A deployed base URL: https, no query or fragment, no trailing slash. */
export function deployedBaseUrl(prodUrl: string): string {
  let u: URL;
  try {
    u = new URL(prodUrl.trim());
  } catch {
    throw new Error(
      `prodUrl ${JSON.stringify(prodUrl)} is not a URL; give the https address the add-in's files are served from.`,
    );
  }
  if (u.protocol !== 'https:')
    throw new Error(`prodUrl must be https (Office loads add-ins only over https); got ${prodUrl}.`);
  if (u.search || u.hash) throw new Error(`prodUrl must be a plain base address without ? or #; got ${prodUrl}.`);
  if (/^(localhost|127\.|\[::1\])/i.test(u.host))
    throw new Error(`prodUrl must be the deployed address, not ${u.host}.`);
  return `${u.origin}${u.pathname}`.replace(/\/+$/, '');
}

/** The manifest with every development URL rewritten to `prodUrl`; throws if any URL is left over. */
export function productionManifest(xml: string, prodUrl: string): string {
  const base = deployedBaseUrl(prodUrl);
  const out = xml.split(`${DEV_BASE_URL}/`).join(`${base}/`);
  const stray = manifestUrls(out).filter((url) => !url.startsWith(`${base}/`));
  if (stray.length > 0) throw new Error(`These manifest URLs were not rewritten to ${base}: ${stray.join(', ')}`);
  if (out.includes('localhost')) throw new Error('The production manifest still mentions localhost.');
  return out;
}
