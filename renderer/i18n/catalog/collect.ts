import { defineMessages } from '../define-messages';

/** The Collect screen. */
export const collectMessages = defineMessages(
  {
    'collect.title': 'Collect',
  },
  {
    'collect.title': 'Collect',
  },
);
