import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'cd-not-found-page',
  imports: [MatButtonModule, RouterLink],
  template: `
    <section class="page message">
      <span class="material-symbols-outlined" aria-hidden="true">travel_explore</span>
      <h1>There is no page at this address</h1>
      <p class="muted">The link may be old, or the address mistyped.</p>
      <a mat-flat-button routerLink="/">Go to my home page</a>
    </section>
  `,
  styleUrl: './message-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotFoundPage {}
