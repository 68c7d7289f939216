// Preloaded into a test server (`node --import ./tests/setup/clock-offset.mjs server.js`):
// moves the process's clock by GAMBEGAM_TEST_CLOCK_OFFSET_MS, so a test can ask
// the same database for a page "a day later" and see whether the page changed.
const offset = Number(process.env.GAMBEGAM_TEST_CLOCK_OFFSET_MS ?? 0);
if (offset) {
  const RealDate = Date;
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...args);
    }
    static now() {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = ShiftedDate;
}
