/**
 * The drift report (issue 14 §2): `rdtax check --template firm.json DIR` says, per study, which
 * template version it was made from (About) and whether it is behind the given one — what a review
 * partner asks before signing. `--template-dir DIR` holds a firm's templates: each study is checked
 * against the template of its own id there, the newest version unless `--template-version` names one.
 */
import * as fs from 'fs';
import * as path from 'path';
import { clipText } from '@core/cells';
import type { ValidateOptions } from '@core/study';
import type { WorkbookGrids } from '@core/study/types';
import type { FirmTemplate } from '@core/templates/types';
import { CommandError } from './envelope';

/** A template and the file it came from (named in the upgrade command the report suggests). */
export interface ShelvedTemplate {
  readonly template: FirmTemplate;
  readonly file: string;
}

/** How a study stands against the template it is compared with. */
export interface Drift {
  readonly status: 'current' | 'behind' | 'ahead' | 'different' | 'other-template' | 'not-found' | 'no-template';
  /** The study's template id and version (About). */
  readonly id: string | null;
  readonly version: string | null;
  /** The template compared with: its id, version and file. */
  readonly template: { readonly id: string; readonly version: string; readonly file: string } | null;
  /** One line for a person. */
  readonly line: string;
  /** The command that brings the study to the template's version (status `behind`). */
  readonly upgrade?: string;
}

/** The most template files read from one folder (a firm keeps a handful; more is the wrong folder). */
const MAX_TEMPLATES = 200;

/**
 * Every firm template (*.json) in `dir`, parsed; a file that is not a valid template is said on
 * stderr (one line) and left out, so one broken file does not stop a review of the others.
 */
export function loadTemplateDir(
  dir: string,
  shownAs: string,
  load: (file: string, shownAs: string) => FirmTemplate,
  stderr: (s: string) => void,
): ShelvedTemplate[] {
  let names: string[];
  try {
    if (!fs.statSync(dir).isDirectory())
      throw new CommandError(
        'usage/bad-template-dir',
        `--template-dir ${clipText(shownAs)} is a file; name the folder that holds the firm's templates`,
      );
    names = fs
      .readdirSync(dir)
      .filter((n) => /\.json$/i.test(n))
      .sort((a, b) => a.localeCompare(b));
  } catch (e) {
    if (e instanceof CommandError) throw e;
    throw new CommandError('usage/bad-template-dir', `--template-dir ${clipText(shownAs)}: no such folder`);
  }
  if (names.length === 0)
    throw new CommandError('usage/bad-template-dir', `--template-dir ${clipText(shownAs)} holds no .json templates`);
  if (names.length > MAX_TEMPLATES)
    throw new CommandError(
      'usage/bad-template-dir',
      `--template-dir ${clipText(shownAs)} holds ${names.length} .json files, more than a firm's templates (at most ${MAX_TEMPLATES}); name the templates' own folder`,
    );
  const out: ShelvedTemplate[] = [];
  for (const n of names) {
    const shown = path.join(shownAs, n);
    try {
      out.push({ template: load(path.join(dir, n), shown), file: shown });
    } catch (e) {
      if (!(e instanceof CommandError)) throw e;
      stderr(`rdtax: ${e.message.split('\n')[0]}; left out of --template-dir\n`);
    }
  }
  return out;
}

/** The template of `id` on the shelf: version `version`, or the newest. */
export function pickTemplate(
  shelf: readonly ShelvedTemplate[],
  id: string,
  version: string | undefined,
  compare: (a: string, b: string) => -1 | 0 | 1 | undefined,
): ShelvedTemplate | undefined {
  const same = shelf.filter((s) => s.template.id.toLowerCase() === id.toLowerCase());
  if (version !== undefined) return same.find((s) => compare(s.template.version, version) === 0);
  let best: ShelvedTemplate | undefined;
  for (const s of same) if (!best || compare(s.template.version, best.template.version) === 1) best = s;
  return best;
}

/** A name for the upgraded copy: `study.xlsx` → `study-v4.xlsx`. */
function upgradedName(study: string, version: string): string {
  const ext = path.extname(study);
  const v = version.replace(/[^A-Za-z0-9._-]+/g, '_');
  return ext ? `${study.slice(0, -ext.length)}-v${v}${ext}` : `${study}-v${v}`;
}

const quoteArg = (s: string) => (/^[A-Za-z0-9._/-]+$/.test(s) ? s : `"${s.replace(/(["\\$`])/g, '\\$1')}"`);

/** How a study (`made`: its About's id and version) stands against `against`. */
export function driftOf(
  study: string,
  made: { readonly id?: string; readonly version?: string },
  against: ShelvedTemplate | undefined,
  compare: (a: string, b: string) => -1 | 0 | 1 | undefined,
  lookedFor?: { readonly dir: string; readonly version?: string },
): Drift {
  const id = made.id ?? null;
  const version = made.version ?? null;
  const made_ = id === null ? 'no template recorded on About' : `template ${id} v${version ?? '?'}`;
  if (id === null)
    return {
      status: 'no-template',
      id,
      version,
      template: against ? { id: against.template.id, version: against.template.version, file: against.file } : null,
      line: `${made_}: not made from a firm template, or its About sheet lost the Template cell`,
    };
  if (!against)
    return {
      status: 'not-found',
      id,
      version,
      template: null,
      line: `${made_} — no template "${id}"${lookedFor?.version !== undefined ? ` version ${lookedFor.version}` : ''} in ${lookedFor?.dir ?? 'the templates given'}`,
    };
  const t = against.template;
  const template = { id: t.id, version: t.version, file: against.file };
  if (id.toLowerCase() !== t.id.toLowerCase())
    return { status: 'other-template', id, version, template, line: `${made_} — not made from ${t.id}` };
  const c = version === null ? -1 : compare(version, t.version);
  if (c === 0) return { status: 'current', id, version, template, line: `${made_} — current` };
  if (c === -1) {
    const upgrade = `rdtax template upgrade --template ${quoteArg(against.file)} ${quoteArg(study)} -o ${quoteArg(upgradedName(study, t.version))}`;
    return {
      status: 'behind',
      id,
      version,
      template,
      upgrade,
      line: `${made_} — behind v${t.version}: run ${upgrade}`,
    };
  }
  if (c === 1)
    return { status: 'ahead', id, version, template, line: `${made_} — newer than v${t.version} (${against.file})` };
  return {
    status: 'different',
    id,
    version,
    template,
    line: `${made_} — not v${t.version} (${against.file}); versions that are not numbers cannot be ordered`,
  };
}

/**
 * What `check` uses per study when a template is given or chosen from a folder: the validator's
 * options (that template's role table and severities) and the drift line.
 */
export type DriftSelector = (file: string, wb: WorkbookGrids) => { options: ValidateOptions; drift: Drift };

export async function driftSelector(
  base: ValidateOptions,
  given: ShelvedTemplate | undefined,
  shelf:
    { readonly templates: readonly ShelvedTemplate[]; readonly dir: string; readonly version?: string } | undefined,
): Promise<DriftSelector> {
  const [{ studyTemplateOf }, { compareTemplateVersions }, { validateOptionsFor }] = await Promise.all([
    import('@core/templates/upgrade'),
    import('@core/templates/versions'),
    import('@core/templates/options'),
  ]);
  return (file, wb) => {
    const made = studyTemplateOf(wb);
    const chosen =
      given ??
      (shelf && made.id ? pickTemplate(shelf.templates, made.id, shelf.version, compareTemplateVersions) : undefined);
    const drift = driftOf(
      file,
      made,
      chosen,
      compareTemplateVersions,
      shelf ? { dir: shelf.dir, ...(shelf.version !== undefined ? { version: shelf.version } : {}) } : undefined,
    );
    return { options: chosen && !given ? { ...validateOptionsFor(chosen.template), ...base } : base, drift };
  };
}
