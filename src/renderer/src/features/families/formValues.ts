// Form values of guardians and children ↔ what the views return ↔ the command arguments. Form values are
// what staff see and type (phones in national format, dates as JJ/MM/AAAA); the core normalises and
// validates, so the conversion here is only about shapes and the date format the UI chose.
import type { z } from 'zod';
import type { childFields, guardianFields } from '../../../../shared/commands/families';
import type { diets, relationships, schoolLevels } from '../../../../shared/db/schema';
import { newId } from '../../ids';
import { formatDate, formatPhone, parseDate } from './format';
import { text } from './labels';
import type { ChildView, GuardianView } from './queries';

export type Relationship = (typeof relationships)[number];
export type Diet = (typeof diets)[number];
export type SchoolLevel = (typeof schoolLevels)[number];
type GuardianArgs = z.input<typeof guardianFields>;
type ChildArgs = z.input<typeof childFields>;

export interface GuardianValues {
  guardianId: string;
  civility: '' | 'M.' | 'Mme';
  firstName: string;
  lastName: string;
  birthName: string;
  addressLine1: string;
  addressLine2: string;
  postalCode: string;
  city: string;
  mobilePhone: string;
  homePhone: string;
  workPhone: string;
  employerName: string;
  employerPhone: string;
  email: string;
  relationship: Relationship;
  receivesInvoices: boolean;
}

export interface ChildValues {
  childId: string;
  firstName: string;
  lastName: string;
  /** As typed: JJ/MM/AAAA. */
  birthDate: string;
  sex: '' | 'F' | 'M';
  schoolName: string;
  schoolLevel: '' | SchoolLevel;
  className: string;
  diet: Diet;
  allergies: string;
  hasCareplan: boolean;
  careplanNote: string;
  doctorName: string;
  doctorPhone: string;
  photoConsent: boolean;
}

export function emptyGuardian(overrides: Partial<GuardianValues> = {}): GuardianValues {
  return {
    guardianId: newId(),
    civility: '',
    firstName: '',
    lastName: '',
    birthName: '',
    addressLine1: '',
    addressLine2: '',
    postalCode: '',
    city: '',
    mobilePhone: '',
    homePhone: '',
    workPhone: '',
    employerName: '',
    employerPhone: '',
    email: '',
    relationship: 'other',
    receivesInvoices: false,
    ...overrides,
  };
}

export function guardianValues(g: GuardianView, relationship: Relationship = 'other'): GuardianValues {
  return {
    guardianId: g.id,
    civility: g.civility,
    firstName: g.firstName,
    lastName: g.lastName,
    birthName: g.birthName,
    addressLine1: g.addressLine1,
    addressLine2: g.addressLine2,
    postalCode: g.postalCode,
    city: g.city,
    mobilePhone: formatPhone(g.mobilePhone),
    homePhone: formatPhone(g.homePhone),
    workPhone: formatPhone(g.workPhone),
    employerName: g.employerName,
    employerPhone: formatPhone(g.employerPhone),
    email: g.email,
    relationship,
    receivesInvoices: g.receivesInvoices,
  };
}

/** The guardian fields of a command (`guardian.update`, `guardian.add`, `household.create`). */
export function guardianArgs(v: GuardianValues): GuardianArgs {
  const { guardianId: _id, relationship: _rel, receivesInvoices: _inv, ...fields } = v;
  // An empty civility is sent as is: the core answers "Choisissez une civilité." on that field.
  return { ...fields, civility: fields.civility as GuardianArgs['civility'] };
}

export function emptyChild(overrides: Partial<ChildValues> = {}): ChildValues {
  return {
    childId: newId(),
    firstName: '',
    lastName: '',
    birthDate: '',
    sex: '',
    schoolName: '',
    schoolLevel: '',
    className: '',
    diet: 'none',
    allergies: '',
    hasCareplan: false,
    careplanNote: '',
    doctorName: '',
    doctorPhone: '',
    photoConsent: false,
    ...overrides,
  };
}

export function childValues(c: ChildView): ChildValues {
  return {
    childId: c.id,
    firstName: c.firstName,
    lastName: c.lastName,
    birthDate: formatDate(c.birthDate),
    sex: c.sex ?? '',
    schoolName: c.schoolName,
    schoolLevel: c.schoolLevel ?? '',
    className: c.className,
    diet: c.diet,
    allergies: c.allergies,
    hasCareplan: c.hasCareplan,
    careplanNote: c.careplanNote,
    doctorName: c.doctorName,
    doctorPhone: formatPhone(c.doctorPhone),
    photoConsent: c.photoConsent,
  };
}

/**
 * The child fields of a command, and the UI's own message when the birth date is not a date. An unreadable
 * date is still sent as typed (the core rejects it and writes nothing) so that one save shows every error.
 */
export function childArgs(v: ChildValues): { args: ChildArgs; birthDateError?: string } {
  const { childId: _id, ...fields } = v;
  const iso = parseDate(v.birthDate);
  const birthDateError = iso ? undefined : v.birthDate.trim() ? text.form.dateInvalid : text.form.dateRequired;
  return {
    args: { ...fields, birthDate: iso ?? v.birthDate, sex: v.sex || null, schoolLevel: v.schoolLevel || null },
    birthDateError,
  };
}
