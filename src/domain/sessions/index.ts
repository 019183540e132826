export { SessionsService, DEFAULT_SESSION_POLICY, csrfMatches, hashToken, type Session, type SessionStage, type SessionPolicy } from './sessions.service.ts';
export { deleteUserSessions } from './sessions.repo.ts';
