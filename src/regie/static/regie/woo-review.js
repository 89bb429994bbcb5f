/* Woo review screen: text selected in a part of the document (mouse, or Shift + arrow keys with
 * caret browsing) fills the form "Redact text by hand" with that part, the text and which
 * occurrence it is, and moves the focus to the ground. Progressive enhancement only: the form
 * works the same when typed into by hand, and without this script. */
(function () {
  "use strict";

  var form = document.querySelector("[data-woo-manual]");
  if (!form) {
    return;
  }
  var blockField = form.querySelector("[name='manual-block']");
  var textField = form.querySelector("[name='manual-text']");
  var occurrenceField = form.querySelector("[name='manual-occurrence']");
  var everyField = form.querySelector("[name='manual-every']");
  var groundField = form.querySelector("[name='manual-ground']");
  var status = form.querySelector("[data-woo-status]");

  // The ground labels inside the marks are not part of the document's text.
  function isLabel(node) {
    var parent = node.parentElement;
    return Boolean(parent && parent.closest("[data-woo-label]"));
  }

  function textNodes(block) {
    var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    var nodes = [];
    var node = walker.nextNode();
    while (node) {
      if (!isLabel(node)) {
        nodes.push(node);
      }
      node = walker.nextNode();
    }
    return nodes;
  }

  // The position of a selection boundary as a character offset in the block's own text.
  function offsetIn(block, container, offset) {
    var range = document.createRange();
    range.selectNodeContents(block);
    range.setEnd(container, offset);
    var count = 0;
    var nodes = textNodes(block);
    for (var i = 0; i < nodes.length; i += 1) {
      var node = nodes[i];
      if (node === container) {
        return count + offset;
      }
      if (range.comparePoint(node, node.length) !== 0) {
        break;
      }
      count += node.length;
    }
    return count;
  }

  function blockOf(node) {
    var element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    return element ? element.closest("[data-woo-block]") : null;
  }

  function occurrence(text, part, start) {
    var n = 0;
    var at = text.indexOf(part);
    while (at >= 0) {
      n += 1;
      if (at >= start) {
        return n;
      }
      at = text.indexOf(part, at + part.length);
    }
    return Math.max(n, 1);
  }

  function take() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) {
      return;
    }
    var range = selection.getRangeAt(0);
    var block = blockOf(range.startContainer);
    if (!block || block !== blockOf(range.endContainer)) {
      return;
    }
    var text = textNodes(block).map(function (node) { return node.data; }).join("");
    var start = offsetIn(block, range.startContainer, range.startOffset);
    var end = offsetIn(block, range.endContainer, range.endOffset);
    while (start < end && /\s/.test(text.charAt(start))) { start += 1; }
    while (end > start && /\s/.test(text.charAt(end - 1))) { end -= 1; }
    if (start >= end) {
      return;
    }
    var part = text.slice(start, end);
    blockField.value = block.getAttribute("data-woo-block");
    textField.value = part;
    if (occurrenceField) { occurrenceField.value = String(occurrence(text, part, start)); }
    if (everyField) { everyField.checked = false; }
    if (status) {
      status.textContent = status.getAttribute("data-woo-status").replace("{text}", part);
    }
    groundField.focus();
  }

  document.addEventListener("mouseup", function (event) {
    if (!form.contains(event.target)) {
      window.setTimeout(take, 0);
    }
  });
  // Shift + arrow keys select; letting go of Shift ends the selection.
  document.addEventListener("keyup", function (event) {
    if (event.key === "Shift" && !form.contains(event.target)) {
      take();
    }
  });
}());
