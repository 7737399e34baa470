// Preloaded with `node --require` by the determinism test (so that the PDF process, started
// from its V8 snapshot, has it too): the machine's clock reads 2031-07-15.
const OFFSET = Date.UTC(2031, 6, 15, 3, 4, 5) - Date.now();
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
