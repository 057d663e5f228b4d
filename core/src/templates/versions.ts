/**
 * Template versions compared: whole numbers as numbers (3 < 10), dotted numbers part by part
 * ("2025.1" < "2025.10"), anything else only for equality (study/schema.ts sameTemplateVersion).
 * Used by the template parser (a rename's `since`, a changelog entry), the upgrade plan and the
 * drift report ("v3 — behind v4").
 */
import { sameTemplateVersion } from '../study/schema';

const DOTTED = /^\d+(?:\.\d+)*$/;

/** −1, 0 or 1 as `a` is older than, the same as or newer than `b`; undefined when they cannot be ordered. */
export function compareTemplateVersions(a: string, b: string): -1 | 0 | 1 | undefined {
  if (sameTemplateVersion(a, b)) return 0;
  const x = a.trim();
  const y = b.trim();
  if (!DOTTED.test(x) || !DOTTED.test(y)) return undefined;
  const xs = x.split('.').map(Number);
  const ys = y.split('.').map(Number);
  for (let i = 0; i < Math.max(xs.length, ys.length); i++) {
    const d = (xs[i] ?? 0) - (ys[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}
