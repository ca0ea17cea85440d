import { TestBed } from '@angular/core/testing';
import { emptyExam } from '../../../../shared/exam';
import { MemoryStorage } from '../testing/exam-fixtures';
import { DRAFT_STORAGE, LocalDrafts } from './local-drafts';

describe('LocalDrafts', () => {
  let drafts: LocalDrafts;
  let storage: MemoryStorage;

  beforeEach(() => {
    storage = new MemoryStorage();
    TestBed.configureTestingModule({ providers: [{ provide: DRAFT_STORAGE, useValue: storage }] });
    drafts = TestBed.inject(LocalDrafts);
  });

  function content(subjective: string) {
    const c = emptyExam();
    c.soap.subjective = subjective;
    return c;
  }

  it('keeps every change under the visit id, on top of the version it was made on', () => {
    const first = drafts.write('v1', content('a'), 3);
    const second = drafts.write('v1', content('ab'), 4);
    expect(second.rev).toBeGreaterThan(first.rev);
    // The edits were made on version 3; a later write must not hide that.
    expect(drafts.read('v1')).toEqual(jasmine.objectContaining({ baseVersion: 3, content: content('ab') }));
    expect(storage.getItem(drafts.key('v1'))).toContain('"ab"');
    expect(drafts.read('v2')).toBeNull();
  });

  it('is cleared only when the server confirms the revision it holds', () => {
    const sent = drafts.write('v1', content('a'), 3);
    drafts.confirm('v1', sent.rev, 4);
    expect(drafts.read('v1')).toBeNull();
  });

  it('keeps newer typing after a confirm, now based on the saved version', () => {
    const sent = drafts.write('v1', content('a'), 3);
    drafts.write('v1', content('ab'), 3);
    drafts.confirm('v1', sent.rev, 4);
    expect(drafts.read('v1')).toEqual(jasmine.objectContaining({ baseVersion: 4, content: content('ab') }));
  });

  it('moves the base version on "keep mine", and forgets a broken entry', () => {
    drafts.write('v1', content('a'), 3);
    drafts.rebase('v1', 7);
    expect(drafts.read('v1')?.baseVersion).toBe(7);
    storage.setItem(drafts.key('v9'), '{not json');
    expect(drafts.read('v9')).toBeNull();
  });
});
