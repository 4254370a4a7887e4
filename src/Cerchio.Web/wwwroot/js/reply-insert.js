// Text put into the reply box where the agent's cursor is (replacing a selection), without posting the form: the
// files already chosen and the text around the cursor stay. Shared by canned replies and knowledge articles.

/**
 * @param {HTMLTextAreaElement} reply
 * @param {string} text
 * @param {boolean} block a paragraph of its own (a text) rather than words in the line (a link)
 */
export function insertAtCursor(reply, text, block = true) {
  const start = reply.selectionStart ?? reply.value.length;
  const end = reply.selectionEnd ?? start;
  const before = reply.value.slice(0, start);
  let after = reply.value.slice(end);
  let lead;
  let tail;
  if (block) {
    // A blank line apart from text already typed on either side, as the server's own insertion does.
    lead = before.trim() === "" ? "" : before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
    tail = after.trim() === "" ? "" : "\n\n";
    after = after.replace(/^\n+/, "");
  } else {
    // A space apart from a word on either side.
    lead = before === "" || /\s$/.test(before) ? "" : " ";
    tail = after === "" || /^\s/.test(after) ? "" : " ";
  }
  reply.value = before + lead + text + tail + after;
  const caret = (before + lead + text).length;
  reply.focus();
  reply.setSelectionRange(caret, caret);
  // Whoever listens to typing (the presence warning) hears this too.
  reply.dispatchEvent(new Event("input", { bubbles: true }));
}
