/**
 * `rdtax --help` and `rdtax <command> --help`, rendered from the one description of the commands
 * and options in args.ts, then (for the whole help) the spreadsheet functions as the catalogue
 * describes them.
 */
import { CATALOGUE, type FunctionSpec } from '@core/catalogue';
import { PROFILE_IDS } from '@core/law/roles';
import { COMMAND_SPECS, flagName, OPTIONS, type CommandSpec, type OptionKey, type OptionSpec } from './args';

export function signature(f: FunctionSpec): string {
  const params = f.params.map((p) =>
    p.optional ? `[${p.name}${p.default !== undefined ? `=${p.default}` : ''}]` : p.name,
  );
  return `${f.name}(${params.join(', ')})`;
}

const WIDTH = 96;

/** `text` wrapped at WIDTH columns, every line indented by `indent` (the first line by `first`, if given). */
function wrap(text: string, indent: string, first = indent): string {
  return text
    .split('\n')
    .map((para) => {
      const lines: string[] = [];
      let line = '';
      for (const word of para.split(' ')) {
        const lead = lines.length === 0 ? first : indent;
        if (line !== '' && lead.length + line.length + 1 + word.length > WIDTH) {
          lines.push(lead + line);
          line = word;
        } else line = line === '' ? word : `${line} ${word}`;
      }
      lines.push((lines.length === 0 ? first : indent) + line);
      return lines.join('\n');
    })
    .join('\n');
}

function placeholder(key: OptionKey): string | undefined {
  const spec: OptionSpec = OPTIONS[key];
  return key === 'profile' ? PROFILE_IDS.join('|') : spec.value;
}

/** `--tax-year N`, `-o, --output file`, `-q, --quiet`. */
function optionLabel(key: OptionKey): string {
  const spec: OptionSpec = OPTIONS[key];
  const names = spec.short ? `-${spec.short}, --${spec.long}` : `--${spec.long}`;
  const value = placeholder(key);
  return value === undefined ? names : `${names} ${value}`;
}

function usageLine(cmd: CommandSpec): string {
  const opts = (Object.keys(cmd.options) as OptionKey[]).map((k) => {
    const value = placeholder(k);
    return `[${flagName(k)}${value === undefined ? '' : ` ${value}`}]`;
  });
  return wrap([`rdtax ${cmd.name}`, ...(cmd.args ? [cmd.args] : []), ...opts].join(' '), ' '.repeat(9), '  ');
}

/** One command's section: its usage line, what it does, each option with its default, then its notes. */
export function commandHelp(cmd: CommandSpec): string {
  const keys = Object.keys(cmd.options) as OptionKey[];
  const labels = keys.map(optionLabel);
  const col = Math.min(Math.max(...labels.map((l) => l.length)) + 2, 34);
  const options = keys.map((k, i) => {
    const spec: OptionSpec = OPTIONS[k];
    const own = cmd.options[k];
    const text = `${typeof own === 'string' ? own : spec.help}${spec.default !== undefined ? ` Default: ${spec.default}.` : ''}`;
    const label = `      ${labels[i]}`;
    const indent = ' '.repeat(6 + col);
    return label.length + 1 < indent.length
      ? wrap(text, indent, label.padEnd(indent.length))
      : `${label}\n${wrap(text, indent)}`;
  });
  return [
    usageLine(cmd),
    wrap(cmd.summary, '      '),
    ...options,
    ...(cmd.notes ? [wrap(cmd.notes, '      ')] : []),
  ].join('\n');
}

const JSON_NOTE = `--json prints exactly one JSON document on stdout, whatever happens (a usage error too):
  { schemaVersion, tool: { name, version }, command, exitCode, files: [...], error? }
  Each file is a result or { file, error: { code, message } }; compute's result has form6765:
  { revision, taxYear, itemA, itemB, method, methodReason, lines: { "1": …, "48": … },
  notes, sectionG: { required, reason, components: [{ name, lines: { "49c": …, "56": … } }] } }
  (a line not computed is null and the file's notes say why) and states: { byState, noState,
  credits: [{ state, method, amount, steps, citations, notApplicable?, error?, cell? }] }.
  Codes are stable ids such as usage/unknown-option, template/invalid, file/not-found, file/damaged, table/no-study.
  Progress and problems go to stderr. RDTAX_DEBUG=1 adds the raw detail of a defect to stderr.`;

const HEAD = `Everything runs on this computer: no file or number is sent anywhere.`;

/** `rdtax <command> --help`: that command only. */
export function commandHelpText(version: string, cmd: CommandSpec): string {
  return `rdtax ${version} — ${cmd.name}\n${HEAD}\n\nUsage:\n${commandHelp(cmd)}\n\n${JSON_NOTE}\n`;
}

/** `rdtax --help`: every command, then the spreadsheet functions. */
export function helpText(version: string): string {
  const fns = CATALOGUE.map((f) => `  ${signature(f)}\n      ${f.summary}`).join('\n');
  return `rdtax ${version} — check and compute R&D credit (IRC §41) study workbooks, and write templates.
${HEAD}

Usage:
${COMMAND_SPECS.map(commandHelp).join('\n\n')}

  rdtax --help | <command> --help | --version

${JSON_NOTE}

Spreadsheet functions (Google Sheets: =NAME(...); Excel: =RDTAX.NAME(...)):
${fns}
`;
}
