// Preloaded with `node --require` by the determinism test: the machine's clock reads 2031-07-15,
// or the date in FAKE_CLOCK (ISO), e.g. 1970-01-01 for a machine without a clock battery.
const OFFSET = (process.env.FAKE_CLOCK ? Date.parse(process.env.FAKE_CLOCK) : Date.UTC(2031, 6, 15, 3, 4, 5)) - Date.now();
const RealDate = Date;
class FakeDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + OFFSET);
    else super(...args);
  }
  static now() {
    return RealDate.now() + OFFSET;
  }
}
globalThis.Date = FakeDate;
