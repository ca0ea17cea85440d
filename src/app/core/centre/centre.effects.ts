import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { tap } from 'rxjs';
import { CentrePickerActions, rememberCentre } from './centre.feature';

export const rememberChoice = createEffect(
  (actions$ = inject(Actions)) => actions$.pipe(ofType(CentrePickerActions.centreChosen), tap(({ centreId }) => rememberCentre(centreId))),
  { functional: true, dispatch: false },
);
