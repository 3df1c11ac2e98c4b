/**
 * A stored hash, decoded and verified, as the contract's plain data: what the Devices screen shows on
 * demand. Decoding is left to this moment on purpose; listing 10,000 devices decodes nothing.
 *
 * The CLI's `inspect --json` (`inspectedJson` in electron/cli/commands/inspect.ts) builds the same fields
 * and could call {@link hashDetails} instead.
 */
import type { HashDetails, HashVerification } from '../../shared/api/harvester-api';
import type { HashDecodeResult } from '../../shared/hardware-hash';
import {
  RECORD_NAMES,
  decodeHardwareHash,
  failureDetails,
  registrationBlocker,
} from '../../shared/hardware-hash';
import { hashFailureText } from '../../shared/i18n/diagnostic-messages';
import type { Lang } from '../../shared/i18n/lang';
import { nodeHashPlatform } from '../platform/sha256';

export interface DescribedHash {
  readonly verification: HashVerification;
  /** `undefined` when the text does not decode at all. */
  readonly decoded: HashDetails | undefined;
}

/** Decodes `text` and says whether Microsoft would accept it (the checks `inspect` and collection make). */
export function describeHash(text: string, lang: Lang): DescribedHash {
  return hashDetails(decodeHardwareHash(text, nodeHashPlatform), lang);
}

export function hashDetails(result: HashDecodeResult, lang: Lang): DescribedHash {
  if (!result.ok) {
    const failure = result.failure;
    return {
      verification: {
        kind: 'failed',
        code: failure.kind,
        message: hashFailureText(failure.kind, failureDetails(failure), lang),
      },
      decoded: undefined,
    };
  }
  const hash = result.hash;
  const blocker = registrationBlocker(hash);
  const inv = hash.inventory;
  return {
    verification: blocker
      ? { kind: 'failed', code: blocker.kind, message: hashFailureText(blocker.kind, {}, lang) }
      : { kind: 'verified' },
    decoded: {
      serial: inv.serial ?? null,
      manufacturer: inv.manufacturer ?? null,
      model: inv.model ?? null,
      sku: inv.sku ?? null,
      family: inv.family ?? null,
      productKeyId: inv.productKeyId ?? null,
      smbiosUuid: inv.smbiosUuid ?? null,
      tpmVersion: inv.tpmVersion ?? null,
      tpmEndorsementKey: inv.tpmEndorsementKey ?? null,
      networkAdapters: inv.networkAdapters.map((a) => ({ medium: a.medium, mac: a.mac })),
      diskSerials: [...inv.diskSerials],
      osBuild: inv.osBuild ?? null,
      toolBuild: inv.toolBuild ?? null,
      byteLength: hash.byteLength,
      inventoryLength: hash.inventoryLength,
      repadded: hash.repadded,
      records: hash.records.map((r) => ({
        type: r.type,
        name: RECORD_NAMES[r.type] ?? null,
        offset: r.offset,
        length: r.length,
      })),
    },
  };
}
