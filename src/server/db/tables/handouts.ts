import type { Flag } from '../database';

/** The advice library: one row per module, its versions kept for ever. */
export interface AdviceModulesTable {
  key: string;
  current_version_no: number;
  active: Flag;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface AdviceModuleVersionsTable {
  id: string;
  module_key: string;
  version_no: number;
  /** JSON AdviceModule */
  content: string;
  reading_age: number;
  created_by: string | null;
  created_at: string;
}

/** An issued sheet. Written once, never updated: the snapshot is what the patient was given. */
export interface HandoutsTable {
  id: string;
  patient_id: string;
  visit_id: string | null;
  centre_id: string;
  clinician_id: string;
  issued_at: string;
  large_print: Flag;
  /** JSON { header, items: [{moduleKey, versionNo, reason, module, personal}], leftOut } */
  snapshot: string;
  rendered_text: string;
  content_hash: string;
  reading_age: number;
  created_at: string;
}

/** One row per issued module, so analytics can count sheets by module in SQL. */
export interface HandoutModulesTable {
  handout_id: string;
  module_key: string;
  centre_id: string;
  issued_at: string;
}

export interface HandoutPrintsTable {
  id: string;
  handout_id: string;
  staff_id: string;
  kind: 'print' | 'pdf';
  at: string;
}
