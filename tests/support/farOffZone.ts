/**
 * Sets Luxon's default zone to a far-off one for a test file: if any code fell
 * back to the default (or the machine's) zone instead of the site's, dates would show it.
 */
import { Settings } from "luxon";
import { afterAll, beforeAll } from "vitest";

export function useFarOffDefaultZone(): void {
  let savedZone: typeof Settings.defaultZone;
  beforeAll(() => {
    savedZone = Settings.defaultZone;
    Settings.defaultZone = "Pacific/Kiritimati";
  });
  afterAll(() => {
    Settings.defaultZone = savedZone;
  });
}
