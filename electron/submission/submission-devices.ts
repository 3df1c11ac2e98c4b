/** The device list and progress reporting both submitters (Graph, Partner Center) start a run with. */
import type { DeviceProgress, SubmitDevice } from './graph-submitter';

/** Serials compare without case and surrounding spaces, as Autopilot matches them. */
export function serialKey(serial: string): string {
  return serial.trim().toUpperCase();
}

/** One device per serial (the first listed), by serialKey: a serial listed twice is sent once. */
export function uniqueBySerial(devices: readonly SubmitDevice[]): Map<string, SubmitDevice> {
  const unique = new Map<string, SubmitDevice>();
  for (const device of devices) {
    const key = serialKey(device.serial);
    if (!unique.has(key)) unique.set(key, device);
  }
  return unique;
}

/** The caller's progress callback, made safe: a throw is logged and ignored. */
export function guardedProgress(
  report: ((serial: string, progress: DeviceProgress) => void) | undefined,
  log: (line: string) => void,
): (serial: string, progress: DeviceProgress) => void {
  const callback = report ?? (() => undefined);
  return (serial, progress) => {
    try {
      callback(serial, progress);
    } catch (error) {
      log(`submission progress callback threw: ${String(error)}`);
    }
  };
}
