// Styles shared by the administration and staff screens' alerts.

/** For green, orange and blue alerts: Mantine's tinted title colour is below 4.5:1 on the tint. */
export const darkTitle = { title: { color: 'var(--mantine-color-dark-8)' } };
