import { Injectable, InjectionToken, inject } from '@angular/core';
import type { ExamContent } from '../../../../shared/exam';

/**
 * An exam change that the server has not confirmed yet. Written to localStorage on every
 * change, before anything goes over the network, so a closed tab, a crash or a dropped
 * connection never loses a keystroke. Removed only when the server confirms the save of this
 * very revision.
 */
export interface LocalDraft {
  visitId: string;
  /** The server version these edits were made on top of; sent as If-Match. */
  baseVersion: number;
  /** Bumped on every local change, so a save can tell whether newer typing arrived meanwhile. */
  rev: number;
  changedAt: string;
  content: ExamContent;
}

/** The Storage the drafts live in; tests give their own. */
export const DRAFT_STORAGE = new InjectionToken<Storage>('DRAFT_STORAGE', { factory: () => localStorage });

const PREFIX = 'clinic-desk.exam-draft.';

/** How long an offline or failed save waits before trying again (the `online` event may come sooner). */
export const SAVE_RETRY_MS = 15_000;

@Injectable({ providedIn: 'root' })
export class LocalDrafts {
  private readonly storage = inject(DRAFT_STORAGE);

  key(visitId: string): string {
    return PREFIX + visitId;
  }

  read(visitId: string): LocalDraft | null {
    try {
      const raw = this.storage.getItem(this.key(visitId));
      if (raw === null) return null;
      const draft = JSON.parse(raw) as LocalDraft;
      return draft && draft.visitId === visitId && draft.content ? draft : null;
    } catch {
      return null;
    }
  }

  /**
   * Records the latest content. A draft already waiting keeps its base version: that is what the
   * edits were made on, and moving it forward here would hide someone else's save.
   */
  write(visitId: string, content: ExamContent, currentVersion: number): LocalDraft {
    const existing = this.read(visitId);
    const draft: LocalDraft = {
      visitId,
      baseVersion: existing?.baseVersion ?? currentVersion,
      // Time-based so a revision never repeats after a draft is cleared and typing starts again.
      rev: Math.max((existing?.rev ?? 0) + 1, Date.now()),
      changedAt: new Date().toISOString(),
      content,
    };
    this.put(draft);
    return draft;
  }

  /**
   * The server saved revision `rev` as `version`. If nothing newer was typed meanwhile the draft
   * is done; otherwise the newer edits now sit on top of `version`.
   */
  confirm(visitId: string, rev: number, version: number): void {
    const draft = this.read(visitId);
    if (draft === null) return;
    if (draft.rev <= rev) this.clear(visitId);
    else this.put({ ...draft, baseVersion: version });
  }

  /** "Keep mine" after a conflict: the same edits, now placed on top of their version. */
  rebase(visitId: string, version: number): void {
    const draft = this.read(visitId);
    if (draft !== null) this.put({ ...draft, baseVersion: version });
  }

  clear(visitId: string): void {
    try {
      this.storage.removeItem(this.key(visitId));
    } catch {
      // Storage unavailable: nothing was kept, so there is nothing to remove.
    }
  }

  private put(draft: LocalDraft): void {
    try {
      this.storage.setItem(this.key(draft.visitId), JSON.stringify(draft));
    } catch {
      // Full or blocked storage: the server save still goes ahead; the status shows the risk.
    }
  }
}
