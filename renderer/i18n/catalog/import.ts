import { defineMessages } from '../define-messages';

/** The Import screen. */
export const importMessages = defineMessages(
  {
    'import.title': 'Import',
  },
  {
    'import.title': 'Import',
  },
);
