/* Scenario Playbook: checklists that remember.
   Ticks live in localStorage under "playbook:v1:checklist:<scenario-id>" as
   {"<item-id>": "<hash of the item's text when it was ticked>"}. A tick whose hash no longer
   matches the item's text is dropped and the item is flagged, never silently kept.
   Progress moves between browsers as a small JSON file:
   {"format": "playbook-checklists", "version": 1, "checklists": {"<scenario>": {...}}}. */
(function () {
  "use strict";
  var pb = (window.playbook = window.playbook || {});
  pb.modules = pb.modules || {};

  var PREFIX = "playbook:v1:checklist:";
  var FORMAT = "playbook-checklists";
  var VERSION = 1;
  var ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var HASH = /^[0-9a-f]{6,64}$/;
  var MAX_FILE = 1024 * 1024;

  function store() {
    try {
      return window.localStorage;
    } catch (error) {
      return null; /* storage switched off: ticks last until the page is left */
    }
  }

  function isPlainObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  /* A map without a prototype: an item id such as "constructor" is only ever its own key. */
  function emptyMap() {
    return Object.create(null);
  }

  /* A value for a status line: never more than a few dozen characters. */
  function shorten(text) {
    text = String(text);
    return text.length > 60 ? text.slice(0, 60) + "\u2026" : text;
  }

  /* An item map {id: hash} if value is one, else null. */
  function itemMap(value) {
    if (!isPlainObject(value)) return null;
    var out = emptyMap();
    var keys = Object.keys(value);
    for (var i = 0; i < keys.length; i++) {
      if (!ID.test(keys[i]) || typeof value[keys[i]] !== "string" || !HASH.test(value[keys[i]])) {
        return null;
      }
      out[keys[i]] = value[keys[i]];
    }
    return out;
  }

  function load(scenario) {
    var s = store();
    var raw = s && s.getItem(PREFIX + scenario);
    if (!raw) return emptyMap();
    try {
      return itemMap(JSON.parse(raw)) || emptyMap();
    } catch (error) {
      return emptyMap();
    }
  }

  function save(scenario, items) {
    var s = store();
    if (!s) return;
    if (Object.keys(items).length) s.setItem(PREFIX + scenario, JSON.stringify(items));
    else s.removeItem(PREFIX + scenario);
  }

  /* Save every checklist or none: on a full storage, put back what was there before. */
  function saveAll(checklists) {
    var s = store();
    if (!s) return true;
    var names = Object.keys(checklists);
    var before = names.map(function (name) { return s.getItem(PREFIX + name); });
    try {
      names.forEach(function (name) { save(name, checklists[name]); });
      return true;
    } catch (error) {
      names.forEach(function (name, i) {
        try {
          if (before[i] === null) s.removeItem(PREFIX + name);
          else s.setItem(PREFIX + name, before[i]);
        } catch (ignored) { /* putting back never needs more room than there was */ }
      });
      return false;
    }
  }

  function exportAll() {
    var s = store();
    var checklists = {};
    for (var i = 0; s && i < s.length; i++) {
      var key = s.key(i);
      if (key && key.indexOf(PREFIX) === 0) {
        var scenario = key.slice(PREFIX.length);
        var items = load(scenario);
        if (ID.test(scenario) && Object.keys(items).length) checklists[scenario] = items;
      }
    }
    return { format: FORMAT, version: VERSION, exported: new Date().toISOString(), checklists: checklists };
  }

  /* The checklists in an imported file's text, or throws an Error saying what is wrong. */
  function parseImport(text) {
    var data;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new Error("it is not JSON");
    }
    if (!isPlainObject(data) || data.format !== FORMAT) throw new Error("it is not a playbook progress file");
    if (data.version !== VERSION) throw new Error("it has version " + shorten(JSON.stringify(data.version)) + ", expected " + VERSION);
    if (!isPlainObject(data.checklists)) throw new Error("it has no checklists");
    var out = emptyMap();
    Object.keys(data.checklists).forEach(function (scenario) {
      var items = itemMap(data.checklists[scenario]);
      if (!ID.test(scenario) || items === null) throw new Error("the entry for " + shorten(JSON.stringify(scenario.slice(0, 60))) + " is malformed");
      out[scenario] = items;
    });
    return out;
  }

  function download(name, text) {
    var url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function setUp(list) {
    var scenario = list.getAttribute("data-pb-checklist");
    var boxes = Array.prototype.slice.call(list.querySelectorAll("input[data-pb-item]"));
    var progress = list.querySelector("[data-pb-progress]");
    var tools = list.querySelector("[data-pb-checklist-tools]");
    var status = list.querySelector("[data-pb-checklist-status]");
    var file = list.querySelector("[data-pb-import-file]");

    function say(text) { if (status) status.textContent = text; }

    function flag(box, changed) {
      var item = box.closest("li") || box.parentNode;
      var note = item.querySelector(".pb-item-changed-note");
      item.classList.toggle("pb-item-changed", changed);
      if (changed && !note) {
        note = document.createElement("span");
        note.className = "pb-item-changed-note";
        note.textContent = " (reworded since you ticked it: tick it again if it still holds)";
        (box.closest("label") || item).appendChild(note);
      } else if (!changed && note) {
        note.remove();
      }
    }

    function showProgress() {
      var done = boxes.filter(function (b) { return b.checked; }).length;
      if (progress) {
        progress.hidden = false;
        progress.textContent = done + " of " + boxes.length + " done";
      }
    }

    /* Ticks from storage; ticks of reworded or removed items are dropped (and flagged). */
    function restore() {
      var saved = load(scenario);
      var kept = emptyMap();
      boxes.forEach(function (box) {
        var id = box.getAttribute("data-pb-item");
        var hash = box.getAttribute("data-pb-hash");
        box.checked = saved[id] === hash;
        if (box.checked) kept[id] = hash;
        flag(box, saved[id] !== undefined && saved[id] !== hash);
      });
      if (Object.keys(kept).length !== Object.keys(saved).length) save(scenario, kept);
      showProgress();
    }

    boxes.forEach(function (box) {
      box.addEventListener("change", function () {
        var items = load(scenario);
        var id = box.getAttribute("data-pb-item");
        if (box.checked) items[id] = box.getAttribute("data-pb-hash");
        else delete items[id];
        try {
          save(scenario, items);
        } catch (error) {
          say("Not saved: the browser's storage for this site is full.");
        }
        flag(box, false);
        showProgress();
      });
    });

    if (tools) {
      tools.hidden = false;
      tools.querySelector("[data-pb-reset]").addEventListener("click", function () {
        save(scenario, emptyMap());
        restore();
        say("Ticks cleared.");
      });
      tools.querySelector("[data-pb-export]").addEventListener("click", function () {
        var data = exportAll();
        download("playbook-progress.json", JSON.stringify(data, null, 2) + "\n");
        say("Progress of " + Object.keys(data.checklists).length + " checklist(s) exported.");
      });
      tools.querySelector("[data-pb-import]").addEventListener("click", function () {
        if (file) file.click();
      });
    }
    if (file) {
      file.addEventListener("change", function () {
        var chosen = file.files && file.files[0];
        file.value = "";
        if (!chosen) return;
        if (chosen.size > MAX_FILE) {
          say("Nothing imported: the file is too large to be playbook progress.");
          return;
        }
        chosen.text().then(function (text) {
          var checklists;
          try {
            checklists = parseImport(text);
          } catch (error) {
            say("Nothing imported: " + error.message + ".");
            return;
          }
          if (!saveAll(checklists)) {
            say("Nothing imported: the browser's storage for this site is full.");
            return;
          }
          restore();
          say("Progress of " + Object.keys(checklists).length + " checklist(s) imported.");
        }).catch(function () {
          say("Nothing imported: the file could not be read.");
        });
      });
    }
    restore();
  }

  pb.modules.checklist = function (root) {
    pb.claim(root, "[data-pb-checklist]").forEach(setUp);
  };
})();
