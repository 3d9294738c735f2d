export {
  Access,
  ACCESS_METADATA,
  CurrentPrincipal,
  describeAccessRule,
  RequirePermission,
} from './access.decorator';
export type { AccessRule } from './access.decorator';
export { ASSIGNABLE_ROLES, ORGAN_ROLES, Permission, Role, ROLE_PERMISSIONS } from './permissions';
export type { AssignableRole } from './permissions';
export { Principal } from './principal';
export type { RoleGrant } from './principal';
