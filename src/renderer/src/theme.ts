// The desk's Mantine theme: readable at 1366×768, contrasted enough for a bright front office, French labels
// on the few built-in controls that carry text (close buttons).
import { Badge, createTheme, Modal, Notification, type CSSVariablesResolver } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'blue',
  // Shade 8 keeps white text on primary buttons above the 4.5:1 contrast ratio.
  primaryShade: 8,
  defaultRadius: 'md',
  focusRing: 'auto',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    // Sentence case reads better in French than Mantine's upper-case badges ("8 ans", "Sans porc").
    Badge: Badge.extend({ defaultProps: { tt: 'none' } }),
    Modal: Modal.extend({
      defaultProps: { closeButtonProps: { 'aria-label': 'Fermer' }, size: 'lg' },
      styles: { title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } },
    }),
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Fermer la notification' } } }),
  },
});

/** Mantine's "dimmed" grey is below the 4.5:1 contrast ratio on white; the desk uses a darker one. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: {},
});
