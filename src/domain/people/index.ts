export { PeopleService, personFromRow, type Person } from './people.service.ts';
export { findPersonRow, insertPersonRow, updatePersonRow } from './people.repo.ts';
