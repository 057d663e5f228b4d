/**
 * Role ranges: look a role up in a profile or a firm's own table and say whether an
 * allocation falls inside the typical range. Shared by RD_ROLE_RANGE/RD_ROLE_CHECK and the
 * validator's `wages/role-range` rule.
 */
import { ROLE_PROFILES, type ProfileId } from '../law/roles';
import { rate, type Rate } from '../money';

export interface RoleEntry {
  readonly role: string;
  readonly low: Rate;
  readonly high: Rate;
}
export interface RoleTable {
  /** Where the ranges come from ("software profile", "firm table"). */
  readonly source: string;
  readonly entries: ReadonlyMap<string, RoleEntry>;
}

export type RoleCheck = 'OK' | 'ABOVE RANGE' | 'BELOW RANGE' | 'UNKNOWN ROLE';

/** Roles match case- and space-insensitively ("software  developer" = "Software Developer"). */
export function roleKey(role: string): string {
  return role.trim().toLowerCase().replace(/\s+/g, ' ');
}

export function roleTable(source: string, entries: readonly RoleEntry[]): RoleTable {
  const m = new Map<string, RoleEntry>();
  for (const e of entries) m.set(roleKey(e.role), e);
  return { source, entries: m };
}

const profileCache = new Map<ProfileId, RoleTable>();
/** The built-in profile as a table (built on first use: hosts re-run top-level code per call). */
export function profileRoleTable(id: ProfileId): RoleTable {
  let t = profileCache.get(id);
  if (!t) {
    t = roleTable(
      `${id} profile`,
      ROLE_PROFILES[id].roles.map((r) => ({ role: r.role, low: rate(r.low), high: rate(r.high) })),
    );
    profileCache.set(id, t);
  }
  return t;
}

export function lookupRole(table: RoleTable, role: string): RoleEntry | undefined {
  return table.entries.get(roleKey(role));
}

/** Inside [low, high] inclusive is OK. */
export function checkRole(table: RoleTable, role: string, rdPct: Rate): RoleCheck {
  const e = lookupRole(table, role);
  if (!e) return 'UNKNOWN ROLE';
  if (rdPct.lt(e.low)) return 'BELOW RANGE';
  if (rdPct.gt(e.high)) return 'ABOVE RANGE';
  return 'OK';
}
