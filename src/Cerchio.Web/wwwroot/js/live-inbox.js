// The inbox follows the desk without a reload (UX.md): [data-live-feed] names the Server-Sent Events address; on
// news the page fetches itself again and swaps in every [data-live-part] (the list, and the sidebar with the views'
// counts), unless the person is in the middle of something (a focused field, ticked rows), in which case a button
// offers the update instead.

const root = document.querySelector("[data-live-feed]");
if (root && "EventSource" in window) {
  const announce = root.querySelector("[data-live-announce]");
  const offer = root.querySelector("[data-live-offer]");
  let pending = null;

  const busy = () =>
    root.contains(document.activeElement) && document.activeElement.matches("input, select, textarea") ||
    root.querySelector("input[type=checkbox]:checked") !== null;

  const refresh = async (number) => {
    const response = await fetch(location.href, { headers: { "X-Requested-With": "live-inbox" } });
    if (!response.ok) return;
    const next = new DOMParser().parseFromString(await response.text(), "text/html");
    if (!next.querySelector("[data-live-feed]")) return;
    // Keep the keyboard's place (a link reached with Tab or j/k) across the swap.
    const live = (element) => element?.closest("[data-live-part]") !== null;
    const focused = live(document.activeElement) ? document.activeElement.getAttribute("href") : null;
    const rowLink = document.activeElement?.hasAttribute("data-row-link");
    for (const part of document.querySelectorAll("[data-live-part]")) {
      const fresh = next.querySelector(`[data-live-part="${part.dataset.livePart}"]`);
      if (fresh) part.replaceWith(document.importNode(fresh, true));
    }
    const again = focused && document.querySelector(`[data-live-part] a[href="${CSS.escape(focused)}"]${rowLink ? "[data-row-link]" : ""}`);
    if (again) {
      again.closest("[data-row]")?.classList.add("row-current");
      again.focus();
    }
    offer?.setAttribute("hidden", "");
    if (announce) announce.textContent = root.dataset.liveSaid.replace("{0}", number);
  };

  const feed = new EventSource(root.dataset.liveFeed);
  feed.addEventListener("case", (e) => {
    pending = e.data;
    if (busy()) {
      offer?.removeAttribute("hidden");
    } else {
      refresh(pending);
    }
  });
  offer?.addEventListener("click", () => refresh(pending));
  window.addEventListener("pagehide", () => feed.close());
}
