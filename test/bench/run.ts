/** `npm run bench`: every performance budget of docs/design.md §9, each printed as a measurement in one run. */
import * as fs from 'fs';
import * as path from 'path';
import { benchWageQre } from './wage-qre';

type Bench = { title: string; run: () => string[] | Promise<string[]> };

function optional(file: string, exportName: string, title: string): Bench | undefined {
  // Benches of parts that build artefacts (bundles) or live in other modules are loaded when present.
  const p = path.join(__dirname, file);
  if (!fs.existsSync(p + '.ts')) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(p) as Record<string, () => string[] | Promise<string[]>>;
  return { title, run: mod[exportName] };
}

const benches: Bench[] = [
  { title: 'Custom functions', run: () => benchWageQre() },
  ...[
    optional('functions', 'benchFunctions', 'Range functions ÷ a plain float loop'),
    optional('validator', 'benchValidator', 'Validator'),
    optional('bundles', 'benchBundles', 'Bundles'),
    optional('hostile', 'benchHostileFiles', 'Hostile files (rdtax check, a child process each)'),
    optional('cli', 'benchCli', 'rdtax check: large and many studies, start-up (a child process each)'),
    optional('sheets-reply', 'benchSheetsReply', 'Sheets sidebar: the largest google.script.run reply'),
    optional('findings-render', 'benchFindingsRender', 'Findings view: 50,000 findings in the task pane'),
  ].filter((b): b is Bench => b !== undefined),
];

void (async () => {
  for (const b of benches) {
    console.log(`\n== ${b.title} ==`);
    for (const line of await b.run()) console.log(line);
  }
})();
