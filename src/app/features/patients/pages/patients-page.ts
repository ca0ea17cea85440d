import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormField, MatHint, MatLabel, MatPrefix } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatPaginator, type PageEvent } from '@angular/material/paginator';
import { MatProgressBar } from '@angular/material/progress-bar';
import {
  MatCell, MatCellDef, MatColumnDef, MatHeaderCell, MatHeaderCellDef, MatHeaderRow, MatHeaderRowDef, MatNoDataRow, MatRow, MatRowDef, MatTable,
} from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { debounceTime, distinctUntilChanged, map } from 'rxjs';
import type { Patient } from '../../../../shared/api/diary';
import { formatNhsNumber } from '../../../../shared/exam/nhs-number';
import { authFeature } from '../../../core/auth/auth.feature';
import { PatientFormDialog, type PatientFormDialogData } from '../patient-form/patient-form-dialog';
import { PatientsPageActions } from '../state/patients.actions';
import { patientsFeature } from '../state/patients.feature';
import { formatDateOfBirth } from '../patient-format';

@Component({
  selector: 'cd-patients-page',
  imports: [
    ReactiveFormsModule, RouterLink, MatButton, MatFormField, MatLabel, MatHint, MatPrefix, MatInput, MatPaginator, MatProgressBar,
    MatTable, MatColumnDef, MatHeaderCell, MatHeaderCellDef, MatCell, MatCellDef, MatHeaderRow, MatHeaderRowDef, MatRow, MatRowDef, MatNoDataRow,
  ],
  templateUrl: './patients-page.html',
  styleUrl: './patients-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PatientsPage {
  private readonly store = inject(Store);
  private readonly dialog = inject(MatDialog);

  protected readonly rows = this.store.selectSignal(patientsFeature.selectPatientRows);
  protected readonly total = this.store.selectSignal(patientsFeature.selectTotal);
  protected readonly pageIndex = this.store.selectSignal(patientsFeature.selectPageIndex);
  protected readonly pageSize = this.store.selectSignal(patientsFeature.selectPageSize);
  protected readonly status = this.store.selectSignal(patientsFeature.selectListStatus);
  protected readonly error = this.store.selectSignal(patientsFeature.selectListError);
  private readonly q = this.store.selectSignal(patientsFeature.selectQ);
  private readonly user = this.store.selectSignal(authFeature.selectUser);
  private readonly centreNames = computed(() => new Map((this.user()?.centres ?? []).map((c) => [c.id, c.name])));
  protected readonly showCentre = computed(() => (this.user()?.centres.length ?? 0) > 1);
  protected readonly columns = computed(() =>
    this.showCentre() ? ['name', 'dateOfBirth', 'phone', 'nhsNumber', 'centre'] : ['name', 'dateOfBirth', 'phone', 'nhsNumber']);

  protected readonly search = new FormControl(this.q(), { nonNullable: true });
  protected readonly formatDateOfBirth = formatDateOfBirth;

  constructor() {
    this.store.dispatch(PatientsPageActions.opened());
    this.search.valueChanges
      .pipe(map((q) => q.trim()), debounceTime(300), distinctUntilChanged(), takeUntilDestroyed(inject(DestroyRef)))
      .subscribe((q) => this.store.dispatch(PatientsPageActions.searchChanged({ q })));
  }

  protected centreName(id: string): string {
    return this.centreNames().get(id) ?? '';
  }

  protected nhs(value: string | null): string {
    return value ? (formatNhsNumber(value) ?? value) : '';
  }

  protected page(event: PageEvent): void {
    this.store.dispatch(PatientsPageActions.pageChanged({ pageIndex: event.pageIndex, pageSize: event.pageSize }));
  }

  protected retry(): void {
    this.store.dispatch(PatientsPageActions.retryClicked());
  }

  protected newPatient(): void {
    // What was typed in the search box is most likely the new person's name.
    const typed = this.search.value.trim();
    const looksLikeName = typed && !/\d/.test(typed);
    const [givenName, ...rest] = looksLikeName ? typed.split(/\s+/) : [];
    const data: PatientFormDialogData = looksLikeName ? { givenName, familyName: rest.join(' ') } : {};
    this.dialog
      .open<PatientFormDialog, PatientFormDialogData, Patient>(PatientFormDialog, { data, width: '760px', maxWidth: '95vw', autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((patient) => {
        if (patient) this.store.dispatch(PatientsPageActions.patientCreated({ patient }));
      });
  }
}
