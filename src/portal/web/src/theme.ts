// The parents' Mantine theme: readable on a phone in daylight (contrast ≥ 4.5:1 for every text, including the
// "dimmed" grey and white on primary buttons), a visible focus ring for keyboard users, French labels on the
// built-in controls that carry text.
import { Badge, createTheme, Modal, Notification, PasswordInput, type CSSVariablesResolver } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'blue',
  // Shade 8 keeps white text on primary buttons (and blue links on white) above 4.5:1.
  primaryShade: 8,
  defaultRadius: 'md',
  // Always visible on keyboard focus (Mantine's "auto" = :focus-visible).
  focusRing: 'auto',
  // Parents who ask their system for less motion get no sliding menu or fading dialogs.
  respectReducedMotion: true,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif',
  headings: { fontWeight: '700' },
  components: {
    Badge: Badge.extend({ defaultProps: { tt: 'none' } }),
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Fermer' } } }),
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Fermer le message' } } }),
    PasswordInput: PasswordInput.extend({
      defaultProps: { visibilityToggleButtonProps: { 'aria-label': 'Afficher ou masquer le mot de passe' } },
    }),
  },
});

/**
 * Text colours that keep 4.5:1 on white, on the page's light grey and on the light tints of alerts, badges and
 * selected cards (Mantine's green 9 and orange 9 do not: 4.4:1 and 4.3:1 on white).
 */
export const statusText = {
  green: '#1b6b30',
  orange: '#9c3d00',
  red: '#b02020',
  blue: '#1864ab',
  teal: '#0b6e50',
  yellow: '#7a5c00',
  gray: '#343a40',
} as const;

/**
 * Darker than Mantine's defaults where they fall under 4.5:1 on white or on a light tint: the "dimmed" grey,
 * error messages (red 6 → red 9), links, and the text of light alerts and badges.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': statusText.red,
    '--mantine-color-anchor': 'var(--mantine-color-blue-8)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    ...Object.fromEntries(Object.entries(statusText).map(([color, value]) => [`--mantine-color-${color}-light-color`, value])),
  },
  dark: {},
});
