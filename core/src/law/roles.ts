/**
 * Role profiles: the typical qualifying share of time by role, used only to flag outliers
 * that need a documented reason — never to fill in allocations. The IRS default is the
 * actual time spent on qualified services (Treas. Reg. §1.41-2(d)(1)).
 */
import type { Citations, Status } from './types';

export type ProfileId = 'software' | 'ai-ml';
export const PROFILE_IDS: readonly ProfileId[] = ['software', 'ai-ml'];

export interface RoleRange {
  readonly role: string;
  /** Fractions 0–1 as exact decimal strings. */
  readonly low: string;
  readonly high: string;
}

export interface RoleProfile {
  readonly id: ProfileId;
  readonly title: string;
  readonly status: Status;
  readonly citations: Citations;
  readonly roles: readonly RoleRange[];
}

const BENCHMARK_NOTE = 'Treas. Reg. §1.41-2(d)(1) (actual time spent is the measure; ranges are review prompts)';

export const ROLE_PROFILES: Readonly<Record<ProfileId, RoleProfile>> = {
  software: {
    id: 'software',
    title: 'Software company',
    status: 'interpretation',
    citations: ['Practitioner benchmark: QRE breakdown guide (shared/seeds), role allocation table', BENCHMARK_NOTE],
    roles: [
      { role: 'Software Developer', low: '0.8', high: '1' },
      { role: 'QA Engineer', low: '0.6', high: '0.8' },
      { role: 'DevOps Engineer', low: '0.4', high: '0.6' },
      { role: 'Product Manager', low: '0.2', high: '0.4' },
      { role: 'Data Scientist', low: '0.7', high: '0.9' },
      { role: 'IT Support', low: '0', high: '0.1' },
    ],
  },
  'ai-ml': {
    id: 'ai-ml',
    title: 'AI / machine-learning company',
    status: 'interpretation',
    citations: [
      'Practitioner benchmark: R&D Tax Credit for AI/ML Companies guide (shared/seeds), role table',
      BENCHMARK_NOTE,
    ],
    roles: [
      { role: 'ML Engineer', low: '0.8', high: '1' },
      { role: 'Data Scientist', low: '0.75', high: '0.95' },
      { role: 'Research Scientist', low: '0.9', high: '1' },
      { role: 'ML Infrastructure Engineer', low: '0.6', high: '0.85' },
      { role: 'Data Engineer', low: '0.4', high: '0.7' },
      { role: 'MLOps Engineer', low: '0.3', high: '0.6' },
      { role: 'AI Product Manager', low: '0.1', high: '0.3' },
      { role: 'ML Research Intern', low: '0.7', high: '0.9' },
    ],
  },
};
