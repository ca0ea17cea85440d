/**
 * Exam domain: codes, labels, types and pure rules, safe for the browser bundle.
 * The TypeBox schemas are deliberately not re-exported: import them from './exam.schema'
 * (server and specs) so UI code never pulls the validator in by accident.
 */
export * from './exam-model';
export * from './exam-checks';
export * from './screen-alerts';
export * from './outcomes';
export * from './nhs-number';
export * from './findings-progress';
