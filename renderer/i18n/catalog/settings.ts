import { defineMessages } from '../define-messages';

/** The Settings screen. */
export const settingsMessages = defineMessages(
  {
    'settings.title': 'Settings',
  },
  {
    'settings.title': 'Settings',
  },
);
