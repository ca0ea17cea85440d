import type { AbstractControl } from '@angular/forms';

/**
 * Puts the server's field messages on the matching controls (as a 'server' error, cleared by the
 * next edit) and returns the messages no control on screen could take.
 */
export function applyServerErrors(form: AbstractControl, fields: Record<string, string>): string[] {
  const unmatched: string[] = [];
  for (const [path, message] of Object.entries(fields)) {
    const control = form.get(path);
    if (control) {
      control.setErrors({ ...(control.errors ?? {}), server: message });
      control.markAsTouched();
    } else {
      unmatched.push(message);
    }
  }
  return unmatched;
}
