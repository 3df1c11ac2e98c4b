/**
 * Runs before every test file. React's test utilities check this flag to know that updates are wrapped in
 * act(); without it every component test warns "The current testing environment is not configured to
 * support act(...)".
 */
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
