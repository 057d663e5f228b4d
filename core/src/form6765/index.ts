export * from './form';
export * from './result';
