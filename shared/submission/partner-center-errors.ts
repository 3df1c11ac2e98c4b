/**
 * What Partner Center's answer for one device of a batch means, and the pure helpers around a batch upload.
 *
 * Partner Center hands each device to the same Autopilot (ZTD) service Intune's import uses, and reports the
 * same error family: its documented `batchJobStatus` example is `errorCode: "808"`, `errorDescription:
 * "ZtdDeviceAssignedToOtherTenant"` (Partner Center REST "Get the status of a device batch upload";
 * `DeviceUploadDetails` in "Device deployment resources"). So a device's error is read into the same
 * ImportOutcome as a Graph import's (806 already registered, 808 another tenant, 802 bad hash...) and gets the
 * same explanation, rather than a second table that would drift from the first.
 *
 * The differences are only in the wire form: the code is a string, and the description is sometimes the Ztd
 * name and sometimes a sentence (which may quote what was sent, so it is never shown, only logged redacted).
 *
 * Pure: shared/ runs in the renderer too.
 */
import type { ImportOutcome } from './graph-errors';
import { mapImportError } from './graph-errors';

/** A name like `ZtdDeviceAssignedToOtherTenant` or `StorageError`: one word, no spaces. */
const ERROR_NAME = /^[A-Za-z][A-Za-z0-9]{2,80}$/;
/** A Ztd name quoted inside a sentence. */
const ZTD_NAME_IN_TEXT = /\b(Ztd[A-Za-z]{3,80})\b/;

/**
 * The outcome of a device that Partner Center reports with an error. `errorCode` may be `"808"`, a name
 * (`"ZtdDeviceAlreadyAssigned"`), or missing; `errorDescription` may be a name or a sentence. Never throws:
 * what it cannot read becomes an `unknown` outcome that carries whatever code there was.
 */
export function mapDeviceUploadError(
  errorCode: string | null | undefined,
  errorDescription: string | null | undefined,
): ImportOutcome {
  const codeText = (errorCode ?? '').trim();
  const description = (errorDescription ?? '').trim();
  const numeric = /^\d{1,9}$/.test(codeText) ? Number(codeText) : undefined;
  const name =
    (numeric === undefined && ERROR_NAME.test(codeText) ? codeText : undefined) ??
    (ERROR_NAME.test(description) ? description : undefined) ??
    ZTD_NAME_IN_TEXT.exec(description)?.[1];
  return mapImportError(numeric, name);
}

/** True when a device status says the upload of that device is over (with or without an error). */
export function isFinalDeviceStatus(status: string): boolean {
  return status === 'finished' || status === 'finished_with_errors';
}

/** The customer tenant ID Partner Center expects: a GUID, optionally in braces (as its PowerShell checks). */
export function isCustomerTenantId(text: string): boolean {
  return /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i.test(text.trim());
}

/** The tenant ID without braces or spaces, lower case, as it goes into a URL. */
export function normalizeCustomerTenantId(text: string): string {
  return text
    .trim()
    .replace(/^\{|\}$/g, '')
    .toLowerCase();
}

/** `items` in consecutive pieces of at most `size` (at least 1), in order. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const step = Math.max(1, Math.floor(size));
  const pieces: T[][] = [];
  for (let i = 0; i < items.length; i += step) pieces.push(items.slice(i, i + step));
  return pieces;
}
