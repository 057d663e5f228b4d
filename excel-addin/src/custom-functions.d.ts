/**
 * The part of Excel's custom-functions runtime this add-in uses (the `CustomFunctions` global
 * that Office.js provides in the shared runtime). Declared here because the typings package
 * for it is not a dependency; names and values as in Microsoft's CustomFunctionsRuntime 1.2.
 */
declare namespace CustomFunctions {
  const ErrorCode: {
    readonly invalidValue: '#VALUE!';
    readonly notAvailable: '#N/A';
    readonly divisionByZero: '#DIV/0!';
    readonly invalidNumber: '#NUM!';
    readonly nullReference: '#NULL!';
  };
  type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];
  class Error {
    constructor(code: ErrorCodeValue, message?: string);
    readonly code: ErrorCodeValue;
    readonly message?: string;
  }
  function associate(id: string, fn: (...args: never[]) => unknown): void;
}
