/**
 * The firm template's JSON Schema (draft 2020-12), emitted as templates/firm-template.schema.json
 * so a firm can edit its template with completion and red squiggles in any JSON editor.
 * `parseTemplate` is the authority (it runs without a schema library and checks what a schema
 * cannot say: low ≤ high, duplicate roles or headers, required columns, formula names); the
 * tests keep the two in agreement on every structural case.
 */
import { PROFILE_IDS } from '../law/roles';
import { TAX_YEAR_MAX, TAX_YEAR_MIN } from '../law/types';
import { STUDY_RULE_IDS } from '../study/rules';
import { ENVIRONMENT_WORDS } from './layout';
import { TEMPLATE_TEXT_LIMITS as MAX } from './text';
import { CHANGELOG_LINE_MAX, COLUMN_FORMATS, LIST_NAMES } from './types';

/** Rule ids a template may re-grade: every validator rule except the validator's own defect report. */
export const KNOWN_RULE_IDS: readonly string[] = STUDY_RULE_IDS.filter((id) => id !== 'internal/error');

export const TEMPLATE_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$';
/** A severity override: a severity, or `off` to drop the rule. */
export const SEVERITY_OVERRIDES = ['error', 'warning', 'info', 'off'] as const;

const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength, pattern: '\\S' }) as const;
const fraction = { type: 'number', minimum: 0, maximum: 1 } as const;
const wordList = { type: 'array', minItems: 1, items: text(MAX.listWord) } as const;

export const FIRM_TEMPLATE_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'firm-template.schema.json',
  title: 'RD Credit Studio firm template',
  description:
    'A firm template: sheets, columns, drop-down lists, role table, Summary formulas (catalogue names, e.g. =RD_WAGE_QRE(...)), whether to write the Form 6765 sheet, and rule severities. Percentages are fractions 0–1 (80% is 0.8).',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'version', 'firm', 'profile', 'taxYear', 'roles', 'sheets', 'summary'],
  properties: {
    $schema: { type: 'string' },
    id: {
      type: 'string',
      pattern: TEMPLATE_ID_PATTERN,
      description: 'Short identifier recorded on the About sheet, e.g. "acme-software".',
    },
    name: { ...text(MAX.name), description: 'Display name.' },
    version: {
      anyOf: [text(MAX.version), { type: 'integer', minimum: 0 }],
      description:
        'Recorded on the About sheet; a study made from another version of this template gets template/version-drift.',
    },
    firm: { ...text(MAX.firm), description: 'The firm that owns the template.' },
    profile: { enum: [...PROFILE_IDS], description: 'The built-in role profile the template starts from.' },
    taxYear: {
      type: 'integer',
      minimum: TAX_YEAR_MIN,
      maximum: TAX_YEAR_MAX,
      description: 'Calendar year in which the study’s tax year begins.',
    },
    roles: {
      type: 'array',
      minItems: 1,
      description:
        'Typical qualifying share by role, fractions 0–1: review prompts, never allocations (Treas. Reg. §1.41-2(d)(1)).',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['role', 'low', 'high'],
        properties: {
          role: text(MAX.role),
          low: fraction,
          high: fraction,
          aliases: {
            type: 'array',
            items: { ...text(MAX.role), pattern: '^[^,;]*[^,;\\s][^,;]*$' },
            description:
              'Other job titles read as this role (e.g. "SDET"), besides the built-in job-title synonyms; no commas or semicolons (the Roles sheet’s Aliases cell separates them so).',
          },
        },
      },
    },
    lists: {
      type: 'object',
      additionalProperties: false,
      properties: {
        locations: {
          ...wordList,
          description: 'Drop-down for Location; must include "US" (anything else is foreign research, §41(d)(4)(F)).',
        },
        environments: {
          type: 'array',
          minItems: 1,
          items: { enum: [...ENVIRONMENT_WORDS] },
          description: 'Drop-down for Environment: words RD_CLOUD_QRE understands.',
        },
        componentTypes: { ...wordList, description: 'Drop-down for Components › Type.' },
      },
    },
    sheets: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'columns'],
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 31, pattern: "^[^\\\\/?*:\\[\\]']+$" },
          rows: { type: 'integer', minimum: 2, maximum: 1048576 },
          columns: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['header'],
              properties: {
                header: text(MAX.header),
                list: { anyOf: [{ enum: [...LIST_NAMES] }, wordList] },
                width: { type: 'number', minimum: 1, maximum: 255 },
                format: { enum: [...COLUMN_FORMATS] },
              },
            },
          },
        },
      },
    },
    summary: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['label', 'formula'],
        properties: {
          line: { type: 'string', maxLength: MAX.line },
          label: text(MAX.label),
          formula: { type: 'string', maxLength: MAX.formula, pattern: '^=' },
          array: { type: 'boolean' },
        },
      },
    },
    form6765: {
      type: 'boolean',
      description:
        'Whether the workbook gets the Form 6765 sheet (every line a live formula over the study sheets); true when absent, false leaves it out.',
    },
    severityOverrides: {
      type: 'object',
      propertyNames: { enum: [...KNOWN_RULE_IDS] },
      additionalProperties: { enum: [...SEVERITY_OVERRIDES] },
      description: 'Rule id → "error", "warning", "info" or "off" (drop the rule).',
    },
    renames: {
      type: 'array',
      description:
        'Columns renamed since earlier versions: rdtax template upgrade moves a study’s "from" column under "to" (a column of that sheet in this version).',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['sheet', 'from', 'to', 'since'],
        properties: {
          sheet: { type: 'string', minLength: 1, maxLength: 31, pattern: '\\S' },
          from: text(MAX.header),
          to: text(MAX.header),
          since: {
            anyOf: [text(MAX.version), { type: 'integer', minimum: 0 }],
            description: 'The version that introduced the new name.',
          },
        },
      },
    },
    changelog: {
      type: 'object',
      description:
        'Version → one line saying what changed in it, e.g. { "4": "Box 1 Wages replaces W-2 Wages" }; this version needs a line.',
      propertyNames: { minLength: 1, maxLength: MAX.version },
      additionalProperties: text(CHANGELOG_LINE_MAX),
    },
  },
} as const;
