import { READING_AGE_TARGET } from '../../../../shared/advice';
import { bundleFixture, libraryEntry, shipped } from '../testing/handout-fixtures';
import { SheetEditorApiActions, SheetEditorPageActions } from './sheet-editor.actions';
import { ADDED_REASON, initialSheetEditorState, REMOVED_REASON, sheetEditorFeature, type SheetEditorState } from './sheet-editor.feature';

describe('sheetEditorFeature', () => {
  const { reducer } = sheetEditorFeature;
  const loaded = (): SheetEditorState =>
    reducer(reducer(initialSheetEditorState, SheetEditorPageActions.opened({ visitId: 'v1' })), SheetEditorApiActions.draftLoaded({ bundle: bundleFixture() }));
  const keys = (state: SheetEditorState) => state.items.map((i) => i.moduleKey);

  it('takes the draft, its reasons, the notes and the patient\'s large-print need', () => {
    const state = reducer(loaded(), SheetEditorApiActions.draftLoaded({ bundle: bundleFixture({ largePrint: true }) }));
    expect(state.status).toBe('loaded');
    expect(keys(state)).toEqual(['calf-stretch-wall', 'before-bed', 'fluids-doctor-advice', 'when-to-get-help']);
    expect(state.leftOut[0]?.reason).toContain('limited fluids');
    expect(state.notes.length).toBe(1);
    expect(state.largePrint).toBeTrue();
  });

  it('adds a module just above "when to get help" and takes it off the left-out list', () => {
    const state = reducer(loaded(), SheetEditorPageActions.moduleAdded({ moduleKey: 'fluids' }));
    expect(keys(state)).toEqual(['calf-stretch-wall', 'before-bed', 'fluids-doctor-advice', 'fluids', 'when-to-get-help']);
    expect(state.items[3]?.reason).toBe(ADDED_REASON);
    expect(state.leftOut.map((i) => i.moduleKey)).not.toContain('fluids');
  });

  it('never adds the same module twice', () => {
    const state = reducer(loaded(), SheetEditorPageActions.moduleAdded({ moduleKey: 'before-bed' }));
    expect(keys(state).filter((k) => k === 'before-bed').length).toBe(1);
  });

  it('removes a proposed module into the left-out list with its personal details dropped', () => {
    const state = reducer(loaded(), SheetEditorPageActions.moduleRemoved({ moduleKey: 'calf-stretch-wall' }));
    expect(keys(state)).not.toContain('calf-stretch-wall');
    expect(state.leftOut).toContain({ moduleKey: 'calf-stretch-wall', reason: REMOVED_REASON });
    expect(state.personal['calf-stretch-wall']).toBeUndefined();
  });

  it('moves a module up and down the list', () => {
    let state = reducer(loaded(), SheetEditorPageActions.moduleMoved({ from: 1, to: 0 }));
    expect(keys(state).slice(0, 2)).toEqual(['before-bed', 'calf-stretch-wall']);
    state = reducer(state, SheetEditorPageActions.moduleMoved({ from: 0, to: 2 }));
    expect(keys(state).slice(0, 3)).toEqual(['calf-stretch-wall', 'fluids-doctor-advice', 'before-bed']);
  });

  it('keeps only real personal details, and forgets a module with none left', () => {
    let state = reducer(loaded(), SheetEditorPageActions.personalDetailsChanged({ moduleKey: 'calf-stretch-wall', personal: { side: 'right', holdSeconds: 40, note: '  ' } }));
    expect(state.personal['calf-stretch-wall']).toEqual({ side: 'right', holdSeconds: 40 });
    state = reducer(state, SheetEditorPageActions.personalDetailsChanged({ moduleKey: 'calf-stretch-wall', personal: {} }));
    expect(Object.hasOwn(state.personal, 'calf-stretch-wall')).toBeFalse();
  });

  it('reports issuing and its failure', () => {
    let state = reducer(loaded(), SheetEditorPageActions.issueClicked());
    expect(state.issuing).toBeTrue();
    state = reducer(state, SheetEditorApiActions.issueFailed({ error: { status: 400, code: 'invalid', message: 'Fix it', fields: {} } }));
    expect(state.issuing).toBeFalse();
    expect(state.issueError?.message).toBe('Fix it');
  });

  describe('selectors', () => {
    const library = [libraryEntry(shipped('calf-stretch-wall')), libraryEntry(shipped('salt')), libraryEntry(shipped('fluids'), { active: false })];
    const modules = new Map(library.map((e) => [e.key, e.module]));

    it('joins each item to its module with personal details and their problems', () => {
      const rows = sheetEditorFeature.selectRows.projector(
        [{ moduleKey: 'calf-stretch-wall', reason: 'why' }, { moduleKey: 'gone', reason: 'x' }],
        modules,
        { 'calf-stretch-wall': { repetitions: 0 } },
      );
      expect(rows.length).toBe(1);
      expect(rows[0]?.hasDose).toBeTrue();
      expect(rows[0]?.issues).toEqual(['Repetitions must be 1 to 100.']);
    });

    it('offers only active modules not already on the sheet, by category', () => {
      const groups = sheetEditorFeature.selectAddable.projector(library, [{ moduleKey: 'calf-stretch-wall', reason: '' }]);
      expect(groups).toEqual([{ label: 'Food', entries: [library[1]!] }]);
    });

    it('scores the whole sheet and warns above the target', () => {
      const rows = sheetEditorFeature.selectRows.projector([{ moduleKey: 'calf-stretch-wall', reason: '' }], modules, {});
      const age = sheetEditorFeature.selectReadingAge.projector(rows, {});
      expect(age).toBeGreaterThan(0);
      expect(age).toBeLessThanOrEqual(READING_AGE_TARGET);
      expect(sheetEditorFeature.selectReadingAgeHigh.projector(READING_AGE_TARGET + 0.1)).toBeTrue();
      expect(sheetEditorFeature.selectReadingAge.projector([], {})).toBe(0);
    });

    it('names modules left out, and whether they can come back', () => {
      const rows = sheetEditorFeature.selectLeftOutRows.projector([{ moduleKey: 'calf-stretch-wall', reason: 'r' }, { moduleKey: 'old', reason: 'r' }], modules);
      expect(rows.map((r) => [r.title, r.canAdd])).toEqual([['Calf stretch at a wall', true], ['old', false]]);
    });
  });
});
