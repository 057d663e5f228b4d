/**
 * Federal law (jurisdiction `US`): one file per topic. This index is the folder's entry in the
 * registry — a new file is listed in `FEDERAL_LAW` here, and law.test fails until it is.
 */
import { lawFolder } from '../define';
import * as credit from './credit';
import * as form6765 from './form6765';
import * as payroll from './payroll';
import * as qre from './qre';
import * as sec174 from './sec174';
import * as sec280c from './sec280c';

export * from './credit';
export * from './form6765';
export * from './payroll';
export * from './qre';
export * from './sec174';
export * from './sec280c';

export const FEDERAL_LAW = lawFolder('US', 'Federal', [
  ['Qualified research expenses — IRC §41(b)', qre],
  ['Research credit: regular credit, start-up fixed base, ASC — IRC §41(a), (c)', credit],
  ['Reduced credit election — IRC §280C(c)', sec280c],
  ['Payroll tax election — IRC §41(h), §3111(f)', payroll],
  ['Research or experimental expenditures — IRC §174, §174A', sec174],
  ['Form 6765 Section G — business components', form6765],
]);
