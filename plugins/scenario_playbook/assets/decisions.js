/* Scenario Playbook: decision points that answer.
   Without JavaScript every option is a <details> with its feedback. With it, each decision shows
   its options as buttons; the feedback and verdict of the chosen one appear only after the
   choice. Options with a next decision walk the reader on (a stepper), with Back and Start again. */
(function () {
  "use strict";
  var pb = (window.playbook = window.playbook || {});
  pb.modules = pb.modules || {};

  function button(text, className) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "md-button " + className;
    b.textContent = text;
    return b;
  }

  function setUp(container) {
    var sections = Array.prototype.slice.call(container.querySelectorAll("[data-pb-decision]"));
    if (!sections.length) return;
    var byId = {};
    var path = [];
    container.classList.add("pb-decisions-js");

    sections.forEach(function (section) {
      var id = section.getAttribute("data-pb-decision");
      var prompt = section.querySelector(".pb-prompt");
      var options = Array.prototype.slice.call(section.querySelectorAll("details.pb-option"));
      var group = document.createElement("div");
      var answer = document.createElement("div");
      var nav = document.createElement("p");
      var state = { section: section, choices: [], chosen: null, answer: answer, nav: nav };
      byId[id] = state;

      prompt.id = "pb-prompt-" + id;
      prompt.tabIndex = -1;
      group.className = "pb-choices";
      group.setAttribute("role", "group");
      group.setAttribute("aria-labelledby", prompt.id);
      answer.className = "pb-answer";
      answer.setAttribute("aria-live", "polite");
      nav.className = "pb-stepper pb-no-print";

      options.forEach(function (details) {
        var choice = button(details.querySelector("summary").textContent, "pb-choice-button");
        choice.setAttribute("aria-pressed", "false");
        choice.addEventListener("click", function () { choose(state, details, choice); });
        state.choices.push(choice);
        group.appendChild(choice);
        details.hidden = true;
      });
      section.querySelector(".pb-options").after(group, answer, nav);
    });

    function show(id, focus) {
      sections.forEach(function (section) {
        section.hidden = section.getAttribute("data-pb-decision") !== id;
      });
      steps(byId[id]);
      if (focus) byId[id].section.querySelector(".pb-prompt").focus();
    }

    function clear(state) {
      state.chosen = null;
      state.choices.forEach(function (c) { c.setAttribute("aria-pressed", "false"); });
      state.answer.replaceChildren();
    }

    function choose(state, details, choice) {
      var feedback = details.querySelector(".pb-feedback").cloneNode(true);
      feedback.querySelectorAll(".pb-next").forEach(function (el) { el.remove(); });
      state.chosen = details;
      state.choices.forEach(function (c) { c.setAttribute("aria-pressed", String(c === choice)); });
      state.answer.replaceChildren(feedback);
      steps(state);
    }

    /* The stepper's controls under a decision: Back, then Next decision or the end, Start again. */
    function steps(state) {
      var next = state.chosen && state.chosen.getAttribute("data-pb-next");
      var end;
      state.nav.replaceChildren();
      if (path.length > 1) state.nav.append(control("Back", "pb-back", back), " ");
      if (next && byId[next]) {
        state.nav.append(control("Next decision", "pb-continue", function () { go(next); }), " ");
      } else if (state.chosen) {
        end = document.createElement("span");
        end.className = "pb-end";
        end.textContent = "End of the decisions. ";
        state.nav.append(end);
      }
      if (state.chosen || path.length > 1) state.nav.append(control("Start again", "pb-restart", restart));
    }

    function control(text, className, action) {
      var b = button(text, className);
      b.addEventListener("click", action);
      return b;
    }

    function go(id) {
      clear(byId[id]);
      path.push(id);
      show(id, true);
    }

    function back() {
      path.pop();
      show(path[path.length - 1], true);
    }

    function restart() {
      Object.keys(byId).forEach(function (id) { clear(byId[id]); });
      path = [sections[0].getAttribute("data-pb-decision")];
      show(path[0], true);
    }

    path = [sections[0].getAttribute("data-pb-decision")];
    show(path[0], false);
  }

  pb.modules.decisions = function (root) {
    pb.claim(root, "[data-pb-decisions]").forEach(setUp);
  };
})();
