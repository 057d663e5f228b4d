/** Computing a study: Form 6765 Section F, the credits, §174/§174A and the payroll election. */
export * from './study';
