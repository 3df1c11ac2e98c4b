import { defineMessages } from '../define-messages';

/** The Export screen. */
export const exportMessages = defineMessages(
  {
    'export.title': 'Export',
  },
  {
    'export.title': 'Export',
  },
);
