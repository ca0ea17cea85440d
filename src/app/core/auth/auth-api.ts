import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import type { LoginInput, LoginResult, SessionInfo, TotpEnrolment } from '../../../shared/api/foundation';

@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly http = inject(HttpClient);

  session(): Observable<SessionInfo> {
    return this.http.get<SessionInfo>('/api/auth/session');
  }

  keepAlive(): Observable<SessionInfo> {
    return this.http.post<SessionInfo>('/api/auth/keep-alive', {});
  }

  login(input: LoginInput): Observable<LoginResult> {
    return this.http.post<LoginResult>('/api/auth/login', input);
  }

  totp(code: string): Observable<LoginResult> {
    return this.http.post<LoginResult>('/api/auth/totp', { code });
  }

  logout(): Observable<{ ok: true }> {
    return this.http.post<{ ok: true }>('/api/auth/logout', {});
  }

  changePassword(currentPassword: string, newPassword: string): Observable<SessionInfo> {
    return this.http.post<SessionInfo>('/api/auth/password', { currentPassword, newPassword });
  }

  startTotpEnrolment(): Observable<TotpEnrolment> {
    return this.http.post<TotpEnrolment>('/api/auth/totp/enrol', {});
  }

  confirmTotp(code: string): Observable<{ recoveryCodes: string[] }> {
    return this.http.post<{ recoveryCodes: string[] }>('/api/auth/totp/confirm', { code });
  }
}
