// An address the app does not know (the hub answers it with a 404 status and this page).
import { Text } from '@mantine/core';
import { Link, Page } from '../components/Page';
import { paths } from '../paths';

export function NotFoundPage() {
  return (
    <Page title="Page introuvable">
      <Text>Cette adresse ne correspond à aucune page de l’espace famille.</Text>
      <Link to={paths.dashboard}>Revenir à l’accueil de l’espace famille</Link>
    </Page>
  );
}
