// Online enrolment and the yearly registration file (issue #8): every command of the contract shared by the
// hub routes, the parent pages and the desk's « Demandes » screen, gathered from the files that hold them.
// - signUp.ts: household.signUp / validateSignUp / refuseSignUp / mergeSignUp (a new family, at the hub);
// - enrolmentRequests.ts: enrolmentRequest.submit / accept / refuse / waitlist / cancel;
// - documents.ts: document.record / validate / refuse, documentType.save, rules.publish;
// - householdFile.ts: householdFile.submit / accept / refuse.
// Every decision writes a family_messages row (familyMessages.ts), which the hub e-mails once.
import { documentCommands } from './documents';
import { enrolmentRequestCommands } from './enrolmentRequests';
import { householdFileCommands } from './householdFile';
import { signUpCommands } from './signUp';

export const enrolmentCommands = [
  ...signUpCommands,
  ...enrolmentRequestCommands,
  ...documentCommands,
  ...householdFileCommands,
] as const;
