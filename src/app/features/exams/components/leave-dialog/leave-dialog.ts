import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialogActions, MatDialogClose, MatDialogContent, MatDialogTitle } from '@angular/material/dialog';

/** Asked when leaving a visit whose latest changes have not reached the server yet. */
@Component({
  selector: 'cd-leave-dialog',
  imports: [MatDialogTitle, MatDialogContent, MatDialogActions, MatDialogClose, MatButton],
  templateUrl: './leave-dialog.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LeaveDialog {}
