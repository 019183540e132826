export { PeopleService, personFromRow, type Person } from './people.service.ts';
