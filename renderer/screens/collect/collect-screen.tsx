import type { ReactNode } from 'react';
import { useI18n } from '../../app/app-context';
import { ScreenHeading } from '../../components/screen-heading';

export function CollectScreen(): ReactNode {
  const { t } = useI18n();
  return <ScreenHeading>{t('collect.title')}</ScreenHeading>;
}
