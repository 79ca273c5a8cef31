// The inputs of one child, shared by the new family form and the child modal.
import { Checkbox, Grid, NativeSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { DateField } from '../../components/DateField';
import { Cell, GridSection, TelInput } from './FieldGrid';
import type { ChildValues } from './formValues';
import type { FieldProps } from './GuardianFields';
import { dietLabels, fieldLabels as label, schoolLevelLabels, sexLabels, text } from './labels';

interface ChildFieldsProps {
  field: FieldProps<ChildValues>;
  idPrefix: string;
  /** Whether the PAI note is shown (only when the PAI box is ticked). */
  hasCareplan: boolean;
}

const levelOptions = [
  { value: '', label: text.form.levelNone },
  ...Object.entries(schoolLevelLabels).map(([value, l]) => ({ value, label: l })),
];
const sexOptions = [
  { value: '', label: text.form.sexNone },
  { value: 'F', label: sexLabels.F },
  { value: 'M', label: sexLabels.M },
];
const dietOptions = Object.entries(dietLabels).map(([value, l]) => ({ value, label: l }));

export function ChildFields({ field, idPrefix, hasCareplan }: ChildFieldsProps) {
  const id = (name: string) => `${idPrefix}-${name}`;
  const t = text.form;
  return (
    <Grid gap="sm">
      <GridSection title={t.childSections.identity} />
      <Cell sm={3}>
        <TextInput id={id('firstName')} label={label.firstName} withAsterisk autoComplete="off" {...field('firstName')} />
      </Cell>
      <Cell sm={3}>
        <TextInput id={id('lastName')} label={label.lastName} withAsterisk autoComplete="off" {...field('lastName')} />
      </Cell>
      <Cell sm={3}>
        <DateField id={id('birthDate')} label={label.birthDate} withAsterisk {...field('birthDate')} />
      </Cell>
      <Cell sm={3}>
        <NativeSelect id={id('sex')} label={label.sex} data={sexOptions} {...field('sex')} />
      </Cell>

      <GridSection title={t.childSections.school} />
      <Cell sm={4}>
        <TextInput id={id('schoolName')} label={label.schoolName} autoComplete="off" {...field('schoolName')} />
      </Cell>
      <Cell sm={4}>
        <NativeSelect id={id('schoolLevel')} label={label.schoolLevel} data={levelOptions} {...field('schoolLevel')} />
      </Cell>
      <Cell sm={4}>
        <TextInput id={id('className')} label={label.className} autoComplete="off" {...field('className')} />
      </Cell>

      <GridSection title={t.childSections.health} />
      <Cell sm={4}>
        <NativeSelect id={id('diet')} label={label.diet} data={dietOptions} {...field('diet')} />
      </Cell>
      <Cell sm={8}>
        <Textarea id={id('allergies')} label={label.allergies} autosize minRows={1} maxRows={4} {...field('allergies')} />
      </Cell>
      <Cell sm={4}>
        <Stack gap={6} mt={{ base: 0, sm: 'md' }}>
          <Checkbox
            id={id('hasCareplan')}
            label={`${label.hasCareplan} (${t.careplanHint.toLowerCase()})`}
            {...field('hasCareplan', { type: 'checkbox' })}
          />
        </Stack>
      </Cell>
      <Cell sm={8}>
        {hasCareplan && (
          <Textarea
            id={id('careplanNote')}
            label={label.careplanNote}
            autosize
            minRows={1}
            maxRows={4}
            {...field('careplanNote')}
          />
        )}
      </Cell>
      <Cell sm={4}>
        <TextInput id={id('doctorName')} label={label.doctorName} autoComplete="off" {...field('doctorName')} />
      </Cell>
      <Cell sm={4}>
        <TelInput id={id('doctorPhone')} label={label.doctorPhone} {...field('doctorPhone')} />
      </Cell>
      <Cell sm={4} alignEnd>
        <Checkbox id={id('photoConsent')} label={t.photoConsentLabel} mb={8} {...field('photoConsent', { type: 'checkbox' })} />
      </Cell>
    </Grid>
  );
}
