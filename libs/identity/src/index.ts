export { Access, ACCESS_METADATA } from './auth/access.decorator';
export type { AccessRule } from './auth/access.decorator';
export { AccessGuard } from './auth/access.guard';
export { presentedOperatorToken, secretMatches } from './auth/operator-token';
