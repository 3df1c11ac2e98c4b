import type { ReactNode } from 'react';
import { useI18n } from '../../app/app-context';
import { ScreenHeading } from '../../components/screen-heading';

export function SettingsScreen(): ReactNode {
  const { t } = useI18n();
  return <ScreenHeading>{t('settings.title')}</ScreenHeading>;
}
