/* Scenario Playbook: lines you can use straight away, and call mode.
   - Every element marked data-pb-line (a "say" line, a "you say" answer, the follow-up
     message) gets a "Copy" button; it copies the text of its .pb-line-text with the clipboard
     API, or, where that is refused, by selecting it and using the copy command. Without
     JavaScript the text is plain and selectable.
   - "Call mode" shows only the lines to say, "If they say..." and the checklist, in large
     type, and asks the browser to keep the screen on (Screen Wake Lock API, where there is
     one). The state is the URL's #call, so a reload stays in call mode; the checklist is the
     same element in both views, so ticks are shared. */
(function () {
  "use strict";
  var pb = (window.playbook = window.playbook || {});
  pb.modules = pb.modules || {};

  function copyBySelection(node) {
    var selection = window.getSelection();
    var range = document.createRange();
    range.selectNodeContents(node);
    selection.removeAllRanges();
    selection.addRange(range);
    var done = false;
    try { done = document.execCommand("copy"); } catch (error) { done = false; }
    return done;
  }

  function copyText(node) {
    var text = (node.innerText || node.textContent || "").replace(/\u00a0/g, " ").trim();
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return copyBySelection(node); }
      );
    }
    return Promise.resolve(copyBySelection(node));
  }

  pb.modules.copyLines = function (root) {
    pb.claim(root, "[data-pb-line]").forEach(function (line) {
      var source = line.querySelector(".pb-line-text");
      if (!source) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "pb-copy pb-no-print";
      button.setAttribute("data-pb-copy", "");
      button.setAttribute("data-search-exclude", "");
      button.textContent = "Copy";
      var label = line.classList.contains("pb-message") ? "Copy the message" : "Copy this line";
      button.setAttribute("aria-label", label);
      var status = document.createElement("span");
      status.className = "pb-copy-status";
      status.setAttribute("role", "status");
      button.addEventListener("click", function () {
        copyText(source).then(function (ok) {
          status.textContent = ok ? "Copied" : "Selected: press Ctrl+C or Cmd+C to copy";
          button.setAttribute("data-pb-copied", ok ? "true" : "false");
          window.setTimeout(function () { status.textContent = ""; }, 2500);
        });
      });
      line.appendChild(button);
      line.appendChild(status);
    });
  };

  var wakeLock = null;

  function keepScreenOn(note) {
    if (!("wakeLock" in navigator) || document.visibilityState !== "visible") return;
    navigator.wakeLock.request("screen").then(function (lock) {
      wakeLock = lock;
      note.textContent = "The screen stays on during the call.";
      lock.addEventListener("release", function () { if (wakeLock === lock) wakeLock = null; });
    }, function () { /* refused or unavailable: the call mode works without it */ });
  }

  function letScreenSleep() {
    if (wakeLock) { wakeLock.release().catch(function () {}); wakeLock = null; }
  }

  function setCallMode(on, card) {
    var bar = document.querySelector("[data-pb-call-bar]");
    var note = document.querySelector("[data-pb-call-note]");
    document.body.classList.toggle("pb-call", on);
    if (bar) bar.hidden = !on;
    if (on) {
      if (note) keepScreenOn(note);
      if (location.hash !== "#call") history.replaceState(null, "", "#call");
      var exit = document.querySelector("[data-pb-call-exit]");
      if (exit) exit.focus();
      window.scrollTo(0, 0);
    } else {
      letScreenSleep();
      if (note) note.textContent = "";
      if (location.hash === "#call") {
        history.replaceState(null, "", location.pathname + location.search);
      }
      var start = card && card.querySelector("[data-pb-call-mode]");
      if (start) start.focus();
    }
  }

  pb.modules.callMode = function (root) {
    if (!document.querySelector("[data-pb-call-mode]")) document.body.classList.remove("pb-call");
    pb.claim(root, "[data-pb-call-mode]").forEach(function (button) {
      var card = button.closest("[data-pb-scenario]");
      button.hidden = false;
      button.addEventListener("click", function () { setCallMode(true, card); });
      var exit = document.querySelector("[data-pb-call-exit]");
      if (exit && !exit.hasAttribute("data-pb-ready")) {
        exit.setAttribute("data-pb-ready", "");
        exit.addEventListener("click", function () { setCallMode(false, card); });
      }
      if (location.hash === "#call") setCallMode(true, card);
      else document.body.classList.remove("pb-call");
    });
  };

  if (!pb.callModeListeners) {
    pb.callModeListeners = true;
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && document.body.classList.contains("pb-call")) {
        var card = document.querySelector("[data-pb-scenario]");
        setCallMode(false, card);
      }
    });
    window.addEventListener("hashchange", function () {
      var card = document.querySelector("[data-pb-scenario]");
      if (!card || !card.querySelector("[data-pb-call-mode]")) return;
      var on = location.hash === "#call";
      if (on !== document.body.classList.contains("pb-call")) setCallMode(on, card);
    });
    document.addEventListener("visibilitychange", function () {
      var note = document.querySelector("[data-pb-call-note]");
      if (document.visibilityState === "visible" && document.body.classList.contains("pb-call") && note && !wakeLock) {
        keepScreenOn(note);
      }
    });
  }
})();
