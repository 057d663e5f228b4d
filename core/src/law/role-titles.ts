/**
 * Job titles as a study's Role column carries them ("Sr. Software Engineer II", "SDET") read as
 * the roles of a profile or a firm's table, so the role range (a review prompt, never an
 * allocation: Treas. Reg. §1.41-2(d)(1)) is compared for real titles too.
 *
 * A title is read in steps (calc/roles.ts): the role's exact name; a firm's alias; the title
 * without case, punctuation, spacing, seniority and level words (phrases in their short form);
 * then the synonyms below. A
 * step that finds two roles is no match. A synonym names the profile role it is read as; it
 * applies to any table holding a role of that name (a firm table too), and a firm's own
 * aliases come first.
 *
 * Sources: the Standard Occupational Classification (SOC 2018, BLS) occupations and the O*NET
 * "sample of reported job titles" and alternate titles for them (U.S. Department of Labor,
 * O*NET OnLine). Where no SOC occupation names the role (DevOps, product or ML roles), the
 * reading is a practitioner's and marked `interpretation`.
 */
import type { Citations, Status } from './types';

/**
 * Words that say how senior a person is, not what the job is: dropped before titles are
 * compared (with Roman numerals I–X and plain numbers, see `isLevelWord`). "Associate" is a
 * grade in "Associate Product Manager"; "Lead" and "Staff" are the individual-contributor
 * ladder's grades.
 */
export const SENIORITY_WORDS: readonly string[] = [
  'senior',
  'junior',
  'staff',
  'principal',
  'lead',
  'associate',
  'entry',
  'level',
];

/** Abbreviations read as the word they stand for before titles are compared. */
export const TITLE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  sr: 'senior',
  snr: 'senior',
  jr: 'junior',
  eng: 'engineer',
  engr: 'engineer',
  mgr: 'manager',
};

const ROMAN_LEVELS = new Set(['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x']);

/** A grade, not a job: a seniority word, a Roman numeral I–X or a plain number ("Engineer 2"). */
export function isLevelWord(word: string): boolean {
  return SENIORITY_WORDS.includes(word) || ROMAN_LEVELS.has(word) || /^\d+$/.test(word);
}

/**
 * Two-word phrases read as their usual short form, so "Machine Learning Engineer" is the "ML
 * Engineer" role and "Quality Assurance Analyst" a "QA Analyst" without a synonym of its own.
 */
export const TITLE_PHRASES: Readonly<Record<string, string>> = {
  'machine learning': 'ml',
  'artificial intelligence': 'ai',
  'information technology': 'it',
  'quality assurance': 'qa',
};

export interface TitleSynonyms {
  /** The profile role these titles are read as (as ROLE_PROFILES names it). */
  readonly role: string;
  readonly titles: readonly string[];
  readonly status: Status;
  readonly citations: Citations;
}

/** An SOC 2018 occupation and its O*NET-SOC titles (sample of reported job titles, alternate titles). */
const soc = (code: string, occupation: string): Citations => [
  `BLS SOC 2018 ${code} ${occupation}`,
  `O*NET-SOC ${code}.00 job titles`,
];
const PRACTICE: Citations = ['Practitioner reading: no SOC 2018 occupation is this role'];

export const ROLE_TITLE_SYNONYMS: readonly TitleSynonyms[] = [
  {
    role: 'Software Developer',
    titles: [
      'Software Engineer',
      'Software Development Engineer',
      'Application Developer',
      'Software Architect',
      'Developer',
    ],
    status: 'enacted',
    citations: soc('15-1252', 'Software Developers'),
  },
  {
    role: 'Software Developer',
    titles: [
      'SDE',
      'SWE',
      'Programmer',
      'Web Developer',
      'Backend Engineer',
      'Backend Developer',
      'Frontend Engineer',
      'Frontend Developer',
      'Full Stack Engineer',
      'Full Stack Developer',
      'Mobile Developer',
      'iOS Developer',
      'Android Developer',
      'Embedded Software Engineer',
      'Firmware Engineer',
    ],
    status: 'interpretation',
    citations: [
      'SOC 2018 15-1251 Computer Programmers, 15-1252 Software Developers, 15-1254 Web Developers read as one role',
    ],
  },
  {
    role: 'QA Engineer',
    titles: [
      'QA Analyst',
      'Quality Engineer',
      'Software QA Engineer',
      'Software QA Analyst',
      'SQA Engineer',
      'SQA Analyst',
      'Software Quality Engineer',
      'Software Test Engineer',
      'Test Engineer',
      'Automation Tester',
    ],
    status: 'enacted',
    citations: soc('15-1253', 'Software Quality Assurance Analysts and Testers'),
  },
  {
    role: 'QA Engineer',
    titles: [
      'SDET',
      'Software Development Engineer in Test',
      'Software Developer in Test',
      'Software Engineer in Test',
      'Test Automation Engineer',
      'QA Automation Engineer',
      'Software Tester',
      'QA Tester',
      'Tester',
    ],
    status: 'interpretation',
    citations: ['SOC 2018 15-1253: testing titles in current use'],
  },
  {
    role: 'DevOps Engineer',
    titles: [
      'DevOps',
      'Site Reliability Engineer',
      'SRE',
      'Platform Engineer',
      'Cloud Engineer',
      'Build Engineer',
      'Release Engineer',
      'DevSecOps Engineer',
    ],
    status: 'interpretation',
    citations: PRACTICE,
  },
  {
    role: 'Product Manager',
    titles: ['Technical Product Manager', 'Product Owner'],
    status: 'interpretation',
    citations: PRACTICE,
  },
  {
    role: 'Data Scientist',
    titles: ['Data Analytics Scientist'],
    status: 'enacted',
    citations: soc('15-2051', 'Data Scientists'),
  },
  {
    role: 'IT Support',
    titles: [
      'IT Support Specialist',
      'IT Specialist',
      'Computer Support Specialist',
      'Technical Support Specialist',
      'Support Specialist',
      'Help Desk Technician',
      'Help Desk Analyst',
      'Desktop Support Technician',
      'Computer Technician',
    ],
    status: 'enacted',
    citations: soc('15-1232', 'Computer User Support Specialists'),
  },
  {
    role: 'ML Engineer',
    titles: ['MLE', 'AI/ML Engineer', 'ML/AI Engineer', 'Deep Learning Engineer', 'Applied ML Engineer'],
    status: 'interpretation',
    citations: PRACTICE,
  },
  {
    role: 'Research Scientist',
    titles: ['Computer Scientist', 'Computational Scientist', 'Computer Vision Scientist'],
    status: 'enacted',
    citations: soc('15-1221', 'Computer and Information Research Scientists'),
  },
  {
    role: 'Research Scientist',
    titles: ['AI Research Scientist', 'ML Research Scientist', 'AI Researcher', 'ML Researcher'],
    status: 'interpretation',
    citations: ['SOC 2018 15-1221: the research titles of AI/ML companies'],
  },
  {
    role: 'ML Infrastructure Engineer',
    titles: ['ML Platform Engineer', 'AI Infrastructure Engineer'],
    status: 'interpretation',
    citations: PRACTICE,
  },
  {
    role: 'Data Engineer',
    titles: ['Big Data Engineer', 'Data Platform Engineer', 'ETL Engineer', 'ETL Developer'],
    status: 'interpretation',
    citations: PRACTICE,
  },
  {
    role: 'MLOps Engineer',
    titles: ['ML Operations Engineer'],
    status: 'interpretation',
    citations: PRACTICE,
  },
  {
    role: 'AI Product Manager',
    titles: ['ML Product Manager', 'AI/ML Product Manager', 'Product Manager'],
    status: 'interpretation',
    // A table without a plain Product Manager role: its product managers are AI product managers.
    citations: PRACTICE,
  },
  {
    role: 'ML Research Intern',
    titles: ['AI Research Intern', 'Research Intern'],
    status: 'interpretation',
    citations: PRACTICE,
  },
];
