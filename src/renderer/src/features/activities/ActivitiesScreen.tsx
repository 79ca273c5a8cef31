// The activity catalogue and calendar (`#/activites`, admin): each activity with its units, groups, capacities
// and deadline rules in French; per-day capacity exceptions; commune closures; the school calendar. A banner
// warns about holiday dates that are missing or only provisional, since they decide the opening days.
import { Alert, Badge, Button, Group, List, Loader, Paper, SimpleGrid, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCalendarEvent,
  IconCalendarOff,
  IconPencil,
  IconPlus,
  IconSchool,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useState } from 'react';
import { parisToday } from '../families/format';
import { addDays } from '../reservations/dates';
import { useActivities, useCalendar, type ActivityView } from '../reservations/queries';
import { ActivityFormModal } from './ActivityForm';
import { CapacityPanel } from './CapacityPanel';
import { ClosuresPanel } from './ClosuresPanel';
import { SchoolCalendarPanel } from './SchoolCalendarPanel';
import { kindLabels, openOnLabels, text } from './text';

const t = text.catalogue;

export function ActivitiesScreen() {
  const today = parisToday();
  const activities = useActivities();
  const ahead = useCalendar(today, addDays(today, 365));
  const [editing, setEditing] = useState<ActivityView | null | undefined>(undefined);
  const unconfirmed = ahead.data?.unconfirmed ?? [];
  const [showUnconfirmed, setShowUnconfirmed] = useState(false);

  return (
    <Stack gap="md" data-testid="activities-screen">
      <Title order={1} size="h2">
        {text.title}
      </Title>
      {unconfirmed.length > 0 && (
        <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} py="xs">
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">
              <Text span fw={700}>
                {text.calendar.unconfirmedCount(unconfirmed.length)}
              </Text>{' '}
              {text.calendar.unconfirmedHint}
            </Text>
            <Button
              variant="default"
              size="compact-sm"
              onClick={() => setShowUnconfirmed((v) => !v)}
              aria-expanded={showUnconfirmed}
              style={{ flexShrink: 0 }}
            >
              {showUnconfirmed ? text.calendar.hideDetails : text.calendar.showDetails}
            </Button>
          </Group>
          {showUnconfirmed && (
            <List size="sm" spacing={2} mt={4}>
              {unconfirmed.map((u) => (
                <List.Item key={`${u.schoolYear}|${u.name}`}>{u.message}</List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}
      <Tabs defaultValue="catalogue" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="catalogue" leftSection={<IconUsersGroup size={16} aria-hidden />}>
            {text.tabs.catalogue}
          </Tabs.Tab>
          <Tabs.Tab value="capacities" leftSection={<IconCalendarEvent size={16} aria-hidden />}>
            {text.tabs.capacities}
          </Tabs.Tab>
          <Tabs.Tab value="closures" leftSection={<IconCalendarOff size={16} aria-hidden />}>
            {text.tabs.closures}
          </Tabs.Tab>
          <Tabs.Tab value="calendar" leftSection={<IconSchool size={16} aria-hidden />}>
            {text.tabs.calendar}
          </Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="catalogue" pt="md">
          <Stack gap="md">
            <Group>
              <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setEditing(null)}>
                {t.add}
              </Button>
            </Group>
            {activities.isPending && <Loader size="sm" />}
            {activities.data?.length === 0 && <Text c="dimmed">{t.empty}</Text>}
            {activities.data?.map((activity) => (
              <ActivityCard key={activity.id} activity={activity} onEdit={() => setEditing(activity)} />
            ))}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="capacities" pt="md">
          <CapacityPanel activities={activities.data ?? []} today={today} />
        </Tabs.Panel>
        <Tabs.Panel value="closures" pt="md">
          <ClosuresPanel activities={activities.data ?? []} today={today} />
        </Tabs.Panel>
        <Tabs.Panel value="calendar" pt="md">
          <SchoolCalendarPanel today={today} />
        </Tabs.Panel>
      </Tabs>
      <ActivityFormModal activity={editing ?? null} opened={editing !== undefined} onClose={() => setEditing(undefined)} />
    </Stack>
  );
}

function ActivityCard({ activity, onEdit }: { activity: ActivityView; onEdit: () => void }) {
  const unitName = (id: string) => activity.units.find((u) => u.id === id)?.name ?? '?';
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-labelledby={`activity-${activity.id}`}
      data-testid="activity-card"
    >
      <Group justify="space-between" align="flex-start" mb="sm">
        <Stack gap={2}>
          <Group gap="xs">
            <Title order={2} size="h4" id={`activity-${activity.id}`}>
              {activity.name}
            </Title>
            <Badge variant="light">{kindLabels[activity.kind]}</Badge>
          </Group>
          <Text size="sm">
            <Text span fw={600}>
              {t.opening} :{' '}
            </Text>
            {openOnLabels[activity.openOn]}
          </Text>
          <Text size="sm">
            <Text span fw={600}>
              {t.booking(activity.bookingRuleText)}
            </Text>
            {' · '}
            {activity.deadlines.cancellation ? t.cancellation(activity.cancellationRuleText) : t.sameCancellation}
          </Text>
        </Stack>
        <Button
          variant="default"
          leftSection={<IconPencil size={16} aria-hidden />}
          onClick={onEdit}
          aria-label={`${t.edit} ${activity.name}`}
        >
          {t.edit}
        </Button>
      </Group>
      <SimpleGrid cols={2} spacing="md">
        <Stack gap={4}>
          <Text fw={600} size="sm">
            {t.units}
          </Text>
          <Table withTableBorder verticalSpacing={4} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.unitColumns.name}</Table.Th>
                <Table.Th>{t.unitColumns.hours}</Table.Th>
                <Table.Th>{t.unitColumns.implies}</Table.Th>
                <Table.Th>{t.unitColumns.excludes}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {activity.units.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td fw={600}>{u.name}</Table.Td>
                  <Table.Td>
                    {u.startTime && u.endTime ? `${u.startTime.replace(':', 'h')} – ${u.endTime.replace(':', 'h')}` : '—'}
                  </Table.Td>
                  <Table.Td>{u.implies.map(unitName).join(', ') || '—'}</Table.Td>
                  <Table.Td>{u.excludes.map(unitName).join(', ') || '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
        <Stack gap={4}>
          <Text fw={600} size="sm">
            {t.groups}
          </Text>
          <Table withTableBorder verticalSpacing={4} fz="sm" aria-label={t.capacityCaption(activity.name)}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.groupColumns.name}</Table.Th>
                <Table.Th>{t.groupColumns.levels}</Table.Th>
                {activity.units.map((u) => (
                  <Table.Th key={u.id} ta="right">
                    {u.name}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {activity.groups.map((g) => (
                <Table.Tr key={g.id}>
                  <Table.Td fw={600}>{g.name}</Table.Td>
                  <Table.Td>{g.levels.join(', ') || t.allLevels}</Table.Td>
                  {activity.units.map((u) => (
                    <Table.Td key={u.id} ta="right">
                      {g.capacities[u.id] ?? t.noLimit}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      </SimpleGrid>
    </Paper>
  );
}
