/** The committed example studies are exactly what scripts/make-examples.ts writes (reproducible bytes). */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeExamples } from '../../scripts/make-examples';
import { EXAMPLES } from './helpers';

function filesUnder(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? filesUnder(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
    )
    .sort();
}

it('templates/examples/ is up to date (run: node -r ./scripts/register.js scripts/make-examples.ts)', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rdtax-examples-'));
  try {
    await writeExamples(tmp);
    const fresh = filesUnder(tmp);
    expect(filesUnder(EXAMPLES)).toEqual(fresh);
    const stale = fresh.filter(
      (f) => !fs.readFileSync(path.join(tmp, f)).equals(fs.readFileSync(path.join(EXAMPLES, f))),
    );
    expect(stale).toEqual([]);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
