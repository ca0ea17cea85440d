import type { Actions } from '@ngrx/effects';
import type { Action } from '@ngrx/store';
import { firstValueFrom, of } from 'rxjs';
import type { AdminApi } from '../data/admin-api';
import { SECURITY } from '../testing/fixtures';
import { SecurityApiActions, SecurityPageActions } from './security.actions';
import { saveSecurity } from './security.effects';

describe('security effects', () => {
  it('saves the ticked roles with the version being edited', async () => {
    const api = jasmine.createSpyObj<AdminApi>('AdminApi', ['updateSecurity']);
    api.updateSecurity.and.returnValue(of({ totpRequiredRoles: ['manager'], version: 6 }));
    const action$ = of(SecurityPageActions.saveSubmitted({ version: SECURITY.version, totpRequiredRoles: ['manager'] }) as Action) as unknown as Actions;
    const result = await firstValueFrom(saveSecurity(action$, api));
    expect(api.updateSecurity).toHaveBeenCalledWith(5, ['manager']);
    expect(result).toEqual(SecurityApiActions.settingsSaved({ settings: { totpRequiredRoles: ['manager'], version: 6 } }));
  });
});
