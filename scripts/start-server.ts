/**
 * A small static file server for the built add-in (excel-addin/dist): what `npm start` runs
 * and what the browser tests serve the task pane from. Serves only files under its root,
 * never lists directories, and sends no-cache headers (a rebuilt file is picked up at once).
 * Every response carries a Content-Security-Policy: a page gets the policy the build wrote
 * into its meta tag plus `frame-ancestors` (panel/src/csp.ts); anything else, none at all.
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

function handler(options: StaticServerOptions): http.RequestListener {
  const root = path.resolve(options.root);
  return (req, res) => {
    const send = (status: number, type: string, body: string | Buffer, pathname = '') => {
      res.writeHead(status, {
        'Content-Type': type,
        'Content-Security-Policy': headerPolicy(pathname, status === 200 ? body : undefined),
        'Cache-Control': 'no-store',
        // Office fetches functions.json and the pages from its own origin (Excel on the web).
        'Access-Control-Allow-Origin': '*',
        'X-Content-Type-Options': 'nosniff',
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
