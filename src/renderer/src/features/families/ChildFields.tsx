// The inputs of one child, shared by the new family form and the child modal.
import { Checkbox, Grid, NativeSelect, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { DateField } from '../../components/DateField';
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

function SectionTitle({ children }: { children: string }) {
  return (
    <Title order={3} size="sm" c="dimmed" tt="uppercase" mt="xs">
      {children}
    </Title>
  );
}

export function ChildFields({ field, idPrefix, hasCareplan }: ChildFieldsProps) {
  const id = (name: string) => `${idPrefix}-${name}`;
  const t = text.form;
  return (
    <Grid gap="sm">
      <Grid.Col span={12}>
        <SectionTitle>{t.childSections.identity}</SectionTitle>
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 3 }}>
        <TextInput id={id('firstName')} label={label.firstName} withAsterisk autoComplete="off" {...field('firstName')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 3 }}>
        <TextInput id={id('lastName')} label={label.lastName} withAsterisk autoComplete="off" {...field('lastName')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 3 }}>
        <DateField id={id('birthDate')} label={label.birthDate} withAsterisk {...field('birthDate')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 3 }}>
        <NativeSelect id={id('sex')} label={label.sex} data={sexOptions} {...field('sex')} />
      </Grid.Col>

      <Grid.Col span={12}>
        <SectionTitle>{t.childSections.school}</SectionTitle>
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 4 }}>
        <TextInput id={id('schoolName')} label={label.schoolName} autoComplete="off" {...field('schoolName')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 4 }}>
        <NativeSelect id={id('schoolLevel')} label={label.schoolLevel} data={levelOptions} {...field('schoolLevel')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 4 }}>
        <TextInput id={id('className')} label={label.className} autoComplete="off" {...field('className')} />
      </Grid.Col>

      <Grid.Col span={12}>
        <SectionTitle>{t.childSections.health}</SectionTitle>
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 4 }}>
        <NativeSelect id={id('diet')} label={label.diet} data={dietOptions} {...field('diet')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 8 }}>
        <Textarea id={id('allergies')} label={label.allergies} autosize minRows={1} maxRows={4} {...field('allergies')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 4 }}>
        <Stack gap={6} mt={{ base: 0, sm: 'md' }}>
          <Checkbox
            id={id('hasCareplan')}
            label={`${label.hasCareplan} (${t.careplanHint.toLowerCase()})`}
            {...field('hasCareplan', { type: 'checkbox' })}
          />
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 8 }}>
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
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 4 }}>
        <TextInput id={id('doctorName')} label={label.doctorName} autoComplete="off" {...field('doctorName')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 4 }}>
        <TextInput
          id={id('doctorPhone')}
          label={label.doctorPhone}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          {...field('doctorPhone')}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 4 }} style={{ display: 'flex', alignItems: 'flex-end' }}>
        <Checkbox id={id('photoConsent')} label={t.photoConsentLabel} mb={8} {...field('photoConsent', { type: 'checkbox' })} />
      </Grid.Col>
    </Grid>
  );
}
