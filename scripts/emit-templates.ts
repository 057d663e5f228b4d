/**
 * Writes the template files firms start from, from the core constants they must equal:
 *   templates/firm-template.schema.json   the JSON Schema (FIRM_TEMPLATE_SCHEMA)
 *   templates/software.json, ai-ml.json   the built-in templates (BUILTIN_TEMPLATES)
 * Run: node -r ./scripts/register.js scripts/emit-templates.ts   (a test fails when they drift)
 */
import * as fs from 'fs';
import * as path from 'path';
import { BUILTIN_TEMPLATES, FIRM_TEMPLATE_SCHEMA } from '@core/templates';

export const TEMPLATES_DIR = path.join(__dirname, '..', 'templates');

/** The text of each emitted file, by path relative to templates/. */
export function emittedTemplateFiles(): Record<string, string> {
  const files: Record<string, string> = {
    'firm-template.schema.json': `${JSON.stringify(FIRM_TEMPLATE_SCHEMA, null, 2)}\n`,
  };
  for (const [id, t] of Object.entries(BUILTIN_TEMPLATES)) {
    files[`${id}.json`] = `${JSON.stringify({ $schema: './firm-template.schema.json', ...t }, null, 2)}\n`;
  }
  return files;
}

if (require.main === module) {
  fs.mkdirSync(TEMPLATES_DIR, { recursive: true });
  for (const [name, text] of Object.entries(emittedTemplateFiles())) {
    fs.writeFileSync(path.join(TEMPLATES_DIR, name), text);
    process.stdout.write(`wrote templates/${name}\n`);
  }
}
