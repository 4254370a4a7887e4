// The case page shows an email's HTML in a sandboxed frame (see EmailView.cs): grow each frame to its content so the
// conversation reads as one page. Without JavaScript the frame keeps its fixed height and scrolls.
const fit = (frame) => {
  const root = frame.contentDocument?.documentElement;
  if (root) frame.style.height = `${root.scrollHeight + 2}px`;
};

// load does not bubble: listen in the capture phase, which also covers frames htmx swaps in later.
document.addEventListener("load", (e) => {
  if (e.target instanceof HTMLIFrameElement && e.target.classList.contains("email-html")) fit(e.target);
}, true);

for (const frame of document.querySelectorAll("iframe.email-html")) {
  if (frame.contentDocument?.readyState === "complete") fit(frame);
}
