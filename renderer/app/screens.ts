/** The screens of the app, in navigation order. `submit` arrives with direct submission (not selectable yet). */
export const SCREENS = ['collect', 'devices', 'import', 'export', 'submit', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

/** Screens that exist in this version; the navigation shows the others as coming later. */
export const AVAILABLE_SCREENS: ReadonlySet<Screen> = new Set<Screen>([
  'collect',
  'devices',
  'import',
  'export',
  'settings',
]);
