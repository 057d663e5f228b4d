/**
 * `npm start` (scripts/start.ts: webpack-dev-server over excel-addin/dist) as a user runs it,
 * minus the system trust store (certificates come from a temporary directory): it does not
 * rebuild an up-to-date build, serves the demo and the add-in with a Content-Security-Policy
 * header on every response, prints the URLs and where the sideload help is (--help and
 * /sideload, not 35 lines on every start), says how long it took to be ready, remembers a failed
 * certificate set-up instead of retrying it, refuses a bad option with one sentence, and stops
 * cleanly on Ctrl-C (SIGINT). Reads excel-addin/dist: the suite's dist guard makes sure it is
 * built and current.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import * as os from 'os';
import * as path from 'path';

import { certificates, helpText, parseStartArgs } from '../../scripts/start';
import { frameAncestors } from '@panel/csp';
import { devServer, NO_CONTENT_POLICY, type DevServer } from '../../scripts/start-server';
import { policyProblems } from '../browser/csp-policy';

const ROOT = path.join(__dirname, '..', '..');

interface Running {
  readonly child: ChildProcessWithoutNullStreams;
  readonly output: () => string;
  readonly base: string;
}

function start(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, ['-r', './scripts/register.js', 'scripts/start.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, PORT: '' },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`npm start did not get ready:\n${out}`));
    }, 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${out}`));
    });
    const poll = setInterval(() => {
      const m = /Demo \(no Excel needed\):\s+(https?:\/\/localhost:\d+)\/demo\.html/.exec(out);
      if (m && out.includes('Press Ctrl-C to stop.')) {
        clearInterval(poll);
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ child, output: () => out, base: m[1].replace('localhost', '127.0.0.1') });
      }
    }, 50);
  });
}

function stop(r: Running): Promise<number | null> {
  return new Promise((resolve) => {
    r.child.on('exit', (code) => resolve(code));
    r.child.kill('SIGINT');
  });
}

function get(
  url: string,
  ca?: Buffer,
): Promise<{ status: number; type: string; location?: string; csp: string; body: string }> {
  return new Promise((resolve, reject) => {
    const lib = url.startsWith('https:') ? https : http;
    const req = lib.get(url, ca ? { ca, servername: 'localhost' } : {}, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers['content-type'] ?? ''),
          location: res.headers.location,
          csp: String(res.headers['content-security-policy'] ?? ''),
          body,
        }),
      );
    });
    req.on('error', reject);
  });
}

describe('npm start', () => {
  test('serves the demo and the add-in over http when asked, prints how to sideload, stops on Ctrl-C', async () => {
    const r = await start(['--no-build', '--http', '--port', '0']);
    try {
      const demo = await get(`${r.base}/demo.html`);
      expect(demo.status).toBe(200);
      expect(demo.type.toLowerCase()).toBe('text/html; charset=utf-8');
      expect(demo.body).toContain('demo.js');
      expect(await get(`${r.base}/`)).toMatchObject({ status: 302, location: '/demo.html' });
      const fns = await get(`${r.base}/functions.json`);
      expect({ status: fns.status, type: fns.type.toLowerCase() }).toEqual({
        status: 200,
        type: 'application/json; charset=utf-8',
      });
      expect(await get(`${r.base}/taskpane.html`)).toMatchObject({ status: 200 });
      expect((await get(`${r.base}/nope.html`)).status).toBe(404);
      const out = r.output();
      expect(out).toContain(path.join(ROOT, 'manifest.xml'));
      expect(out).toMatch(/ready in \d+\.\d s/);
      // The sideload steps are one URL away, not printed on every start.
      expect(out).toContain(`${r.base.replace('127.0.0.1', 'localhost')}/sideload (or npm start -- --help)`);
      expect(out).not.toContain('Upload My Add-in');
      expect(out.split('\n').length).toBeLessThan(20);
      const sideload = await get(`${r.base}/sideload`);
      expect(sideload).toMatchObject({ status: 200, type: 'text/plain; charset=utf-8', csp: NO_CONTENT_POLICY });
      for (const text of ['Upload My Add-in', path.join(ROOT, 'manifest.xml'), 'Trusted Add-in Catalogs'])
        expect(sideload.body).toContain(text);
    } finally {
      expect(await stop(r)).toBe(0);
    }
  });

  test('every response carries a Content-Security-Policy header: each page its strict policy with frame-ancestors, anything else none', async () => {
    const r = await start(['--no-build', '--http', '--port', '0']);
    try {
      for (const [file, page] of [
        ['taskpane.html', 'taskpane'],
        ['demo.html', 'demo'],
        ['help.html', 'help'],
      ] as const) {
        const res = await get(`${r.base}/${file}`);
        expect({ file, problems: policyProblems(res.csp, page, 'header') }).toEqual({ file, problems: [] });
      }
      for (const other of ['/functions.json', '/taskpane.js', '/nope.html', '/']) {
        expect({ other, csp: (await get(`${r.base}${other}`)).csp }).toEqual({ other, csp: NO_CONTENT_POLICY });
      }
    } finally {
      expect(await stop(r)).toBe(0);
    }
  });

  test('serves https with the certificates it is given', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdcs-certs-'));
    try {
      const { generateCertificates } = await import('office-addin-dev-certs');
      // It reports on the console what it made; the test does not need that.
      const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
      await generateCertificates(
        path.join(dir, 'ca.crt'),
        path.join(dir, 'localhost.crt'),
        path.join(dir, 'localhost.key'),
        2,
      ).finally(() => log.mockRestore());
      const r = await start(['--no-build', '--certs', dir, '--port', '0']);
      try {
        expect(r.base.startsWith('https://')).toBe(true);
        const res = await get(`${r.base}/demo.html`, fs.readFileSync(path.join(dir, 'ca.crt')));
        expect(res.status).toBe(200);
      } finally {
        expect(await stop(r)).toBe(0);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an up-to-date build is served as it is: no rebuild, and it says so', async () => {
    // The dist guard (test/dist-guard.ts) stopped this file unless excel-addin/dist matches its sources.
    expect(fs.existsSync(path.join(ROOT, 'excel-addin', 'dist', 'demo.html'))).toBe(true);
    const r = await start(['--http', '--port', '0']);
    try {
      expect(r.output()).toContain('The add-in build is up to date');
      expect(r.output()).not.toContain('Building the Excel add-in');
    } finally {
      expect(await stop(r)).toBe(0);
    }
  });
});

/** Run npm start to its end (a usage error or --help): exit code and output. */
function runToEnd(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['-r', './scripts/register.js', 'scripts/start.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, PORT: '' },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
}

describe('npm start -- options', () => {
  it.each([
    ['an unknown option', ['--frobnicate'], 'npm start: unknown option --frobnicate; see npm start -- --help.'],
    ['--port abc', ['--port', 'abc'], 'npm start: --port "abc" is not a port; give a whole number 0–65535'],
    ['--port 65536, one past the last port (boundary)', ['--port', '65536'], '--port "65536" is not a port'],
    ['--port -1', ['--port=-1'], '--port "-1" is not a port'],
    ['--port without its value', ['--port'], '--port needs a value'],
    ['a file name', ['manifest.xml'], 'npm start takes no file names'],
    ['--http with --certs', ['--http', '--certs', '/tmp'], 'give --http or --certs, not both'],
  ])('%s: one sentence on stderr, exit code 2, nothing served', async (_n, args, message) => {
    const r = await runToEnd(args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.out).toBe('');
  });

  it('--help: every option with its description, then how to sideload; exit 0', async () => {
    const r = await runToEnd(['--help']);
    expect(r.code).toBe(0);
    for (const option of ['--build', '--no-build', '--http', '--certs DIR', '--retry-certs', '--port N', '--help'])
      expect(r.out).toContain(option);
    for (const text of ['Upload My Add-in', 'Trusted Add-in Catalogs', path.join(ROOT, 'manifest.xml')])
      expect(r.out).toContain(text);
    expect(r.out).toBe(helpText());
  });

  it.each([
    ['no options: build when out of date, port 3000', [], {}, { build: 'auto', port: 3000, http: false }],
    ['--port 0: any free port (boundary)', ['--port', '0'], {}, { port: 0 }],
    ['--port 65535: the last port (boundary)', ['--port=65535'], {}, { port: 65535 }],
    ['$PORT when no --port', [], { PORT: '8443' }, { port: 8443 }],
    ['--port over $PORT', ['--port', '3001'], { PORT: '8443' }, { port: 3001 }],
    ['--build: always', ['--build'], {}, { build: 'always' }],
    ['--no-build: never', ['--no-build'], {}, { build: 'never' }],
    ['--retry-certs', ['--retry-certs'], {}, { retryCerts: true }],
  ])('parseStartArgs: %s', (_n, args, env, expected) => expect(parseStartArgs(args, env)).toMatchObject(expected));
  it('parseStartArgs: a $PORT that is not a port is named as PORT', () =>
    expect(() => parseStartArgs([], { PORT: 'abc' })).toThrow('PORT "abc" is not a port'));
});

describe('npm start: a certificate set-up that failed once is not tried again', () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdcs-memo-'))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a remembered failure: http at once, the reason and the date, and how to retry; office-addin-dev-certs not called', async () => {
    const memo = path.join(dir, 'certificates.json');
    fs.writeFileSync(memo, JSON.stringify({ failedAt: '2026-11-30T10:00:00.000Z', why: 'sudo: not found' }));
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const options = { build: 'never', http: false, retryCerts: false, port: 0 } as const;
      const t = Date.now();
      const got = await certificates(options, memo);
      expect(Date.now() - t).toBeLessThan(1000);
      expect(got.tls).toBeUndefined();
      expect(got.note).toContain('failed on 2026-11-30 (sudo: not found)');
      expect(got.note).toContain('npm start -- --retry-certs tries again');
      expect(got.note).toContain('npm run dev-certs');
      // "Making a trusted certificate…" is what it says before calling office-addin-dev-certs.
      expect(log).not.toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
  });
  it.each([
    ['--http', { build: 'never', http: true, retryCerts: false, port: 0 } as const, 'Serving http because of --http.'],
  ])('%s needs no memo and no certificate', async (_n, options, note) => {
    expect(await certificates(options, path.join(dir, 'none.json'))).toEqual({ note });
  });
});

/** A request as it goes on the wire: the path is sent exactly as given (no `..` folded). */
function raw(
  port: number,
  method: string,
  target: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: target, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the server npm start and the browser tests run (webpack-dev-server and the thin layer of scripts/start-server.ts)', () => {
  const META = "default-src 'none'; script-src 'self'";
  const page = (meta: boolean) =>
    `<!doctype html><html><head>${meta ? `<meta http-equiv="Content-Security-Policy" content="${META}">` : ''}</head><body>page</body></html>`;
  let dir: string;
  let server: DevServer;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdcs-server-'));
    const root = path.join(dir, 'root');
    fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(root, 'demo.html'), page(true));
    fs.writeFileSync(path.join(root, 'taskpane.html'), page(true));
    fs.writeFileSync(path.join(root, 'help.html'), page(false));
    fs.writeFileSync(path.join(root, 'app.js'), 'console.log(1);\n');
    fs.writeFileSync(path.join(root, 'assets', 'icon.png'), 'png');
    fs.writeFileSync(path.join(root, '.env'), 'SECRET-DOTFILE');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'SECRET-OUTSIDE');
    server = await devServer({ root, port: 0, index: '/demo.html', text: { '/sideload': 'How to sideload.\n' } });
  });
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const DEMO = `${META}; ${frameAncestors('demo')}`;
  const TASKPANE = `${META}; ${frameAncestors('taskpane')}`;
  const NONE = NO_CONTENT_POLICY;
  it.each([
    // [name, method, path as sent, extra headers, status, policy, body has, body lacks]
    ['a page: its meta policy plus frame-ancestors none', 'GET', '/demo.html', {}, 200, DEMO, 'page', ''],
    ['the task pane: framed by Office (self and https:)', 'GET', '/taskpane.html', {}, 200, TASKPANE, 'page', ''],
    ['HEAD of a page: the same headers, no body', 'HEAD', '/demo.html', {}, 200, DEMO, '', 'page'],
    [
      'a page whose build left no policy gets none of its own (boundary)',
      'GET',
      '/help.html',
      {},
      200,
      NONE,
      'page',
      '',
    ],
    ['a script: no policy of its own', 'GET', '/app.js', {}, 200, NONE, 'console.log', ''],
    ['a file in a folder', 'GET', '/assets/icon.png', {}, 200, NONE, 'png', ''],
    ['/ redirects to the index page (302, Location /demo.html)', 'GET', '/', {}, 302, NONE, '', ''],
    ['a plain-text page (/sideload)', 'GET', '/sideload', {}, 200, NONE, 'How to sideload.', ''],
    ['a missing file: 404', 'GET', '/nope.html', {}, 404, NONE, 'Not found: /nope.html', ''],
    ['a folder: 404, never a listing', 'GET', '/assets/', {}, 404, NONE, 'Not found', 'icon.png'],
    ['a folder without its slash: 404, not a redirect', 'GET', '/assets', {}, 404, NONE, 'Not found', 'icon.png'],
    ['the root by another name (/.): the redirect, never a listing', 'GET', '/.', {}, 302, NONE, '', 'demo.html'],
    ['.. out of the root: 403, nothing outside it', 'GET', '/../secret.txt', {}, 403, NONE, '', 'SECRET'],
    ['.. encoded (%2e%2e): 403, nothing outside the root', 'GET', '/%2e%2e/secret.txt', {}, 403, NONE, '', 'SECRET'],
    [
      '/ encoded (..%2f): 403, nothing outside the root',
      'GET',
      '/assets/..%2f..%2fsecret.txt',
      {},
      403,
      NONE,
      '',
      'SECRET',
    ],
    [
      '\\ encoded (..%5c, a Windows separator): 403',
      'GET',
      '/assets/..%5c..%5csecret.txt',
      {},
      403,
      NONE,
      'Forbidden',
      'SECRET',
    ],
    ['a dot file is not served', 'GET', '/.env', {}, 404, NONE, '', 'SECRET'],
    ['a path that is not valid percent-encoding: 400', 'GET', '/%E0%A4%A', {}, 400, NONE, 'Bad request', ''],
    ['POST: 405', 'POST', '/demo.html', {}, 405, NONE, 'Only GET and HEAD', 'page'],
    ['OPTIONS: 405', 'OPTIONS', '/', {}, 405, NONE, 'Only GET and HEAD', ''],
    ['DELETE of a file: 405, the file stays', 'DELETE', '/app.js', {}, 405, NONE, 'Only GET and HEAD', ''],
    [
      "another site's name in Host (DNS rebinding): webpack-dev-server's 403",
      'GET',
      '/demo.html',
      { Host: 'evil.example' },
      403,
      NONE,
      'Invalid Host header',
      'page',
    ],
  ] as const)('%s', async (_n, method, target, headers, status, policy, has, lacks) => {
    const r = await raw(server.port, method, target, { ...headers });
    expect({ status: r.status, policy: r.headers['content-security-policy'] }).toEqual({ status, policy });
    // Every answer: not cached (a rebuilt file is picked up at once), not sniffed.
    expect({ cache: r.headers['cache-control'], nosniff: r.headers['x-content-type-options'] }).toEqual({
      cache: 'no-store',
      nosniff: 'nosniff',
    });
    if (status === 302) expect(r.headers.location).toBe('/demo.html');
    if (has) expect(r.body).toContain(has);
    if (lacks) expect(r.body).not.toContain(lacks);
    expect(fs.existsSync(path.join(dir, 'root', 'app.js'))).toBe(true);
  });

  it('listens on the loopback only: a non-loopback address of this machine is refused', async () => {
    const outside = Object.values(os.networkInterfaces())
      .flat()
      .find((a) => a && !a.internal && a.family === 'IPv4')?.address;
    // A machine with no network has nothing to refuse on; the loopback must still answer.
    expect((await raw(server.port, 'GET', '/demo.html')).status).toBe(200);
    if (!outside) return;
    await expect(
      new Promise((resolve, reject) =>
        http.get({ host: outside, port: server.port, path: '/demo.html' }, resolve).on('error', reject),
      ),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
