import { defineMessages } from '../define-messages';

/** The Devices screen. */
export const devicesMessages = defineMessages(
  {
    'devices.title': 'Devices',
  },
  {
    'devices.title': 'Devices',
  },
);
