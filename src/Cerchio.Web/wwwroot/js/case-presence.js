// The case page says who else has the case open, and warns when someone is writing a reply (UX.md: two agents must
// not answer the same customer twice). [data-presence] names the Server-Sent Events address; typing in the reply box
// reconnects with ?scrivendo=true so the others see it, and emptying it says "only looking" again.

const box = document.querySelector("[data-presence]");
if (box && "EventSource" in window) {
  const reply = document.querySelector("#reply-text");
  let source = null;
  let writing = (reply?.value.trim() ?? "") !== "";   // a reply kept after an error is still being written

  const connect = () => {
    source?.close();
    source = new EventSource(box.dataset.presence + (writing ? "?scrivendo=true" : ""));
    source.addEventListener("presence", (e) => {
      const { text, replying } = JSON.parse(e.data);
      box.textContent = text;
      box.hidden = text === "";
      box.classList.toggle("alert-warning", replying);
      box.classList.toggle("alert-info", !replying);
    });
  };

  connect();
  reply?.addEventListener("input", () => {
    const now = reply.value.trim() !== "";
    if (now !== writing) {
      writing = now;
      connect();
    }
  });
  addEventListener("pagehide", () => source?.close());
}
