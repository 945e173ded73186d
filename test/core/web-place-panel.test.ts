import { describe, expect, it } from "vitest";
import { placePanel } from "../../apps/web/src/lib/place-panel.ts";

const phone = { width: 390, height: 844 };
const trigger = (left: number, top: number) => ({ left, right: left + 32, top, bottom: top + 32 });

describe("placePanel", () => {
  it("hangs below the trigger, lined up with its end or start edge", () => {
    expect(placePanel(trigger(300, 100), { width: 240, height: 200 }, { width: 1280, height: 800 })).toEqual({
      top: 138,
      left: 92,
      maxHeight: 654,
    });
    expect(placePanel(trigger(300, 100), { width: 240, height: 200 }, { width: 1280, height: 800 }, "start").left).toBe(
      300,
    );
  });

  it("moves sideways to stay inside a phone's width", () => {
    expect(placePanel(trigger(20, 100), { width: 240, height: 100 }, phone).left).toBe(8);
    expect(placePanel(trigger(340, 100), { width: 240, height: 100 }, phone, "start").left).toBe(390 - 8 - 240);
  });

  it("flips above the trigger near the bottom; a panel too tall for either side scrolls in the roomier one", () => {
    expect(placePanel(trigger(100, 760), { width: 240, height: 300 }, phone).top).toBe(760 - 6 - 300);
    expect(placePanel(trigger(100, 400), { width: 240, height: 900 }, phone)).toMatchObject({
      top: 438,
      maxHeight: 398,
    });
    expect(placePanel(trigger(100, 600), { width: 240, height: 900 }, phone)).toMatchObject({ top: 8, maxHeight: 586 });
    // Slivers on both sides (a landscape phone): over the whole window rather than a scrolling slit.
    const short = { width: 844, height: 300 };
    expect(placePanel(trigger(100, 130), { width: 240, height: 400 }, short)).toMatchObject({ top: 8, maxHeight: 284 });
  });
});
