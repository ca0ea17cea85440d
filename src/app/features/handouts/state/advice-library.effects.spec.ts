import { HttpErrorResponse } from '@angular/common/http';
import type { Action } from '@ngrx/store';
import { firstValueFrom, of, throwError } from 'rxjs';
import type { AdviceApi } from '../data/advice-api';
import { libraryEntry, shipped } from '../testing/handout-fixtures';
import { AdviceApiActions, AdviceLibraryPageActions, AdviceModulePageActions } from './advice-library.actions';
import { loadLibrary, loadModule, reloadAfterSave, saveModule } from './advice-library.effects';

describe('advice library effects', () => {
  let api: jasmine.SpyObj<AdviceApi>;
  const salt = libraryEntry(shipped('salt'), { version: 3 });

  beforeEach(() => {
    api = jasmine.createSpyObj<AdviceApi>('AdviceApi', ['list', 'get', 'create', 'update']);
  });

  it('loads the library', async () => {
    api.list.and.returnValue(of([salt]));
    expect(await firstValueFrom(loadLibrary(of<Action>(AdviceLibraryPageActions.opened()), api))).toEqual(AdviceApiActions.libraryLoaded({ entries: [salt] }));
  });

  it('loads a module with its versions, and after a 412 fetches the newer one', async () => {
    const detail = { current: salt, versions: [] };
    api.get.and.returnValue(of(detail));
    expect(await firstValueFrom(loadModule(of<Action>(AdviceModulePageActions.reloadLatestClicked({ key: 'salt' })), api))).toEqual(AdviceApiActions.moduleLoaded({ detail }));
    expect(api.get).toHaveBeenCalledWith('salt');
  });

  it('saves a new version with the version the manager started from', async () => {
    api.update.and.returnValue(of({ ...salt, version: 4 }));
    const action = await firstValueFrom(saveModule(of<Action>(AdviceModulePageActions.saveSubmitted({ module: salt.module, active: true, version: 3 })), api));
    expect(api.update).toHaveBeenCalledWith(salt.module, true, 3);
    expect(action).toEqual(AdviceApiActions.moduleSaved({ entry: { ...salt, version: 4 } }));
  });

  it('adds a new module with POST', async () => {
    api.create.and.returnValue(of(salt));
    await firstValueFrom(saveModule(of<Action>(AdviceModulePageActions.saveSubmitted({ module: salt.module, active: false, version: null })), api));
    expect(api.create).toHaveBeenCalledWith(salt.module, false);
  });

  it('reports a stale save as a 412 failure', async () => {
    api.update.and.returnValue(throwError(() => new HttpErrorResponse({ status: 412, error: { error: { code: 'stale', message: 'Someone else saved first.' } } })));
    const action = await firstValueFrom(saveModule(of<Action>(AdviceModulePageActions.saveSubmitted({ module: salt.module, active: true, version: 3 })), api));
    expect(action).toEqual(AdviceApiActions.saveFailed({ error: { status: 412, code: 'stale', message: 'Someone else saved first.', fields: {} } }));
  });

  it('fetches the history again after a save', async () => {
    const detail = { current: salt, versions: [] };
    api.get.and.returnValue(of(detail));
    expect(await firstValueFrom(reloadAfterSave(of<Action>(AdviceApiActions.moduleSaved({ entry: salt })), api))).toEqual(AdviceApiActions.moduleLoaded({ detail }));
  });
});
