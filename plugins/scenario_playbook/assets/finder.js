/* Scenario Playbook: the scenario finder on the index page.
   Facet checkboxes (family, roles, stages, principles, tags: OR within a facet, AND across
   facets) and a text filter. The state lives in the URL query, with the scenario fields as
   parameter names (?family=loyalty-tests&roles=account-manager&text=phone), kept up to date
   with history.replaceState, so a filtered view can be shared; it works from file:// too.
   Each count says how many scenarios that value would show, given the other filters. */
(function () {
  "use strict";
  var pb = (window.playbook = window.playbook || {});
  pb.modules = pb.modules || {};

  var FACETS = ["family", "roles", "stages", "principles", "tags"];
  var SEPARATOR = { tags: "|" };

  function values(item, facet) {
    var raw = item.getAttribute("data-" + facet) || "";
    return raw ? raw.split(SEPARATOR[facet] || " ") : [];
  }

  function setUp(form) {
    var list = document.querySelector("[data-pb-index]");
    if (!list) return;
    var text = form.querySelector("input[type=search]");
    var textParam = text.name;
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
    var status = form.querySelector("[data-pb-finder-status]");
    var empty = document.querySelector("[data-pb-finder-empty]");
    var items = Array.prototype.slice.call(list.querySelectorAll("[data-pb-id]")).map(function (el) {
      var entry = { el: el, words: (el.textContent + " " + values(el, "tags").join(" ") + " " +
        (el.getAttribute("data-keywords") || "").split("|").join(" ")).toLowerCase() };
      FACETS.forEach(function (facet) { entry[facet] = values(el, facet); });
      return entry;
    });

    function selected() {
      var chosen = {};
      FACETS.forEach(function (facet) { chosen[facet] = []; });
      boxes.forEach(function (box) { if (box.checked && chosen[box.name]) chosen[box.name].push(box.value); });
      return chosen;
    }

    function matches(item, chosen, terms, except) {
      var facetsOk = FACETS.every(function (facet) {
        return facet === except || !chosen[facet].length ||
          chosen[facet].some(function (v) { return item[facet].indexOf(v) >= 0; });
      });
      return facetsOk && terms.every(function (t) { return item.words.indexOf(t) >= 0; });
    }

    function apply() {
      var chosen = selected();
      var terms = text.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (item) {
        var ok = matches(item, chosen, terms, null);
        item.el.hidden = !ok;
        if (ok) shown++;
      });
      boxes.forEach(function (box) {
        var n = items.filter(function (item) {
          return item[box.name].indexOf(box.value) >= 0 && matches(item, chosen, terms, box.name);
        }).length;
        var count = box.parentNode.querySelector("[data-pb-count]");
        if (count) count.textContent = String(n);
        box.parentNode.classList.toggle("pb-facet-none", n === 0 && !box.checked);
      });
      status.textContent = "Showing " + shown + " of " + items.length + " scenarios.";
      if (empty) empty.hidden = shown !== 0;
      writeUrl(chosen);
    }

    function writeUrl(chosen) {
      var params = new URLSearchParams(location.search); /* keep parameters not ours */
      FACETS.concat([textParam]).forEach(function (name) { params.delete(name); });
      FACETS.forEach(function (facet) {
        chosen[facet].forEach(function (v) { params.append(facet, v); });
      });
      if (text.value.trim()) params.set(textParam, text.value.trim());
      var query = params.toString();
      var url = location.pathname + (query ? "?" + query : "") + location.hash;
      if (url !== location.pathname + location.search + location.hash) {
        history.replaceState(history.state, "", url);
      }
    }

    function readUrl() {
      var params = new URLSearchParams(location.search);
      boxes.forEach(function (box) { box.checked = params.getAll(box.name).indexOf(box.value) >= 0; });
      text.value = params.get(textParam) || "";
    }

    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("change", apply);
    text.addEventListener("input", apply);
    form.querySelector("[data-pb-finder-clear]").addEventListener("click", function () {
      boxes.forEach(function (box) { box.checked = false; });
      text.value = "";
      apply();
      text.focus();
    });
    readUrl();
    apply();
  }

  pb.modules.finder = function (root) {
    pb.claim(root, "form[data-pb-finder]").forEach(setUp);
  };
})();
