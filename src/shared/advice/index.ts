/**
 * Home-advice library: model, shipped content, drawings, reading age and drafting rules, safe
 * for the browser bundle. The TypeBox schemas are deliberately not re-exported: import them
 * from './advice.schema' (server and specs) so UI code never pulls the validator in by accident.
 */
export * from './advice-model';
export * from './default-modules';
export * from './drawings';
export * from './reading-age';
export * from './drafting';
