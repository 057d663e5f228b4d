/**
 * The parts of the engine the panel loads only when they are first needed (issue 13 §1: the
 * task pane and the sidebar load within 300 KB): the template code (render, parse — the Template
 * tab's Insert and Load firm template) and the Form 6765 computation (the Form 6765 tab). The
 * first load carries the validator and the views; each part below is a separate chunk that
 * webpack fetches on first use (Excel: a file next to taskpane.js; Sheets: an Apps Script HTML
 * file the sidebar asks the server for, see gsheets/src/sidebar/main.ts).
 *
 * Each loader is memoised; a failed load is forgotten so the next press tries again. A failure
 * reaches the user as a sentence through `lazyFailure`.
 *
 * Only `import type` of '@core/compute' and the template modules may appear elsewhere in
 * panel/src: a single static import pulls the module back into the first load
 * (test/build/lazy-chunks.test.ts checks the bundles).
 */
export type TemplatesPart = typeof import('./lazy/templates');
export type ComputePart = typeof import('./lazy/compute');

function memo<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= load().catch((e: unknown) => {
      pending = undefined;
      throw e;
    });
    return pending;
  };
}

/** Template render and parse. */
export const loadTemplates = memo<TemplatesPart>(() => import(/* webpackChunkName: "templates" */ './lazy/templates'));

/** core's computeStudy (Form 6765, the credits, the states). */
export const loadCompute = memo<ComputePart>(() => import(/* webpackChunkName: "compute" */ './lazy/compute'));

/** The sentence when a part of the panel could not be loaded. */
export function lazyFailure(what: string, e: unknown): string {
  const why = e instanceof Error ? e.message : String(e);
  return `The panel could not load ${what} (${why || 'no reason given'}); try again, or close and reopen the panel.`;
}
