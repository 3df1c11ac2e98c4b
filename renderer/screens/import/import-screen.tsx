import type { ReactNode } from 'react';
import { useI18n } from '../../app/app-context';
import { ScreenHeading } from '../../components/screen-heading';

export function ImportScreen(): ReactNode {
  const { t } = useI18n();
  return <ScreenHeading>{t('import.title')}</ScreenHeading>;
}
