// Authoring: selecting a passage in the document fills in the question's quote, with the
// passage's offsets in the document so the server takes the text from the document itself.
// Without this script the author pastes the quote; the checker verifies it either way.
(function () {
  "use strict";
  var panel = document.getElementById("source-text");
  var form = document.getElementById("question-form");
  if (!panel || !form) { return; }
  var quote = form.querySelector("textarea[name='source-quote']");
  var start = form.querySelector("input[data-offset=start]");
  var end = form.querySelector("input[data-offset=end]");
  var select = form.querySelector("select[name='source-document']");
  var show = form.querySelector("button[name='show']");

  // The "Show this document" button is for pages without scripts: here, choosing is enough.
  if (show) { show.hidden = true; }
  if (select && show) {
    select.addEventListener("change", function () { show.hidden = false; show.click(); });
  }

  function offsetIn(node, offset) {
    // The document offset of a point inside one of the panel's blocks (each holds only text).
    var block = node.nodeType === 1 ? node : node.parentElement;
    while (block && block !== panel && !block.hasAttribute("data-start")) { block = block.parentElement; }
    if (!block || block === panel) { return null; }
    var before = 0;
    if (node.nodeType === 3) { before = offset; } else { before = offset ? block.textContent.length : 0; }
    return Number(block.getAttribute("data-start")) + before;
  }

  function capture() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !panel.contains(selection.anchorNode) || !panel.contains(selection.focusNode)) { return; }
    var a = offsetIn(selection.anchorNode, selection.anchorOffset);
    var b = offsetIn(selection.focusNode, selection.focusOffset);
    if (a === null || b === null || a === b) { return; }
    start.value = String(Math.min(a, b));
    end.value = String(Math.max(a, b));
    quote.value = selection.toString().replace(/\s+/g, " ").trim();
    quote.dispatchEvent(new Event("change"));
  }

  // Show the passage the quote names, scrolled into the panel's view.
  var marked = panel.querySelector("mark");
  if (marked) { panel.scrollTop = Math.max(0, marked.parentElement.offsetTop - panel.offsetTop - 16); }

  panel.addEventListener("mouseup", capture);
  panel.addEventListener("keyup", capture);
  // Typing in the quote by hand: the offsets no longer describe it.
  quote.addEventListener("input", function () { start.value = ""; end.value = ""; });
})();
