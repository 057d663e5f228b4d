/**
 * Loads ./names-part.ts (the short names and the #NAME? re-entry, with the catalogue they need)
 * when the Excel host first needs it. Only `import type` of names-part, short-names or reenter may
 * appear in the pane's other modules: a static import would put the catalogue back in taskpane.js.
 */
export type NamesPart = typeof import('./names-part');

let pending: Promise<NamesPart> | undefined;

/** The part, loaded once; a failed load becomes a sentence and is tried again next time. */
export function loadNamesPart(): Promise<NamesPart> {
  pending ??= import(/* webpackChunkName: "names" */ './names-part').catch((e: unknown) => {
    pending = undefined;
    const why = e instanceof Error ? e.message : String(e);
    throw new Error(`The task pane could not load its list of functions (${why}); close and reopen the pane.`);
  });
  return pending;
}
