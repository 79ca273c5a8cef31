// A child of the household: age, school level, diet, allergies, PAI, doctor, photo consent, relationships,
// and the contacts (forbidden persons stand out with an icon and words, not only colour).
import { Badge, Button, Card, Grid, Group, List, Stack, Text } from '@mantine/core';
import {
  IconAlertTriangle,
  IconAmbulance,
  IconBan,
  IconCamera,
  IconCameraOff,
  IconCheck,
  IconCircleCheck,
  IconFirstAidKit,
  IconPencil,
  IconSchool,
  IconStethoscope,
  IconUserPlus,
  IconUsers,
} from '@tabler/icons-react';
import { useState } from 'react';
import { EnrolmentModal } from '../activities/EnrolmentModal';
import { formatAge, formatDate, formatPhone, fullName } from './format';
import { dietLabels, pickupShort, relationshipLabels, sexLabels, text } from './labels';
import type { ChildView, ContactView, GuardianView } from './queries';

interface ChildCardProps {
  child: ChildView;
  guardians: GuardianView[];
  today: string;
  onEdit: () => void;
  onContacts: () => void;
}

function ContactLine({ contact: c }: { contact: ContactView }) {
  const t = text.family;
  const icon =
    c.pickup === 'forbidden' ? (
      <IconBan size={16} color="var(--mantine-color-red-9)" aria-hidden />
    ) : c.pickup === 'allowed' ? (
      <IconCheck size={16} aria-hidden />
    ) : (
      <IconUsers size={16} aria-hidden />
    );
  const roles = [
    c.pickup === 'forbidden' ? t.forbiddenPickup : c.pickup === 'allowed' ? t.allowedPickup : '',
    c.emergencyContact ? t.emergency : '',
  ].filter(Boolean);
  return (
    <List.Item icon={icon}>
      <Text size="sm" span fw={c.pickup === 'forbidden' ? 700 : 500} c={c.pickup === 'forbidden' ? 'red.9' : undefined}>
        {c.name}
      </Text>
      <Text size="sm" span c="dimmed">
        {[c.link, formatPhone(c.phone)].filter(Boolean).map((s) => ` · ${s}`)}
      </Text>
      <Text size="sm" span>
        {' — '}
        {roles.join(', ')}
        {c.emergencyContact && <IconAmbulance size={14} aria-hidden style={{ marginLeft: 4, verticalAlign: -2 }} />}
      </Text>
    </List.Item>
  );
}

export function ChildCard({ child: c, guardians, today, onEdit, onContacts }: ChildCardProps) {
  const t = text.family;
  const name = fullName(c);
  const school = [c.schoolName, c.schoolLevel, c.className && `classe ${c.className}`].filter(Boolean).join(' · ');
  const links = c.relationships
    .map((r) => {
      const g = guardians.find((x) => x.id === r.guardianId);
      return g ? `${relationshipLabels[r.relationship]} : ${fullName(g)}` : '';
    })
    .filter(Boolean);
  const forbidden = c.contacts.filter((k) => k.pickup === 'forbidden').length;
  const [enrolling, setEnrolling] = useState(false);

  return (
    <Card withBorder padding="md" component="article" aria-label={name}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Group gap="xs">
            <Text fw={700} size="lg">
              {name}
            </Text>
            <Badge variant="light" color="blue" size="lg" radius="sm">
              {formatAge(c.birthDate, today)}
            </Badge>
            {c.hasCareplan && (
              <Badge color="red.9" variant="filled" size="lg" radius="sm" leftSection={<IconFirstAidKit size={14} aria-hidden />}>
                {t.careplanYes}
              </Badge>
            )}
            {c.diet !== 'none' && (
              <Badge color="grape" variant="light" size="lg" radius="sm">
                {dietLabels[c.diet]}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {[c.sex ? sexLabels[c.sex] : '', t.born(c.sex, formatDate(c.birthDate))].filter(Boolean).join(' · ')}
          </Text>
        </div>
        <Group gap="xs" wrap="nowrap">
          <Button
            variant="light"
            size="xs"
            leftSection={<IconUserPlus size={16} aria-hidden />}
            onClick={() => setEnrolling(true)}
            aria-label={`Inscrire ${name} à une activité`}
          >
            Inscrire à une activité
          </Button>
          <EnrolmentModal
            child={enrolling ? { id: c.id, firstName: c.firstName, lastName: c.lastName, schoolLevel: c.schoolLevel } : null}
            onClose={() => setEnrolling(false)}
          />
          <Button
            variant="light"
            size="xs"
            leftSection={<IconUsers size={16} aria-hidden />}
            onClick={onContacts}
            aria-label={`${t.contacts} de ${name}`}
          >
            {t.contacts} ({c.contacts.length})
          </Button>
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPencil size={16} aria-hidden />}
            onClick={onEdit}
            aria-label={`${t.edit} ${name}`}
          >
            {t.edit}
          </Button>
        </Group>
      </Group>

      <Grid mt="sm" gap="md">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap={6}>
            <Group gap={6} wrap="nowrap">
              <IconSchool size={16} aria-hidden />
              <Text size="sm">{school || '—'}</Text>
            </Group>
            <Group gap={6} wrap="nowrap" align="flex-start">
              {c.allergies ? (
                <IconAlertTriangle
                  size={16}
                  aria-hidden
                  color="var(--mantine-color-red-9)"
                  style={{ marginTop: 2, flexShrink: 0 }}
                />
              ) : (
                <IconCircleCheck size={16} aria-hidden style={{ marginTop: 2, flexShrink: 0 }} />
              )}
              {c.allergies ? (
                <Text size="sm" c="red.9" fw={700}>
                  {t.allergies} : {c.allergies}
                </Text>
              ) : (
                <Text size="sm" c="dimmed">
                  {t.noAllergy}
                </Text>
              )}
            </Group>
            {c.hasCareplan && c.careplanNote && (
              <Group gap={6} wrap="nowrap" align="flex-start">
                <IconFirstAidKit size={16} aria-hidden style={{ marginTop: 2, flexShrink: 0 }} />
                <Text size="sm">
                  {t.careplan} : {c.careplanNote}
                </Text>
              </Group>
            )}
            {(c.doctorName || c.doctorPhone) && (
              <Group gap={6} wrap="nowrap">
                <IconStethoscope size={16} aria-hidden />
                <Text size="sm">{[c.doctorName, formatPhone(c.doctorPhone)].filter(Boolean).join(' – ')}</Text>
              </Group>
            )}
            <Group gap={6} wrap="nowrap">
              {c.photoConsent ? <IconCamera size={16} aria-hidden /> : <IconCameraOff size={16} aria-hidden />}
              <Text size="sm">{c.photoConsent ? t.photoYes : t.photoNo}</Text>
            </Group>
            {links.length > 0 && (
              <Text size="sm" c="dimmed">
                {links.join(' · ')}
              </Text>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Text size="sm" fw={600} mb={4}>
            {t.contacts}
            {forbidden > 0 && (
              <Badge ml="xs" color="red.9" size="sm" leftSection={<IconBan size={12} aria-hidden />}>
                {forbidden} {pickupShort.forbidden.toLowerCase()}
                {forbidden > 1 ? 's' : ''}
              </Badge>
            )}
          </Text>
          {c.contacts.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t.noContact}
            </Text>
          ) : (
            <List spacing={4} size="sm" center>
              {c.contacts.map((k) => (
                <ContactLine key={k.id} contact={k} />
              ))}
            </List>
          )}
        </Grid.Col>
      </Grid>
    </Card>
  );
}
