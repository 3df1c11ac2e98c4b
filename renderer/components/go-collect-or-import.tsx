/** Where devices come from, as two buttons: to Collect, to Import (when there are none to work with). */
import type { ReactNode } from 'react';
import { useAppStoreApi, type I18n } from '../app/app-context';

/** The two buttons (a fragment: the screen keeps its own row around them). */
export function GoCollectOrImport(props: { i18n: I18n }): ReactNode {
  const { i18n } = props;
  const app = useAppStoreApi();
  return (
    <>
      <button type="button" className="btn" onClick={() => app.getState().go('collect')}>
        {i18n.t('export.preview.goCollect')}
      </button>
      <button type="button" className="btn" onClick={() => app.getState().go('import')}>
        {i18n.t('export.preview.goImport')}
      </button>
    </>
  );
}
