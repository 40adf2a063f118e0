// @ts-check
// A browser that does not show up. Opening the system browser can "succeed" and show nothing:
// a browser packaged as a Snap or Flatpak that fails to start, a missing handler behind
// xdg-open, a window opened behind the others. So after a few seconds without the sign-in's
// answer, the waiting panel puts "Copy the link" and "Open the browser again" up front anyway.

/** After how long without an answer the waiting panel offers the way around. */
export const NO_BROWSER_AFTER_MS = 8000;

/**
 * A timer that fires `onFire` once, `NO_BROWSER_AFTER_MS` after `arm()`, unless `disarm()`
 * comes first.
 * @param {() => void} onFire
 */
export function noBrowserTimer(onFire) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  return {
    arm() {
      clearTimeout(timer);
      timer = setTimeout(onFire, NO_BROWSER_AFTER_MS);
    },
    disarm() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
