import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'cd-not-allowed-page',
  imports: [MatButtonModule, RouterLink],
  template: `
    <section class="page message">
      <span class="material-symbols-outlined" aria-hidden="true">lock</span>
      <h1>This page is not part of your role</h1>
      <p class="muted">Ask a manager if you need access to it.</p>
      <a mat-flat-button routerLink="/">Go to my home page</a>
    </section>
  `,
  styleUrl: './message-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotAllowedPage {}
