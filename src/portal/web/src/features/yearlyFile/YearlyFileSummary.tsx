// Tableau de bord: the state of the yearly file in words, and the way to it.
import { Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '../../components/Page';
import { parisToday } from '../../format';
import { paths } from '../../paths';
import { StateBadge } from '../documents/StateBadge';
import { fileStatusLabels } from '../enrolment/labels';
import { chosenYear, fetchYearlyFile, fileKey } from './yearlyFile';

export function YearlyFileSummary({ householdId }: { householdId: string }) {
  const file = useQuery({ queryKey: fileKey(householdId), queryFn: () => fetchYearlyFile(householdId), staleTime: 60_000 });
  if (!file.data) return null;
  const { schoolYear, state } = chosenYear(file.data, parisToday());
  const status = fileStatusLabels[state.status];
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Text size="sm">Année {schoolYear.replace('-', '–')} :</Text>
        <StateBadge label={status.label} color={status.color} />
      </Group>
      <Link to={paths.yearlyFile} size="sm">
        {state.status === 'none' ? 'Remplir mon dossier annuel' : state.status === 'refused' ? 'Corriger mon dossier annuel' : 'Voir mon dossier annuel'}
      </Link>
    </Stack>
  );
}
