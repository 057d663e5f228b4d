/**
 * What a template tells the validator: the same for `rdtax check --template` and the panel, so a
 * study checks the same in the CLI, the task pane and the sidebar.
 */
import { roleTable } from '../calc/roles';
import { rate } from '../money';
import type { ValidateOptions } from '../study/validator';
import type { FirmTemplate } from './types';

/**
 * The validator options a template implies: its profile, its role table (which overrides a
 * Roles sheet and the profile), its rule severities, and its id and version (so a study made
 * from another version gets `template/version-drift`). No template: no options.
 */
export function validateOptionsFor(template: FirmTemplate | undefined): ValidateOptions {
  if (!template) return {};
  return {
    profile: template.profile,
    roleTable: roleTable(
      `firm template ${template.id} v${template.version}`,
      template.roles.map((r) => ({
        role: r.role,
        low: rate(String(r.low)),
        high: rate(String(r.high)),
        ...(r.aliases && r.aliases.length > 0 ? { aliases: r.aliases } : {}),
      })),
    ),
    ...(template.severityOverrides ? { severityOverrides: template.severityOverrides } : {}),
    template: { id: template.id, version: template.version },
  };
}
