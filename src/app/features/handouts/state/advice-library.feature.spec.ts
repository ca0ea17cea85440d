import { libraryEntry, shipped } from '../testing/handout-fixtures';
import { AdviceApiActions, AdviceLibraryPageActions, AdviceModulePageActions } from './advice-library.actions';
import { adviceLibraryFeature, initialAdviceLibraryState } from './advice-library.feature';

describe('adviceLibraryFeature', () => {
  const { reducer } = adviceLibraryFeature;
  const stale = { status: 412, code: 'stale', message: 'Someone else saved first.', fields: {} };

  it('loads the library', () => {
    let state = reducer(initialAdviceLibraryState, AdviceLibraryPageActions.opened());
    expect(state.listStatus).toBe('loading');
    state = reducer(state, AdviceApiActions.libraryLoaded({ entries: [libraryEntry(shipped('salt'))] }));
    expect(state.listStatus).toBe('loaded');
    expect(state.entries.length).toBe(1);
  });

  it('takes a saved version into the list and the open module, and counts the save', () => {
    const first = libraryEntry(shipped('salt'));
    let state = reducer(initialAdviceLibraryState, AdviceApiActions.libraryLoaded({ entries: [first] }));
    state = reducer(state, AdviceApiActions.moduleLoaded({ detail: { current: first, versions: [] } }));
    state = reducer(state, AdviceModulePageActions.saveSubmitted({ module: first.module, active: true, version: 1 }));
    expect(state.saving).toBeTrue();
    const saved = { ...first, versionNo: 2, version: 2 };
    state = reducer(state, AdviceApiActions.moduleSaved({ entry: saved }));
    expect(state.saving).toBeFalse();
    expect(state.savedCount).toBe(1);
    expect(state.entries[0]?.versionNo).toBe(2);
    expect(state.detail?.current.version).toBe(2);
  });

  it('keeps a 412 until the manager fetches the newer version', () => {
    let state = reducer(initialAdviceLibraryState, AdviceApiActions.saveFailed({ error: stale }));
    expect(adviceLibraryFeature.selectStale.projector(state.saveError)).toBeTrue();
    state = reducer(state, AdviceModulePageActions.reloadLatestClicked({ key: 'salt' }));
    expect(state.saveError).toBeNull();
  });

  it('groups modules by category in the library\'s order, with reading-age warnings', () => {
    const hard = libraryEntry(shipped('salt'), { readingAge: 12.5, active: false });
    const groups = adviceLibraryFeature.selectCategories.projector([libraryEntry(shipped('when-to-get-help')), hard, libraryEntry(shipped('calf-stretch-wall'))]);
    expect(groups.map((g) => g.label)).toEqual(['Stretching', 'Food', 'When to get help']);
    const salt = groups[1]!.rows[0]!;
    expect(salt.readingAgeHigh).toBeTrue();
    expect(salt.active).toBeFalse();
    expect(groups[0]!.rows[0]!.readingAgeHigh).toBeFalse();
  });
});
