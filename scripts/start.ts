/**
 * `npm start`: build the Excel add-in, serve it on https://localhost:3000 (http when no local
 * certificate can be made), and print how to open the demo and sideload manifest.xml.
 * Every response carries a Content-Security-Policy header (scripts/start-server.ts): a page's
 * own strict policy plus frame-ancestors. Runs until Ctrl-C.
 *
 *   npm start                      build, then serve on port 3000
 *   npm start -- --no-build        serve what excel-addin/dist already holds
 *   npm start -- --http            skip certificates, serve plain http
 *   npm start -- --certs DIR       use DIR/localhost.crt and DIR/localhost.key
 *   npm start -- --port N          another port (the manifest expects 3000)
 *
 * Certificates: office-addin-dev-certs makes a local CA and a localhost certificate in
 * ~/.office-addin-dev-certs and asks the system to trust the CA (it may ask for a password).
 * When that fails — no trust store, no sudo, an offline machine — the demo still works over
 * http and the note says how to get https for Excel.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { close, createStaticServer, listen, type StaticServer, type TlsFiles } from './start-server';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'excel-addin', 'dist');
const MANIFEST = path.join(ROOT, 'manifest.xml');
/** How long to wait for office-addin-dev-certs (it may wait for a password). */
const CERT_TIMEOUT_MS = 180_000;

interface Options {
  readonly build: boolean;
  readonly http: boolean;
  readonly certs?: string;
  readonly port: number;
}

function parseArgs(argv: readonly string[]): Options {
  let build = true;
  let httpOnly = false;
  let certs: string | undefined;
  let port = Number(process.env.PORT ?? 3000);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--no-build') build = false;
    else if (a === '--http') httpOnly = true;
    else if (a === '--certs') certs = argv[++i];
    else if (a === '--port') port = Number(argv[++i]);
    else if (a === '--help' || a === '-h') {
      console.log('Usage: npm start [-- --no-build] [--http] [--certs DIR] [--port N]');
      process.exit(0);
    } else {
      console.error(`Unknown option ${a}; see npm start -- --help.`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a whole number 0–65535; got ${port}.`);
    process.exit(2);
  }
  return { build, http: httpOnly, certs, port };
}

function build(): void {
  console.log('Building the Excel add-in (webpack)…');
  const cli = require.resolve('webpack-cli/bin/cli.js');
  const r = spawnSync(process.execPath, [cli, '--config', path.join(ROOT, 'excel-addin', 'webpack.config.js')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    console.error('The build failed (see above); fix it and run npm start again.');
    process.exit(1);
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer after ${Math.round(ms / 1000)} s`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}

/** Certificates for https://localhost, or a sentence saying why not. */
async function certificates(options: Options): Promise<{ tls?: TlsFiles; note?: string }> {
  if (options.http) return { note: 'Serving http because of --http.' };
  if (options.certs) {
    const dir = path.resolve(options.certs);
    try {
      return {
        tls: {
          cert: fs.readFileSync(path.join(dir, 'localhost.crt')),
          key: fs.readFileSync(path.join(dir, 'localhost.key')),
        },
      };
    } catch (e) {
      return {
        note: `Could not read localhost.crt and localhost.key in ${dir} (${e instanceof Error ? e.message : String(e)}), so serving http.`,
      };
    }
  }
  try {
    console.log(
      'Making a trusted certificate for https://localhost (office-addin-dev-certs; it may ask for your password)…',
    );
    const devCerts = await import('office-addin-dev-certs');
    const opts = await withTimeout(devCerts.getHttpsServerOptions(), CERT_TIMEOUT_MS);
    if (!opts.cert || !opts.key) throw new Error('it returned no certificate');
    return {
      tls: {
        cert: Buffer.from(opts.cert as Buffer),
        key: Buffer.from(opts.key as Buffer),
        ...(opts.ca ? { ca: Buffer.from(opts.ca as Buffer) } : {}),
      },
    };
  } catch (e) {
    const why = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    const made = path.join(os.homedir(), '.office-addin-dev-certs');
    const haveFiles =
      fs.existsSync(path.join(made, 'localhost.crt')) && fs.existsSync(path.join(made, 'localhost.key'));
    return {
      note: [
        `No trusted https certificate could be set up (${why}), so serving http. The demo works over http; Excel needs https.`,
        haveFiles
          ? `Certificates were made in ${made} but not trusted: trust ${path.join(made, 'ca.crt')} (npm run dev-certs as an administrator, or import it into your browser), then npm start -- --certs ${made}.`
          : 'Run npm run dev-certs (it adds a local CA to your trust store), then npm start again.',
      ].join('\n'),
    };
  }
}

function instructions(base: string, https: boolean, port: number): string {
  const manifest = MANIFEST;
  const portNote =
    port === 3000
      ? ''
      : `\n  Note: manifest.xml points at https://localhost:3000; Excel will not find the add-in on port ${port}.`;
  return `
RD Credit Studio is running.

  Demo (no Excel needed):   ${base}/demo.html
  Task pane page:           ${base}/taskpane.html
  Custom functions:         ${base}/functions.js, ${base}/functions.json
  Manifest to sideload:     ${manifest}
${https ? '' : '\n  Served over http: Excel loads add-ins only over https. Run "npm run dev-certs" once\n  (a local CA, trusted by your system), then npm start again.\n'}${portNote}

Sideload into Excel on the web (Microsoft 365 account):
  1. Open a workbook at https://www.office.com, then Home ▸ Add-ins ▸ More Add-ins (or Insert ▸ Add-ins).
  2. My Add-ins ▸ Upload My Add-in ▸ choose manifest.xml ▸ Upload.
  3. Home ▸ RD Credit Studio opens the task pane; type =RDTAX. in a cell for the functions.

Sideload into Excel on Windows:
  1. Put manifest.xml in a shared folder (e.g. \\\\localhost\\addins), add that folder under
     File ▸ Options ▸ Trust Center ▸ Trust Center Settings ▸ Trusted Add-in Catalogs,
     tick "Show in Menu", restart Excel.
  2. Home ▸ Add-ins ▸ Advanced ▸ Shared Folder ▸ RD Credit Studio ▸ Add.
  (Or, with the Office tooling: npx office-addin-debugging start manifest.xml desktop)

Sideload into Excel on a Mac:
  Copy manifest.xml to ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/ and
  restart Excel; the add-in appears under Home ▸ Add-ins.

Press Ctrl-C to stop.
`;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if (options.build) build();
  if (!fs.existsSync(path.join(DIST, 'demo.html'))) {
    console.error(
      `${path.relative(ROOT, DIST)} has no build; run npm start without --no-build (or npm run build:excel).`,
    );
    process.exit(1);
  }
  const { tls, note } = await certificates(options);
  const servers: StaticServer[] = [];
  let port = options.port;
  try {
    const main = createStaticServer({ root: DIST, tls, index: '/demo.html' });
    port = await listen(main, options.port, '127.0.0.1');
    servers.push(main);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    console.error(
      code === 'EADDRINUSE'
        ? `Port ${options.port} is already in use (another npm start?); stop that server, or use npm start -- --port N for the demo only.`
        : `Could not listen on port ${options.port}: ${e instanceof Error ? e.message : String(e)}`,
    );
    process.exit(1);
  }
  // Browsers may resolve localhost to ::1 first; serve there too when the machine has IPv6.
  try {
    const v6 = createStaticServer({ root: DIST, tls, index: '/demo.html' });
    await listen(v6, port, '::1');
    servers.push(v6);
  } catch {
    // No IPv6 loopback: 127.0.0.1 is enough.
  }
  const base = `${tls ? 'https' : 'http'}://localhost:${port}`;
  if (note) console.log(`\n${note}`);
  console.log(instructions(base, Boolean(tls), port));

  const stop = () => {
    void Promise.all(servers.map(close)).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
