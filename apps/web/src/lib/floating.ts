/**
 * Keeps a `<details>` menu's panel on screen. Without JavaScript the panel hangs below its summary (absolute); with
 * it, an open panel is fixed to the viewport beside its summary, so no scrolling board or table that clips its
 * overflow cuts it off: aligned to the summary's start or end edge, moved left or right to stay inside the window,
 * flipped above the summary when there is no room below, and scrolling inside when taller than the window.
 * @module
 */
import { placePanel } from "./place-panel.ts";

export interface FloatOptions {
  /** Which edge of the summary the panel lines up with. */
  align?: "start" | "end";
}

/** Svelte action for a `<details>` whose panel is its element after the `<summary>`. */
export function float(details: HTMLDetailsElement, options: FloatOptions = {}) {
  let align = options.align ?? "end";
  const panel = () => details.querySelector<HTMLElement>(":scope > :not(summary)");
  const summary = () => details.querySelector<HTMLElement>(":scope > summary");

  function place() {
    const element = panel();
    const trigger = summary();
    if (!details.open || !element || !trigger) return;
    Object.assign(element.style, { position: "fixed", top: "0px", left: "0px", right: "auto", bottom: "auto" });
    const { top, left, maxHeight } = placePanel(
      trigger.getBoundingClientRect(),
      { width: element.offsetWidth, height: element.scrollHeight },
      { width: document.documentElement.clientWidth, height: window.innerHeight },
      align,
    );
    Object.assign(element.style, {
      top: `${Math.round(top)}px`,
      left: `${Math.round(left)}px`,
      maxHeight: `${maxHeight}px`,
      overflowY: "auto",
    });
  }

  // Follows its summary every frame while open: the page can move it without any scroll or resize (a card added
  // above it, a board that re-renders), and one rectangle read per frame is cheap.
  let frame = 0;
  let last = "";
  function follow() {
    const rect = summary()?.getBoundingClientRect();
    const element = panel();
    const key = `${rect?.top},${rect?.left},${element?.offsetWidth},${element?.scrollHeight},${window.innerWidth},${window.innerHeight}`;
    if (key !== last) {
      last = key;
      place();
    }
    frame = requestAnimationFrame(follow);
  }

  function onToggle() {
    cancelAnimationFrame(frame);
    last = "";
    if (details.open) follow();
    else panel()?.removeAttribute("style");
  }

  details.addEventListener("toggle", onToggle);
  if (details.open) onToggle();
  return {
    update(next: FloatOptions = {}) {
      align = next.align ?? "end";
      place();
    },
    destroy() {
      details.removeEventListener("toggle", onToggle);
      cancelAnimationFrame(frame);
    },
  };
}
