/**
 * Serving the built add-in (excel-addin/dist) with webpack-dev-server, as Office's own project
 * templates do: `npm start` (scripts/start.ts; https with office-addin-dev-certs' certificate)
 * and the browser tests (test/browser/excel-harness.ts; plain http on a free port, started and
 * stopped in-process) run the same server. webpack-dev-server serves the files; the thin layer
 * here is what it does not do: every response carries a Content-Security-Policy — a page the
 * policy the build wrote into its meta tag plus `frame-ancestors` (panel/src/csp.ts), anything
 * else none at all (headerPolicy: one rule) — and no-store caching (a rebuilt file is picked up
 * at once); `/` redirects to the index page; what is not a file under the root is 404 with that
 * header (never a directory listing, never a file outside the root), a method other than GET
 * and HEAD 405.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import type { AddressInfo } from 'net';
import * as path from 'path';
import { frameAncestors, type CspPage } from '@panel/csp';
import { metaCsp } from './page-csp';

/** The pages of excel-addin/dist by file name. */
const PAGES: Readonly<Record<string, CspPage>> = {
  'taskpane.html': 'taskpane',
  'demo.html': 'demo',
  'help.html': 'help',
};
/** For every response that is not one of those pages: it may load, run and be framed by nothing. */
export const NO_CONTENT_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The Content-Security-Policy header for a file served at `pathname` with this body. */
export function headerPolicy(pathname: string, body: string | Buffer | undefined): string {
  const page = PAGES[path.posix.basename(pathname)];
  // A page whose build left no policy gets none of its own: it shows blank rather than unguarded.
  const meta = page && body !== undefined ? metaCsp(body.toString()) : undefined;
  return page && meta ? `${meta}; ${frameAncestors(page)}` : NO_CONTENT_POLICY;
}

export interface TlsFiles {
  readonly cert: Buffer;
  readonly key: Buffer;
  readonly ca?: Buffer;
}

/** The headers of every response, beside its Content-Security-Policy. */
const COMMON_HEADERS = {
  'Cache-Control': 'no-store',
  // Office fetches functions.json and the pages from its own origin (Excel on the web).
  'Access-Control-Allow-Origin': '*',
  'X-Content-Type-Options': 'nosniff',
} as const;

const TEXT = 'text/plain; charset=utf-8';

export interface DevServerOptions {
  readonly root: string;
  /** Serve https with these; plain http without. */
  readonly tls?: TlsFiles;
  /** 0: any free port. */
  readonly port: number;
  /** Where `/` redirects to, e.g. "/demo.html". */
  readonly index: string;
  /** Plain-text pages by URL path (`/sideload`: how to sideload the add-in). */
  readonly text?: Readonly<Record<string, string>>;
}

export interface DevServer {
  readonly port: number;
  stop(): Promise<void>;
}

/** The policy of a file of `root` served at `pathname` (a page's own, read from the file as served). */
function policyOf(root: string, pathname: string): string {
  const page = PAGES[path.posix.basename(pathname)];
  if (!page) return NO_CONTENT_POLICY;
  const file = path.resolve(root, `.${pathname}`);
  if (!file.startsWith(root + path.sep)) return NO_CONTENT_POLICY;
  try {
    return headerPolicy(pathname, fs.readFileSync(file));
  } catch {
    return NO_CONTENT_POLICY;
  }
}

/** An answer of our own (not a file): plain text, no page policy, and the common headers. */
function answer(req: http.IncomingMessage, res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': TEXT, 'Content-Security-Policy': NO_CONTENT_POLICY, ...COMMON_HEADERS });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Listen on `host:port`; resolves once listening, rejects with the listen error. */
function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive connections would hold close() open.
    server.closeAllConnections();
  });
}

/**
 * webpack-dev-server serving `root` as it is: what the build wrote, not rebuilt (npm start
 * builds first when the build is out of date). Its compiler is an empty one — nothing to bundle
 * and nothing to watch — so the server is ready in about a second; hot reload and its client
 * script are off (the pages' policies allow no script but their own). It listens on the
 * loopback only: 127.0.0.1 and, where the machine has it, ::1 (browsers may try either for
 * localhost); nothing on the network can reach it.
 */
export async function devServer(o: DevServerOptions): Promise<DevServer> {
  // Loaded when a server starts: npm start -- --help and the tests that read only the policy
  // do not load webpack.
  const [{ default: webpack }, { default: WebpackDevServer }] = await Promise.all([
    import('webpack'),
    import('webpack-dev-server'),
  ]);
  const root = path.resolve(o.root);
  const compiler = webpack({
    mode: 'development',
    context: root,
    entry: {},
    output: { path: path.join(root, '.nothing') },
    infrastructureLogging: { level: 'error' },
    stats: 'none',
  });
  const server = new WebpackDevServer(
    {
      host: '127.0.0.1',
      port: o.port,
      server: o.tls
        ? {
            type: 'https',
            options: { cert: o.tls.cert, key: o.tls.key, ...(o.tls.ca ? { ca: o.tls.ca } : {}) },
          }
        : 'http',
      static: {
        directory: root,
        watch: false,
        serveIndex: false,
        // No redirect of a folder name to its slash (serve-static's own page and policy): 404.
        staticOptions: {
          cacheControl: false,
          etag: false,
          lastModified: false,
          dotfiles: 'deny',
          index: false,
          redirect: false,
        },
      },
      // Nothing to gain on the loopback, and every test page load would pay for it.
      compress: false,
      hot: false,
      liveReload: false,
      client: false,
      webSocketServer: false,
      setupExitSignals: false,
      devMiddleware: { stats: 'none' },
      setupMiddlewares: (middlewares) => {
        // The decoded path of each request, read once.
        const paths = new WeakMap<http.IncomingMessage, string>();
        const pathOf = (req: http.IncomingMessage) => paths.get(req) ?? '/';
        // First of all, so that every answer has them (webpack-dev-server's "Invalid Host
        // header" too): no policy but NO_CONTENT_POLICY until a page is served, the common headers.
        middlewares.unshift({
          name: 'rdtax-headers',
          middleware: (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => {
            let decoded: string;
            let asSent: string;
            try {
              decoded = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
              asSent = decodeURIComponent((req.url ?? '/').split('?')[0]);
            } catch {
              return answer(req, res, 400, 'Bad request.\n');
            }
            // A way out of the root (.., however encoded) is refused here, with our headers
            // (webpack-dev-middleware would refuse it with its own).
            if (asSent.split(/[\\/]/).includes('..')) return answer(req, res, 403, 'Forbidden.\n');
            paths.set(req, decoded);
            res.setHeader('Content-Security-Policy', NO_CONTENT_POLICY);
            for (const [name, value] of Object.entries(COMMON_HEADERS)) res.setHeader(name, value);
            next();
          },
        });
        // After webpack-dev-server's host checks, before the files: GET and HEAD only; `/` → the
        // index page; the plain-text pages.
        const checks = middlewares.findIndex((m) => typeof m === 'object' && m.name === 'cross-origin-header-check');
        middlewares.splice(checks + 1, 0, {
          name: 'rdtax-pages',
          middleware: (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => {
            if (req.method !== 'GET' && req.method !== 'HEAD')
              return answer(req, res, 405, 'Only GET and HEAD are served.\n');
            const decoded = pathOf(req);
            if (decoded === '/') {
              res.writeHead(302, { Location: o.index });
              return res.end();
            }
            const text = o.text?.[decoded];
            if (text === undefined) {
              // On to the files: a page served gets its own policy.
              res.setHeader('Content-Security-Policy', policyOf(root, decoded));
              return next();
            }
            res.writeHead(200, { 'Content-Type': TEXT });
            res.end(req.method === 'HEAD' ? undefined : text);
          },
        });
        // After the rest: what nothing served is not found; a file that could not be read, an
        // error — both with our headers, not Express's page.
        middlewares.push(
          {
            name: 'rdtax-not-found',
            middleware: (req: http.IncomingMessage, res: http.ServerResponse) =>
              answer(req, res, 404, `Not found: ${pathOf(req)}\n`),
          },
          {
            name: 'rdtax-error',
            middleware: (_e: unknown, req: http.IncomingMessage, res: http.ServerResponse, _next: () => void) =>
              answer(req, res, 500, 'Could not read the file.\n'),
          },
        );
        return middlewares;
      },
    },
    compiler,
  );
  await server.start();
  const port = (server.server?.address() as AddressInfo).port;
  // The same app on ::1, when the machine has an IPv6 loopback.
  let v6: http.Server | undefined;
  if (server.app) {
    const app = server.app as unknown as http.RequestListener;
    const candidate = o.tls
      ? https.createServer({ cert: o.tls.cert, key: o.tls.key, ...(o.tls.ca ? { ca: o.tls.ca } : {}) }, app)
      : http.createServer(app);
    try {
      await listen(candidate, port, '::1');
      v6 = candidate;
    } catch {
      // No IPv6 loopback: 127.0.0.1 is enough.
    }
  }
  return {
    port,
    stop: async () => {
      if (v6) await close(v6);
      await server.stop();
    },
  };
}
