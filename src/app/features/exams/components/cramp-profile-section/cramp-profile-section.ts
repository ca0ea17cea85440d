import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, type OnInit, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatChipListbox, MatChipOption } from '@angular/material/chips';
import { MatError, MatFormField, MatHint, MatLabel, MatSuffix } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { BODY_REGIONS, CRAMP_SITE_BODY_REGION, LONG_CRAMP_MINUTES, type CrampSite, type CrampSiteEntry } from '../../../../../shared/exam';
import { buildCrampSiteForm, fieldElementId, type CrampProfileForm } from '../../form/exam-form';
import { OPTIONS } from '../../form/options';

const MIDLINE = new Set(BODY_REGIONS.filter((r) => r.midline).map((r) => r.id));

/** Sites with side, timing, how often, triggers. The body chart follows the sites (the page keeps them in step). */
@Component({
  selector: 'cd-cramp-profile-section',
  imports: [
    ReactiveFormsModule, MatCheckbox, MatChipListbox, MatChipOption, MatFormField, MatLabel, MatHint, MatError, MatSuffix, MatInput,
    MatSelect, MatOption,
  ],
  templateUrl: './cramp-profile-section.html',
  styleUrl: './cramp-profile-section.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CrampProfileSection implements OnInit {
  private readonly destroyRef = inject(DestroyRef);
  readonly group = input.required<CrampProfileForm>();
  readonly readonly = input(false);
  /** Parts drawn (the exam page draws a long exam a part per task): 1 the sites, 2 timing and triggers, 3 the numbers and note. Every part by default. */
  readonly parts = input(Infinity);

  protected readonly options = OPTIONS;
  protected readonly longCramp = LONG_CRAMP_MINUTES;
  /** Mirrors the sites array: the body chart can change it from outside this component. */
  protected readonly sites = signal<CrampSiteEntry[]>([]);

  ngOnInit(): void {
    const sites = this.group().controls.sites;
    this.sites.set(sites.getRawValue());
    sites.valueChanges.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(() => this.sites.set(sites.getRawValue()));
  }

  protected indexOf(site: CrampSite): number {
    return this.sites().findIndex((s) => s.site === site);
  }

  /** Spine sites can be central; limbs and girdles are left, right or both. */
  protected sidesFor(site: CrampSite) {
    return MIDLINE.has(CRAMP_SITE_BODY_REGION[site].regionId) ? OPTIONS.side : OPTIONS.pairedSide;
  }

  protected toggle(site: CrampSite, checked: boolean): void {
    const array = this.group().controls.sites;
    const i = array.getRawValue().findIndex((s) => s.site === site);
    if (checked && i < 0) array.push(buildCrampSiteForm({ site, side: null }));
    if (!checked && i >= 0) array.removeAt(i);
  }

  protected fid(path: string): string {
    return fieldElementId(`/crampProfile/${path}`);
  }
}
