// Progressive enhancement for small screens; every page works without it.
// 1. The main navigation collapses into a menu button (disclosure pattern).
// 2. A table wider than the screen scrolls inside its own region, which is named after the
//    table's caption or the heading before it and can be reached with the keyboard.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function setUpMenu() {
    var button = document.querySelector(".menu-toggle");
    if (!button) return;
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") === "true";
      button.setAttribute("aria-expanded", open ? "false" : "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        button.setAttribute("aria-expanded", "false");
        button.focus();
      }
    });
  }

  function headingBefore(element) {
    var node = element;
    while (node && node !== document.body) {
      var sibling = node.previousElementSibling;
      while (sibling) {
        if (/^H[1-6]$/.test(sibling.tagName)) return sibling;
        var inner = sibling.querySelectorAll("h1, h2, h3, h4, h5, h6");
        if (inner.length) return inner[inner.length - 1];
        sibling = sibling.previousElementSibling;
      }
      node = node.parentElement;
    }
    return null;
  }

  var names = {};
  function nameOf(table) {
    var caption = table.querySelector("caption");
    var heading = headingBefore(table);
    var base = (caption || heading || { textContent: document.title }).textContent.trim();
    base = base.replace(/\s+/g, " ");
    var name = base;
    var n = 2;
    while (names[name]) name = base + " (" + n++ + ")";
    names[name] = true;
    return name;
  }

  function fitTables(root) {
    (root || document).querySelectorAll("main table").forEach(function (table) {
      var wrap = table.parentElement;
      if (!wrap.classList.contains("table-scroll")) {
        wrap = document.createElement("div");
        wrap.className = "table-scroll";
        wrap.dataset.enhanced = "1";
        table.parentElement.insertBefore(wrap, table);
        wrap.appendChild(table);
      }
      if (wrap.hasAttribute("role") && !wrap.dataset.enhanced) return; // named by its template
      wrap.dataset.enhanced = "1";
      var overflows = wrap.scrollWidth > wrap.clientWidth + 1;
      if (overflows && !wrap.hasAttribute("role")) {
        wrap.setAttribute("role", "region");
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("aria-label", nameOf(table));
      } else if (!overflows && wrap.hasAttribute("role")) {
        delete names[wrap.getAttribute("aria-label")];
        wrap.removeAttribute("role");
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  var pending = null;
  function refit() {
    if (pending) cancelAnimationFrame(pending);
    pending = requestAnimationFrame(function () { fitTables(); });
  }

  function start() {
    setUpMenu();
    fitTables();
    window.addEventListener("resize", refit);
    document.body.addEventListener("htmx:afterSwap", refit);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
