export { ROLES, isRole, can, type Role, type Capability } from './roles.ts';
