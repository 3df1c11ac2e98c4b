/** The screens of the app, in navigation order. */
export const SCREENS = ['collect', 'devices', 'import', 'export', 'submit', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

/** Screens that exist in this version (every one, now that direct submission is here). */
export const AVAILABLE_SCREENS: ReadonlySet<Screen> = new Set<Screen>([
  'collect',
  'devices',
  'import',
  'export',
  'submit',
  'settings',
]);
