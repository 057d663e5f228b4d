/**
 * `npm start`: serve the Excel add-in (excel-addin/dist) on https://localhost:3000 with
 * webpack-dev-server (scripts/start-server.ts), building it first only when the build is out of
 * date (scripts/dist-stamp.ts knows), and print where to open it. How to sideload manifest.xml
 * is `npm start -- --help` and the page /sideload of the running server, not 35 lines on every
 * start. Runs until Ctrl-C. `npm start -- --help` lists the options (OPTIONS below).
 *
 * Certificates: office-addin-dev-certs makes a local CA and a localhost certificate in
 * ~/.office-addin-dev-certs and asks the system to trust the CA (it may ask for a password).
 * When that fails — no trust store, no sudo, an offline machine — the demo still works over
 * http, the note says how to get https for Excel, and the failure is remembered
 * (node_modules/.cache/rdtax/start/certificates.json) so the next start does not wait for it
 * again: `npm start -- --retry-certs` (or `npm run dev-certs`) tries again.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs as tokenize } from 'util';
import { distProblem } from './dist-stamp';
import { devServer, type TlsFiles } from './start-server';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'excel-addin', 'dist');
const MANIFEST = path.join(ROOT, 'manifest.xml');
/** Where a failed certificate set-up is remembered. */
export const CERT_MEMO = path.join(ROOT, 'node_modules', '.cache', 'rdtax', 'start', 'certificates.json');
/** How long to wait for office-addin-dev-certs (it may wait for a password). */
const CERT_TIMEOUT_MS = 180_000;
/** The port manifest.xml names. */
const MANIFEST_PORT = 3000;

/** The options of npm start: one description, for the parser and for --help. */
const OPTIONS = {
  build: { type: 'boolean', help: 'build the add-in even when the build is up to date.' },
  'no-build': { type: 'boolean', help: 'serve what excel-addin/dist holds, even when it is out of date.' },
  http: { type: 'boolean', help: 'plain http, no certificate (the demo works; Excel needs https).' },
  certs: {
    type: 'string',
    value: 'DIR',
    help: 'serve https with DIR/localhost.crt and DIR/localhost.key instead of office-addin-dev-certs.',
  },
  'retry-certs': {
    type: 'boolean',
    help: 'try office-addin-dev-certs again after it failed once (a failure is remembered, so a start does not wait for it each time).',
  },
  port: {
    type: 'string',
    value: 'N',
    help: `the port, 0–65535 (0: any free one); default $PORT or ${MANIFEST_PORT} — manifest.xml expects ${MANIFEST_PORT}.`,
  },
  help: { type: 'boolean', short: 'h', help: 'this help, and how to sideload the add-in into Excel.' },
} as const satisfies Record<string, { type: 'boolean' | 'string'; short?: string; value?: string; help: string }>;

export interface Options {
  readonly build: 'auto' | 'always' | 'never';
  readonly http: boolean;
  readonly certs?: string;
  readonly retryCerts: boolean;
  readonly port: number;
}

/** A command line npm start cannot run: one sentence, then exit 2. */
class StartUsageError extends Error {}

function portOf(value: string, from: string): number {
  const port = /^\d{1,5}$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isInteger(port) || port > 65535)
    throw new StartUsageError(
      `${from} ${JSON.stringify(value).slice(0, 40)} is not a port; give a whole number 0–65535, e.g. --port ${MANIFEST_PORT}`,
    );
  return port;
}

export function parseStartArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Options | 'help' {
  const { tokens } = tokenize({
    args: [...argv],
    options: OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const given = new Map<string, string | true>();
  for (const t of tokens) {
    if (t.kind === 'positional')
      throw new StartUsageError(`npm start takes no file names (got ${JSON.stringify(t.value).slice(0, 40)})`);
    if (t.kind !== 'option') continue;
    const spec = (OPTIONS as Record<string, { type: string }>)[t.name];
    if (!spec) throw new StartUsageError(`unknown option ${t.rawName.slice(0, 40)}`);
    if (spec.type === 'boolean') {
      if (t.inlineValue) throw new StartUsageError(`${t.rawName} takes no value`);
      given.set(t.name, true);
    } else {
      if (t.value === undefined || (!t.inlineValue && t.value.startsWith('-')))
        throw new StartUsageError(`${t.rawName} needs a value`);
      given.set(t.name, t.value);
    }
  }
  if (given.has('help')) return 'help';
  if (given.has('build') && given.has('no-build')) throw new StartUsageError('give --build or --no-build, not both');
  if (given.has('http') && given.has('certs'))
    throw new StartUsageError('give --http or --certs, not both (--certs serves https)');
  const portText = given.get('port');
  const port =
    typeof portText === 'string'
      ? portOf(portText, '--port')
      : env.PORT !== undefined && env.PORT !== ''
        ? portOf(env.PORT, 'PORT')
        : MANIFEST_PORT;
  const certs = given.get('certs');
  return {
    build: given.has('build') ? 'always' : given.has('no-build') ? 'never' : 'auto',
    http: given.has('http'),
    ...(typeof certs === 'string' ? { certs } : {}),
    retryCerts: given.has('retry-certs'),
    port,
  };
}

/** `text` in lines of at most 100 columns, the first after `first`, the rest after `indent`. */
function wrap(text: string, first: string, indent: string): string {
  const lines: string[] = [];
  let line = first;
  for (const word of text.split(' ')) {
    const lead = lines.length === 0 ? first : indent;
    if (line.length > lead.length && line.length + 1 + word.length > 100) {
      lines.push(line);
      line = indent + word;
    } else line = line.length > lead.length ? `${line} ${word}` : line + word;
  }
  return [...lines, line].join('\n');
}

/** `npm start -- --help`: each option, then how to sideload. */
export function helpText(): string {
  const rows = Object.entries(OPTIONS).map(([name, o]) => {
    const short = 'short' in o ? `-${o.short}, ` : '';
    const value = 'value' in o ? ` ${o.value}` : '';
    return [`${short}--${name}${value}`, o.help] as const;
  });
  const col = Math.max(...rows.map(([l]) => l.length)) + 2;
  return `Usage: npm start [-- options]

Serves the Excel add-in (excel-addin/dist) on https://localhost:${MANIFEST_PORT} until Ctrl-C, building it
first when its sources changed since the last build. Open /demo.html to try it without Excel.

Options:
${rows.map(([l, h]) => wrap(h, `  ${l.padEnd(col)}`, ' '.repeat(col + 2))).join('\n')}

${sideloadText()}`;
}

/** How to sideload manifest.xml: `npm start -- --help` and the page /sideload. */
export function sideloadText(): string {
  return `Sideload into Excel (manifest: ${MANIFEST}; it loads https://localhost:${MANIFEST_PORT})

Excel on the web (Microsoft 365 account):
  1. Open a workbook at https://www.office.com, then Home ▸ Add-ins ▸ More Add-ins (or Insert ▸ Add-ins).
  2. My Add-ins ▸ Upload My Add-in ▸ choose manifest.xml ▸ Upload.
  3. Home ▸ RD Credit Studio opens the task pane; type =RDTAX. in a cell for the functions.

Excel on Windows:
  1. Put manifest.xml in a shared folder (e.g. \\\\localhost\\addins), add that folder under
     File ▸ Options ▸ Trust Center ▸ Trust Center Settings ▸ Trusted Add-in Catalogs,
     tick "Show in Menu", restart Excel.
  2. Home ▸ Add-ins ▸ Advanced ▸ Shared Folder ▸ RD Credit Studio ▸ Add.
  (Or, with the Office tooling: npx office-addin-debugging start manifest.xml desktop)

Excel on a Mac:
  Copy manifest.xml to ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/ and
  restart Excel; the add-in appears under Home ▸ Add-ins.

Excel loads add-ins only over https: npm start serves https with a certificate from
office-addin-dev-certs (npm run dev-certs installs its local CA once).
`;
}

function build(why: string): void {
  console.log(`Building the Excel add-in (webpack), because ${why}…`);
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

interface CertMemo {
  readonly failedAt: string;
  readonly why: string;
}

function readMemo(file: string): CertMemo | undefined {
  try {
    const m = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<CertMemo>;
    return typeof m.failedAt === 'string' && typeof m.why === 'string'
      ? { failedAt: m.failedAt, why: m.why }
      : undefined;
  } catch {
    return undefined;
  }
}

function writeMemo(file: string, memo: CertMemo | undefined): void {
  try {
    if (memo === undefined) fs.rmSync(file, { force: true });
    else {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, `${JSON.stringify(memo, null, 1)}\n`);
    }
  } catch {
    // Only a convenience: without it the next start tries again.
  }
}

const RETRY = 'npm start -- --retry-certs tries again (after npm run dev-certs, which installs the local CA)';

/** Certificates for https://localhost, or a sentence saying why not; `memoFile` remembers a failure. */
export async function certificates(options: Options, memoFile = CERT_MEMO): Promise<{ tls?: TlsFiles; note?: string }> {
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
  const memo = options.retryCerts ? undefined : readMemo(memoFile);
  if (memo) {
    return {
      note: `Serving http: setting up a trusted https certificate failed on ${memo.failedAt.slice(0, 10)} (${memo.why}), so this start did not try again; ${RETRY}. The demo works over http; Excel needs https.`,
    };
  }
  try {
    console.log(
      'Making a trusted certificate for https://localhost (office-addin-dev-certs; it may ask for your password)…',
    );
    const devCerts = await import('office-addin-dev-certs');
    const opts = await withTimeout(devCerts.getHttpsServerOptions(), CERT_TIMEOUT_MS);
    if (!opts.cert || !opts.key) throw new Error('it returned no certificate');
    writeMemo(memoFile, undefined);
    return {
      tls: {
        cert: Buffer.from(opts.cert as Buffer),
        key: Buffer.from(opts.key as Buffer),
        ...(opts.ca ? { ca: Buffer.from(opts.ca as Buffer) } : {}),
      },
    };
  } catch (e) {
    const why = (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 200);
    writeMemo(memoFile, { failedAt: new Date().toISOString(), why });
    const made = path.join(os.homedir(), '.office-addin-dev-certs');
    const haveFiles =
      fs.existsSync(path.join(made, 'localhost.crt')) && fs.existsSync(path.join(made, 'localhost.key'));
    return {
      note: [
        `No trusted https certificate could be set up (${why}), so serving http. The demo works over http; Excel needs https.`,
        haveFiles
          ? `Certificates were made in ${made} but not trusted: trust ${path.join(made, 'ca.crt')} (npm run dev-certs as an administrator, or import it into your browser), then npm start -- --certs ${made}.`
          : 'Run npm run dev-certs (it adds a local CA to your trust store), then npm start -- --retry-certs.',
        `The next npm start will not try again (it would wait for the same failure); ${RETRY}.`,
      ].join('\n'),
    };
  }
}

function running(base: string, https: boolean, port: number, seconds: number): string {
  const notes = [
    ...(https ? [] : ['  Served over http: Excel loads add-ins only over https (see the note above).']),
    ...(port === MANIFEST_PORT
      ? []
      : [
          `  Note: manifest.xml points at https://localhost:${MANIFEST_PORT}; Excel will not find the add-in on port ${port}.`,
        ]),
  ];
  return `
RD Credit Studio is running (ready in ${seconds.toFixed(1)} s).

  Demo (no Excel needed):   ${base}/demo.html
  Task pane page:           ${base}/taskpane.html
  Custom functions:         ${base}/functions.js, ${base}/functions.json
  Manifest to sideload:     ${MANIFEST}
  How to sideload it:       ${base}/sideload (or npm start -- --help)
${notes.length > 0 ? `\n${notes.join('\n')}\n` : ''}
Press Ctrl-C to stop.
`;
}

async function main(): Promise<void> {
  let options: Options | 'help';
  try {
    options = parseStartArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof StartUsageError)) throw e;
    console.error(`npm start: ${e.message}; see npm start -- --help.`);
    process.exit(2);
  }
  if (options === 'help') {
    process.stdout.write(helpText());
    return;
  }
  if (options.build !== 'never') {
    const stale = distProblem('excel-addin');
    if (options.build === 'always') build('of --build');
    else if (stale)
      build(stale.replace(/: run npm run build\.$/, '').replace(/^excel-addin\/dist\/ /, 'excel-addin/dist '));
    else console.log('The add-in build is up to date (excel-addin/dist matches its sources): not rebuilding.');
  }
  if (!fs.existsSync(path.join(DIST, 'demo.html'))) {
    console.error(
      `${path.relative(ROOT, DIST)} has no build; run npm start without --no-build (or npm run build:excel).`,
    );
    process.exit(1);
  }
  const { tls, note } = await certificates(options);
  let server: Awaited<ReturnType<typeof devServer>>;
  try {
    server = await devServer({
      root: DIST,
      tls,
      port: options.port,
      index: '/demo.html',
      text: { '/sideload': sideloadText() },
    });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    console.error(
      code === 'EADDRINUSE'
        ? `Port ${options.port} is already in use (another npm start?); stop that server, or use npm start -- --port N for the demo only.`
        : `Could not listen on port ${options.port}: ${e instanceof Error ? e.message : String(e)}`,
    );
    process.exit(1);
  }
  const base = `${tls ? 'https' : 'http'}://localhost:${server.port}`;
  if (note) console.log(`\n${note}`);
  console.log(running(base, Boolean(tls), server.port, process.uptime()));

  const stop = () => {
    void server.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) void main();
