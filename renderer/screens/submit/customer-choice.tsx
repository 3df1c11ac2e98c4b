/**
 * Partner Center: the customer whose tenant the devices are registered in, chosen from the partner's list
 * (searched by name or domain) or pasted as a tenant ID (checked for its form before Send is possible).
 */
import { useId, useMemo, type ReactNode } from 'react';
import { useFeatureState, useFeatureStoreApi, useI18n, type I18n } from '../../app/app-context';
import { isTenantId, looksLikeBadTenantId } from './submit-request';
import { submitStoreFactory, type Customer, type CustomersView } from './submit-store';

/** Customers listed at once; a longer list is narrowed by typing. */
export const CUSTOMERS_SHOWN = 30;

export function matchingCustomers(customers: readonly Customer[], query: string): readonly Customer[] {
  const terms = query.normalize('NFKC').toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return customers;
  return customers.filter((c) => {
    const text = `${c.name}\n${c.domain}\n${c.id}`.normalize('NFKC').toLowerCase();
    return terms.every((term) => text.includes(term));
  });
}

export function CustomerChoice(): ReactNode {
  const i18n = useI18n();
  const id = useId();
  const store = useFeatureStoreApi(submitStoreFactory);
  const customers = useFeatureState(submitStoreFactory, (s) => s.customers);
  const query = useFeatureState(submitStoreFactory, (s) => s.customerQuery);
  const customerId = useFeatureState(submitStoreFactory, (s) => s.customerId);
  const typedId = isTenantId(query) ? query.trim().toLowerCase() : null;
  const badId = typedId === null && looksLikeBadTenantId(query);
  const listed = customers.kind === 'listed' ? customers.customers : null;
  const shown = useMemo(
    () => (listed === null || typedId !== null ? [] : matchingCustomers(listed, query)),
    [listed, query, typedId],
  );
  const typedCustomer = typedId === null ? undefined : listed?.find((c) => c.id.toLowerCase() === typedId);
  return (
    <fieldset className="card submit-fieldset">
      <legend className="submit-legend">{i18n.t('submit.customer.legend')}</legend>
      <div className="field submit-customer-search">
        <label htmlFor={`${id}-search`}>{i18n.t('submit.customer.search')}</label>
        <input
          id={`${id}-search`}
          type="search"
          autoComplete="off"
          spellCheck={false}
          value={query}
          aria-describedby={`${id}-hint${badId ? ` ${id}-bad` : ''}`}
          aria-invalid={badId || undefined}
          onChange={(event) => store.getState().setCustomerQuery(event.target.value)}
        />
        <p id={`${id}-hint`} className="field-hint">
          {i18n.t('submit.customer.searchHint')}
        </p>
        {badId ? (
          <p id={`${id}-bad`} className="submit-field-problem">
            {i18n.t('submit.customer.badId')}
          </p>
        ) : null}
      </div>
      {typedId !== null ? (
        <p className="submit-customer-typed">
          {typedCustomer === undefined
            ? i18n.t('submit.customer.typedId', { id: typedId })
            : i18n.t('submit.customer.typedIdOf', { id: typedId, name: typedCustomer.name })}
        </p>
      ) : (
        <CustomerList
          i18n={i18n}
          name={`${id}-customer`}
          view={customers}
          shown={shown}
          chosen={customerId}
          onChoose={(chosen) => store.getState().chooseCustomer(chosen)}
          onReload={() => void store.getState().loadCustomers()}
        />
      )}
    </fieldset>
  );
}

function CustomerList(props: {
  i18n: I18n;
  name: string;
  view: CustomersView;
  shown: readonly Customer[];
  chosen: string | null;
  onChoose: (id: string) => void;
  onReload: () => void;
}): ReactNode {
  const { i18n, view, shown } = props;
  switch (view.kind) {
    case 'idle':
    case 'not-signed-in':
      return <p className="field-hint">{i18n.t('submit.customer.notSignedIn')}</p>;
    case 'loading':
      return <p role="status">{i18n.t('submit.customer.loading')}</p>;
    case 'failed':
    case 'error':
      return (
        <>
          {/* Text only in the alert; the button follows it. */}
          <div className="alert alert-error" role="alert">
            <p className="alert-title">{i18n.t('submit.customer.failed')}</p>
            {view.kind === 'failed' ? (
              <p lang={view.lang}>{view.message}</p>
            ) : (
              <p>{i18n.t(view.failure.messageKey)}</p>
            )}
          </div>
          <p className="submit-outcome-buttons">
            <button type="button" className="btn" onClick={props.onReload}>
              {i18n.t('submit.customer.reload')}
            </button>
          </p>
        </>
      );
    case 'listed':
      break;
  }
  if (view.customers.length === 0) return <p>{i18n.t('submit.customer.none')}</p>;
  if (shown.length === 0) return <p>{i18n.t('submit.customer.noMatch')}</p>;
  const visible = shown.slice(0, CUSTOMERS_SHOWN);
  // The chosen customer stays visible even when the search no longer matches it.
  const chosen = view.customers.find((c) => c.id === props.chosen);
  if (chosen !== undefined && !visible.includes(chosen)) visible.unshift(chosen);
  return (
    <>
      <ul className="choice-list submit-customer-list" aria-label={i18n.t('submit.customer.listLabel')}>
        {visible.map((customer) => {
          const inputId = `${props.name}-${customer.id}`;
          return (
            <li key={customer.id} className="choice">
              <input
                type="radio"
                id={inputId}
                name={props.name}
                checked={props.chosen === customer.id}
                onChange={() => props.onChoose(customer.id)}
                aria-describedby={`${inputId}-hint`}
              />
              <div className="choice-body">
                <label htmlFor={inputId} className="choice-label">
                  {customer.name}
                </label>
                <p id={`${inputId}-hint`} className="choice-hint">
                  {customer.domain} · <span className="mono">{customer.id}</span>
                </p>
              </div>
            </li>
          );
        })}
      </ul>
      {shown.length > CUSTOMERS_SHOWN ? (
        <p className="field-hint">{i18n.plural('submit.customer.more', shown.length - CUSTOMERS_SHOWN)}</p>
      ) : null}
    </>
  );
}
