/** Visits and their exam. The exam is stored whole as JSON; findings and outcome scores are
 * also written as rows so analytics can aggregate them in SQL. */
export interface VisitsTable {
  id: string;
  patient_id: string;
  centre_id: string;
  clinician_id: string;
  appointment_id: string | null;
  visit_date: string;
  status: 'draft' | 'signed';
  content: string;
  signed_at: string | null;
  signed_by: string | null;
  updated_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface FindingsTable {
  id: string;
  visit_id: string;
  patient_id: string;
  centre_id: string;
  visit_date: string;
  type: string;
  region: string | null;
  segment: string | null;
  nerve_root: string | null;
  side: string | null;
}

export interface OutcomeScoresTable {
  visit_id: string;
  patient_id: string;
  centre_id: string;
  visit_date: string;
  measure: string;
  score: number;
}

export interface VisitAddendaTable {
  id: string;
  visit_id: string;
  author_id: string;
  text: string;
  created_at: string;
}
