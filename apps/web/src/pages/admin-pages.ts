// The administration's screens, one chunk loaded when an admin opens any of them.
export { AdminPage } from './admin/admin';
export { UsersAdmin } from './admin/users';
export { OrgansAdmin } from './admin/organs';
export { DelegationAdmin } from './admin/delegation';
export { SettingsAdmin } from './admin/settings';
export { TokensAdmin } from './admin/tokens';
export { AuditAdmin } from './admin/audit';
