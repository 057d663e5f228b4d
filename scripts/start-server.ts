/**
 * Serving the built add-in (excel-addin/dist). `npm start` runs webpack-dev-server over it
 * (devServer below: https with office-addin-dev-certs' certificate, as Office's own project
 * templates do); the browser tests serve the task pane from the small static server after it
 * (createStaticServer), which they start and stop in-process on a free port. Both serve only
 * files under their root, never list directories, and send no-cache headers (a rebuilt file is
 * picked up at once). Every response carries a Content-Security-Policy: a page gets the policy
 * the build wrote into its meta tag plus `frame-ancestors` (panel/src/csp.ts); anything else,
 * none at all (headerPolicy: one rule for both).
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

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
};

export interface TlsFiles {
  readonly cert: Buffer;
  readonly key: Buffer;
  readonly ca?: Buffer;
}

export interface StaticServerOptions {
  readonly root: string;
  /** Serve https with these; plain http without. */
  readonly tls?: TlsFiles;
  /** Where `/` redirects to, e.g. "/demo.html". */
  readonly index?: string;
  /** Extra files by URL path (tests add fixtures this way). */
  readonly extra?: Readonly<Record<string, { readonly type: string; readonly body: string | Buffer }>>;
}

export type StaticServer = http.Server | https.Server;

/** The headers of every response, beside its Content-Security-Policy. */
const COMMON_HEADERS = {
  'Cache-Control': 'no-store',
  // Office fetches functions.json and the pages from its own origin (Excel on the web).
  'Access-Control-Allow-Origin': '*',
  'X-Content-Type-Options': 'nosniff',
} as const;

function handler(options: StaticServerOptions): http.RequestListener {
  const root = path.resolve(options.root);
  return (req, res) => {
    const send = (status: number, type: string, body: string | Buffer, pathname = '') => {
      res.writeHead(status, {
        'Content-Type': type,
        'Content-Security-Policy': headerPolicy(pathname, status === 200 ? body : undefined),
        ...COMMON_HEADERS,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(405, 'text/plain; charset=utf-8', 'Only GET and HEAD are served.\n');
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      return send(400, 'text/plain; charset=utf-8', 'Bad request.\n');
    }
    if (pathname === '/' && options.index) {
      res.writeHead(302, {
        Location: options.index,
        'Cache-Control': 'no-store',
        'Content-Security-Policy': NO_CONTENT_POLICY,
      });
      return res.end();
    }
    const extra = options.extra?.[pathname];
    if (extra) return send(200, extra.type, extra.body, pathname);
    const file = path.resolve(root, `.${pathname}`);
    if (file !== root && !file.startsWith(root + path.sep))
      return send(403, 'text/plain; charset=utf-8', 'Forbidden.\n');
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) return send(404, 'text/plain; charset=utf-8', `Not found: ${pathname}\n`);
      fs.readFile(file, (readErr, body) => {
        if (readErr) return send(500, 'text/plain; charset=utf-8', 'Could not read the file.\n');
        send(200, MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream', body, pathname);
      });
    });
  };
}

export function createStaticServer(options: StaticServerOptions): StaticServer {
  const listener = handler(options);
  return options.tls
    ? https.createServer(
        { cert: options.tls.cert, key: options.tls.key, ...(options.tls.ca ? { ca: options.tls.ca } : {}) },
        listener,
      )
    : http.createServer(listener);
}

/** Listen on `host:port` (0 = any free port); resolves with the port, rejects with the listen error. */
export function listen(server: StaticServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export function close(server: StaticServer): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive connections would hold close() open.
    (server as http.Server).closeAllConnections?.();
  });
}

// ------------------------------------------------------------------ npm start: webpack-dev-server

export interface DevServerOptions {
  readonly root: string;
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

/**
 * webpack-dev-server serving `root` as it is: what the build wrote, not rebuilt (npm start
 * builds first when the build is out of date). Its compiler is an empty one — nothing to bundle
 * and nothing to watch — so the server is ready in about a second; hot reload and its client
 * script are off (the pages' policies allow no script but their own). It listens on the
 * loopback only: 127.0.0.1 and, where the machine has it, ::1 (browsers may try either for
 * localhost); nothing on the network can reach it.
 */
export async function devServer(o: DevServerOptions): Promise<DevServer> {
  // Loaded here: the browser tests import this module for createStaticServer alone.
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
      // As Office's templates: the add-in's files may be fetched by Office from its own origin.
      headers: { ...COMMON_HEADERS },
      static: {
        directory: root,
        watch: false,
        serveIndex: false,
        staticOptions: { cacheControl: false, etag: false, lastModified: false, dotfiles: 'deny', index: false },
      },
      hot: false,
      liveReload: false,
      client: false,
      webSocketServer: false,
      setupExitSignals: false,
      devMiddleware: { stats: 'none' },
      setupMiddlewares: (middlewares) => {
        // After webpack-dev-server's host checks, before the rest: `/` → the index page; the
        // plain-text pages; every response's policy.
        const ours = {
          name: 'rdtax-pages',
          middleware: (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => {
            let pathname: string;
            try {
              pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
            } catch {
              res.writeHead(400, {
                'Content-Type': 'text/plain; charset=utf-8',
                'Content-Security-Policy': NO_CONTENT_POLICY,
              });
              res.end('Bad request.\n');
              return;
            }
            res.setHeader('Content-Security-Policy', policyOf(root, pathname));
            for (const [name, value] of Object.entries(COMMON_HEADERS)) res.setHeader(name, value);
            if (pathname === '/') {
              res.writeHead(302, { Location: o.index });
              res.end();
              return;
            }
            const text = o.text?.[pathname];
            if (text !== undefined && (req.method === 'GET' || req.method === 'HEAD')) {
              res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
              res.end(req.method === 'HEAD' ? undefined : text);
              return;
            }
            next();
          },
        };
        const checks = middlewares.findIndex((m) => typeof m === 'object' && m.name === 'cross-origin-header-check');
        middlewares.splice(checks + 1, 0, ours);
        // After the rest: what nothing served is not found (with our policy, not Express's page).
        middlewares.push({
          name: 'rdtax-not-found',
          middleware: (req: http.IncomingMessage, res: http.ServerResponse) => {
            const status = req.method === 'GET' || req.method === 'HEAD' ? 404 : 405;
            res.writeHead(status, {
              'Content-Type': 'text/plain; charset=utf-8',
              'Content-Security-Policy': NO_CONTENT_POLICY,
              ...COMMON_HEADERS,
            });
            res.end(status === 404 ? `Not found: ${req.url ?? ''}\n` : 'Only GET and HEAD are served.\n');
          },
        });
        return middlewares;
      },
    },
    compiler,
  );
  await server.start();
  const port = (server.server?.address() as AddressInfo).port;
  // The same app on ::1, when the machine has an IPv6 loopback.
  let v6: StaticServer | undefined;
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
