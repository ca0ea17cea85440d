import { type Static, Type } from 'typebox';
import { Id, Text } from './common';

export const RoleSchema = Type.Union([Type.Literal('receptionist'), Type.Literal('chiropractor'), Type.Literal('manager')]);

const Time = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' });
export const OpeningHoursSchema = Type.Array(
  Type.Object({ weekday: Type.Integer({ minimum: 0, maximum: 6 }), open: Time, close: Time }, { additionalProperties: false }),
  { maxItems: 14 },
);
export type OpeningHours = Static<typeof OpeningHoursSchema>;

export const ResponseTargetsSchema = Type.Object({
  emergencyMinutes: Type.Integer({ minimum: 0, maximum: 1440 }),
  callbackMinutes: Type.Integer({ minimum: 1, maximum: 10080 }),
  appointmentMinutes: Type.Integer({ minimum: 1, maximum: 10080 }),
  claimIdleMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
}, { additionalProperties: false });
export type ResponseTargets = Static<typeof ResponseTargetsSchema>;

export const DEFAULT_RESPONSE_TARGETS: ResponseTargets = {
  emergencyMinutes: 0,
  callbackMinutes: 120,
  appointmentMinutes: 240,
  claimIdleMinutes: 15,
};

export const CentreSchema = Type.Object({
  id: Id,
  name: Type.String(),
  address: Type.String(),
  phone: Type.String(),
  email: Type.String(),
  timeZone: Type.String(),
  openingHours: OpeningHoursSchema,
  responseTargets: ResponseTargetsSchema,
  active: Type.Boolean(),
  version: Type.Integer(),
});
export type Centre = Static<typeof CentreSchema>;

export const CentreInputSchema = Type.Object({
  name: Text(120),
  address: Text(300),
  phone: Text(40),
  email: Type.String({ maxLength: 200 }),
  timeZone: Type.String({ minLength: 3, maxLength: 64 }),
  openingHours: OpeningHoursSchema,
  responseTargets: ResponseTargetsSchema,
  active: Type.Boolean(),
}, { additionalProperties: false });
export type CentreInput = Static<typeof CentreInputSchema>;

export const StaffSchema = Type.Object({
  id: Id,
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  centreIds: Type.Array(Id),
  active: Type.Boolean(),
  totpEnabled: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  version: Type.Integer(),
});
export type Staff = Static<typeof StaffSchema>;

const Email = Type.String({ minLength: 3, maxLength: 200, pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$' });

export const StaffCreateSchema = Type.Object({
  email: Email,
  name: Text(120),
  role: RoleSchema,
  centreIds: Type.Array(Id, { minItems: 1, maxItems: 50, uniqueItems: true }),
}, { additionalProperties: false });
export type StaffCreate = Static<typeof StaffCreateSchema>;

export const StaffUpdateSchema = Type.Object({
  name: Text(120),
  role: RoleSchema,
  centreIds: Type.Array(Id, { minItems: 1, maxItems: 50, uniqueItems: true }),
  active: Type.Boolean(),
}, { additionalProperties: false });
export type StaffUpdate = Static<typeof StaffUpdateSchema>;

/** Returned once when a manager creates a user or resets a password: shown, never stored in clear. */
export const OneTimePasswordSchema = Type.Object({ staff: StaffSchema, oneTimePassword: Type.String() });
export type OneTimePassword = Static<typeof OneTimePasswordSchema>;

export const SessionUserSchema = Type.Object({
  id: Id,
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  centres: Type.Array(Type.Object({ id: Id, name: Type.String(), timeZone: Type.String() })),
  totpEnabled: Type.Boolean(),
  totpRequired: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
});
export type SessionUser = Static<typeof SessionUserSchema>;

export const SessionInfoSchema = Type.Object({
  user: SessionUserSchema,
  idleTimeoutSeconds: Type.Integer(),
  /** Seconds until the absolute timeout ends the session whatever the user does. */
  absoluteRemainingSeconds: Type.Integer(),
});
export type SessionInfo = Static<typeof SessionInfoSchema>;

export const LoginSchema = Type.Object({
  email: Type.String({ minLength: 1, maxLength: 200 }),
  password: Type.String({ minLength: 1, maxLength: 1000 }),
}, { additionalProperties: false });
export type LoginInput = Static<typeof LoginSchema>;

export const LoginResultSchema = Type.Union([
  Type.Object({ status: Type.Literal('signed-in'), session: SessionInfoSchema }),
  Type.Object({ status: Type.Literal('totp-required') }),
]);
export type LoginResult = Static<typeof LoginResultSchema>;

export const TotpCodeSchema = Type.Object({
  code: Type.String({ minLength: 6, maxLength: 20 }),
}, { additionalProperties: false });

export const ChangePasswordSchema = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: 1000 }),
  newPassword: Type.String({ minLength: 1, maxLength: 1000 }),
}, { additionalProperties: false });

export const TotpEnrolmentSchema = Type.Object({
  secret: Type.String(),
  otpauthUrl: Type.String(),
  qrDataUrl: Type.String(),
});
export type TotpEnrolment = Static<typeof TotpEnrolmentSchema>;

export const RecoveryCodesSchema = Type.Object({ recoveryCodes: Type.Array(Type.String()) });

export const SecuritySettingsSchema = Type.Object({
  totpRequiredRoles: Type.Array(RoleSchema, { uniqueItems: true, maxItems: 3 }),
  version: Type.Integer(),
});
export type SecuritySettings = Static<typeof SecuritySettingsSchema>;

export const AuditEventSchema = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  actorRole: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  entityType: Type.Union([Type.String(), Type.Null()]),
  entityId: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.String(),
  ip: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Record(Type.String(), Type.Unknown()),
});
export type AuditEvent = Static<typeof AuditEventSchema>;

/** GET /api/audit's filters: dates are ISO instants (`to` exclusive); pages go back by `beforeSeq`. */
export const AuditQuerySchema = Type.Object({
  actorId: Type.Optional(Type.String({ maxLength: 64 })),
  action: Type.Optional(Type.String({ maxLength: 64 })),
  entityType: Type.Optional(Type.String({ maxLength: 32 })),
  entityId: Type.Optional(Type.String({ maxLength: 64 })),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  beforeSeq: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
}, { additionalProperties: false });
export type AuditQuery = Static<typeof AuditQuerySchema>;

export const HealthSchema = Type.Object({
  status: Type.Literal('ok'),
  db: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
  version: Type.String(),
});
