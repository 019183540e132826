export { PeopleService, personFromRow, type Person } from './people.service.ts';
export { findPersonRow } from './people.repo.ts';
