/**
 * `npm start` (scripts/start.ts) as a user runs it, minus the build (the suite has built
 * already) and minus the system trust store (certificates come from a temporary directory):
 * it serves the demo and the add-in with a Content-Security-Policy header on every response,
 * prints the URLs and how to sideload, and stops cleanly on Ctrl-C (SIGINT).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import * as os from 'os';
import * as path from 'path';

import { NO_CONTENT_POLICY } from '../../scripts/start-server';
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
      expect(demo).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
      expect(demo.body).toContain('demo.js');
      expect(await get(`${r.base}/`)).toMatchObject({ status: 302, location: '/demo.html' });
      expect(await get(`${r.base}/functions.json`)).toMatchObject({
        status: 200,
        type: 'application/json; charset=utf-8',
      });
      expect(await get(`${r.base}/taskpane.html`)).toMatchObject({ status: 200 });
      expect((await get(`${r.base}/nope.html`)).status).toBe(404);
      const out = r.output();
      expect(out).toContain('Upload My Add-in');
      expect(out).toContain(path.join(ROOT, 'manifest.xml'));
      expect(out).toContain('Trusted Add-in Catalogs');
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

  test('an unknown option is refused with a sentence and exit code 2', async () => {
    const child = spawn(process.execPath, ['-r', './scripts/register.js', 'scripts/start.ts', '--frobnicate'], {
      cwd: ROOT,
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain('Unknown option --frobnicate');
  });
});
