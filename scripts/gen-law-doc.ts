/**
 * Writes docs/law.md from the rules (core/src/law/doc.ts): `npm run docs:law`.
 * core/test/law-doc.test.ts fails when the file and the rules disagree.
 */
import * as fs from 'fs';
import * as path from 'path';
import { lawDocument } from '@core/law/doc';

export const LAW_DOC = path.join(__dirname, '..', 'docs', 'law.md');

if (require.main === module) {
  fs.mkdirSync(path.dirname(LAW_DOC), { recursive: true });
  fs.writeFileSync(LAW_DOC, lawDocument());
  console.log('docs/law.md regenerated from core/src/law.');
}
