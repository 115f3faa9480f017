/* Scenario Playbook: starts the page enhancements (checklist.js, decisions.js, finder.js,
   the print button). Every page stays readable without JavaScript.
   Each enhancement registers itself as window.playbook.modules[name] = function (root) {...};
   they run on DOMContentLoaded and on Material's document$ (which fires again after instant
   navigation swaps a page). Each marks what it has bound, so nothing binds twice. */
(function () {
  "use strict";
  var pb = (window.playbook = window.playbook || {});
  pb.modules = pb.modules || {};

  /* Elements under root matching selector that have not been set up yet; marks them. */
  pb.claim = function (root, selector) {
    return Array.prototype.filter.call(root.querySelectorAll(selector), function (el) {
      if (el.hasAttribute("data-pb-ready")) return false;
      el.setAttribute("data-pb-ready", "");
      return true;
    });
  };

  pb.modules.print = function (root) {
    pb.claim(root, "[data-pb-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  };

  /* Material's search overlay has role="dialog" but no name; give it one (axe: aria-dialog-name). */
  pb.modules.searchName = function (root) {
    pb.claim(root, ".md-search[role=dialog]:not([aria-label])").forEach(function (dialog) {
      dialog.setAttribute("aria-label", "Search");
    });
  };

  function start(root) {
    Object.keys(pb.modules).forEach(function (name) {
      try {
        pb.modules[name](root);
      } catch (error) {
        console.error("playbook: " + name + " failed", error);
      }
    });
  }

  if (pb.started) return;
  pb.started = true;
  /* Material's document$ fires again after each instant page swap. On file:// pages Material
     completes it without a value, so DOMContentLoaded starts the first page in any case;
     pb.claim makes the second start a no-op. */
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe({ next: function () { start(document); } });
  }
  if (document.readyState !== "loading") start(document);
  else document.addEventListener("DOMContentLoaded", function () { start(document); });
})();
