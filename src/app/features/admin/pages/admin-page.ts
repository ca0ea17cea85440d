import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';

/** The Admin area's frame: one heading and a tab bar whose tabs are the child routes. */
@Component({
  selector: 'cd-admin-page',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatTabsModule],
  templateUrl: './admin-page.html',
  styleUrl: './admin-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminPage {
  protected readonly sections = [
    { path: 'staff', label: 'Staff', icon: 'group' },
    { path: 'centres', label: 'Centres', icon: 'storefront' },
    { path: 'security', label: 'Security', icon: 'shield_lock' },
    { path: 'audit', label: 'Audit log', icon: 'receipt_long' },
    // The library lives in the handouts feature (chiropractors read it too); managers reach it from here.
    { path: '/advice-library', label: 'Advice library', icon: 'menu_book' },
  ];
}
