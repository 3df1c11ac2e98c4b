import type { ReactNode } from 'react';
import { useI18n } from '../../app/app-context';
import { ScreenHeading } from '../../components/screen-heading';

export function ExportScreen(): ReactNode {
  const { t } = useI18n();
  return <ScreenHeading>{t('export.title')}</ScreenHeading>;
}
