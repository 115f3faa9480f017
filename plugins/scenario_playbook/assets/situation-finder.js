/* Situation finder: what a reader types in the header search first shows the best matching
   scenarios, above Material's full-text results, in the same dropdown.

   The ranking repeats plugins/scenario_playbook/search/query.py line for line (a test runs both
   over the evaluation queries and compares the order). Data: window.playbookSituations (the
   index, written at build time from the scenario models) and window.playbookStem (the vendored
   Snowball English stemmer). Both are plain scripts, so this works from file:// too.
   Every element is built with createElement/textContent: no HTML is made from data. */
(function () {
  "use strict";
  var EXACT = 4, PREFIX = 3, SYNONYM = 3, TYPO = 2, PREFIX_MIN = 3, TYPO_MIN = 5, CLOSE_PERCENT = 60;
  var CLOSE_WORDS = 3, WORDS_PERCENT = 15, CLOSE_PAIR = 2, STRONG_MIN = 20, PHRASE_BONUS = [3, 2];
  var LIMIT = 3;
  var FINAL = "0123456789abcdefghijklmnopqrstuv";
  var MORE = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  var WORD = /[a-z0-9]+(?:'[a-z0-9]+)*/g;
  var STOP = new Set((
    "a about above after again against all am an and any are aren't as at be because been " +
    "before being below between both but by can can't cannot could couldn't did didn't do does " +
    "doesn't doing don't down during each few for from further had hadn't has hasn't have " +
    "haven't having he he'd he'll he's her here here's hers herself him himself his how how's i " +
    "i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't my " +
    "myself no nor not of off on once only or other ought our ours ourselves out over own same " +
    "shan't she she'd she'll she's should shouldn't so some such than that that's the their " +
    "theirs them themselves then there there's these they they'd they'll they're they've this " +
    "those through to too under until up very was wasn't we we'd we'll we're we've were weren't " +
    "what what's when when's where where's which while who who's whom why why's with won't " +
    "would wouldn't you you'd you'll you're you've your yours yourself yourselves " +
    "also just get got now still want wants will s t").split(" "));

  /* The site's root URL, from this script's own address (stable across instant navigation). */
  var here = document.currentScript && document.currentScript.src;
  var ROOT = here ? here.replace(/assets\/playbook\/situation-finder\.js(\?.*)?$/, "") : "";

  function fold(text) {
    return text.toLowerCase().replace(/[\u2019\u2018\u02bc]/g, "'")
      .normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }
  function tokens(text) { return fold(text).match(WORD) || []; }

  /* Each digit's value (0-31), plus 32 when more digits follow (see script.py's varint). */
  var DIGIT = new Int8Array(128).fill(-1);
  for (var k = 0; k < 32; k++) { DIGIT[FINAL.charCodeAt(k)] = k; DIGIT[MORE.charCodeAt(k)] = 32 + k; }

  function varints(text) {
    var out = [], value = 0;
    for (var i = 0; i < text.length; i++) {
      var v = DIGIT[text.charCodeAt(i)];
      if (v < 32) { out.push(value * 32 + v); value = 0; }
      else value = value * 32 + (v - 32);
    }
    return out;
  }

  /* The index, decoded once; postings are decoded when a term is first used. */
  function load(data) {
    var terms = data.terms ? data.terms.split(" ") : [];
    var number = new Map();
    terms.forEach(function (t, i) { number.set(t, i); });
    var keep = new Map();
    (data.keep ? data.keep.split(" ") : []).forEach(function (pair) {
      var at = pair.indexOf(":");
      keep.set(pair.slice(0, at), pair.slice(at + 1));
    });
    var alike = new Map();
    (data.synonyms ? data.synonyms.split(" ") : []).forEach(function (text) {
      var group = text.split(",");
      group.forEach(function (root) {
        var others = alike.get(root) || [];
        group.forEach(function (s) { if (s !== root && others.indexOf(s) < 0) others.push(s); });
        alike.set(root, others);
      });
    });
    var raw = terms.length ? data.postings.split(" ") : [];
    var cache = new Array(terms.length), size = data.docs.length;
    /* Topics the playbook does not cover: [title, where, phrases, impacts] (see script.py). */
    var outside = (data.outside || []).map(function (t) {
      var impacts = new Map();
      (t[3] ? t[3].split(" ") : []).forEach(function (pair) {
        var at = pair.lastIndexOf(":");
        impacts.set(pair.slice(0, at), parseInt(pair.slice(at + 1), 10));
      });
      return { title: t[0], where: t[1], impacts: impacts,
               phrases: t[2] ? t[2].split(",").map(function (p) { return p.split(" "); }) : [] };
    });
    var outsideStems = new Set();
    outside.forEach(function (t) { t.impacts.forEach(function (v, stem) { outsideStems.add(stem); }); });
    return {
      data: data, terms: terms, number: number, alike: alike, keep: keep, idf: varints(data.idf),
      raw: raw, outside: outside, outsideStems: outsideStems,
      /* Scratch space for a search: per scenario, its best value for the current word and
         its score (zeroed again after each use, so a keystroke costs what it touches). */
      best: new Int32Array(size), scores: new Int32Array(size),
      /* A term's postings: {docs, values}, scenario numbers ascending and their impacts. */
      postings: function (m) {
        if (!cache[m]) {
          var n = varints(raw[m]), docs = new Int32Array(n.length / 2);
          var values = new Int32Array(n.length / 2), doc = 0;
          for (var i = 0, j = 0; i < n.length; i += 2, j++) {
            doc += n[i]; docs[j] = doc; values[j] = n[i + 1];
          }
          cache[m] = { docs: docs, values: values };
        }
        return cache[m];
      }
    };
  }

  /* The Snowball stem, or the index's own for the words it keeps apart (words.KEEP). */
  function stemWord(index, word) {
    return index.keep.get(word) || window.playbookStem(word);
  }

  function oneEdit(a, b) {
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1 || a === b) return false;
    var i = 0;
    while (i < Math.min(la, lb) && a[i] === b[i]) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] &&
        a.slice(i + 2) === b.slice(i + 2);
    }
    if (la > lb) return a.slice(i + 1) === b.slice(i);
    return a.slice(i) === b.slice(i + 1);
  }

  function lowerBound(terms, start) {
    var lo = 0, hi = terms.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (terms[mid] < start) lo = mid + 1; else hi = mid; }
    return lo;
  }

  function parse(index, query) {
    var raw = tokens(query), typing = /[a-z0-9]$/.test(fold(query));
    var words = [], seen = new Set(), stem = function (w) { return stemWord(index, w); };
    raw.forEach(function (word, i) {
      var last = typing && i === raw.length - 1;
      if (STOP.has(word)) return;
      var root = stem(word);
      if (seen.has(root)) return;
      seen.add(root);
      var matches = new Map();
      if (index.number.has(root)) matches.set(index.number.get(root), EXACT);
      (index.alike.get(root) || []).forEach(function (other) {
        if (index.number.has(other) && !matches.has(index.number.get(other))) {
          matches.set(index.number.get(other), SYNONYM);
        }
      });
      if (last && word.length >= PREFIX_MIN) {
        [word, root].forEach(function (start) {
          var end = start + "\uffff";
          for (var m = lowerBound(index.terms, start); m < index.terms.length && index.terms[m] < end; m++) {
            if (!matches.has(m)) matches.set(m, PREFIX);
          }
        });
      }
      if (!matches.size && word.length >= TYPO_MIN) {
        index.terms.forEach(function (term, m) { if (oneEdit(root, term)) matches.set(m, TYPO); });
      }
      var ceiling = index.number.has(root) ? index.idf[index.number.get(root)] : null;
      words.push({ text: word, matches: matches, ceiling: ceiling, root: root });
    });
    return words;
  }

  /* Whether scenario a ranks before b: the higher score, then the lower number. */
  function before(scores, a, b) {
    return scores[a] > scores[b] || (scores[a] === scores[b] && a < b);
  }

  /* What a word scores for scenario d: its best matched term's value (0 if none). */
  function valueFor(index, word, d) {
    var out = 0;
    word.matches.forEach(function (times, m) {
      var p = index.postings(m), docs = p.docs, lo = 0, hi = docs.length;
      while (lo < hi) { var mid = (lo + hi) >> 1; if (docs[mid] < d) lo = mid + 1; else hi = mid; }
      if (lo === docs.length || docs[lo] !== d) return;
      var value = times * p.values[lo];
      if (word.ceiling !== null && index.idf[m] > word.ceiling) {
        value = Math.floor(value * word.ceiling / index.idf[m]);
      }
      if (value > out) out = value;
    });
    return out;
  }

  function search(index, query, limit) {
    var words = parse(index, query), ideal = 0;
    var best = index.best, scores = index.scores, scored = [];
    words.forEach(function (word) {
      var touched = [];
      word.matches.forEach(function (times, m) {
        var rarer = word.ceiling !== null && index.idf[m] > word.ceiling;
        var p = index.postings(m), docs = p.docs, values = p.values;
        for (var i = 0; i < docs.length; i++) {
          var d = docs[i], value = times * values[i];
          if (rarer) value = Math.floor(value * word.ceiling / index.idf[m]);
          if (value > best[d]) {
            if (!best[d]) touched.push(d);
            best[d] = value;
          }
        }
      });
      var top = 0;
      for (var i = 0; i < touched.length; i++) {
        var d = touched[i], value = best[d];
        if (value > top) top = value;
        if (!scores[d]) scored.push(d);
        scores[d] += value;
        best[d] = 0;
      }
      ideal += touched.length ? top : index.data.unknownImpact;
      word.top = top;
    });
    /* The best `limit`, in order, kept by insertion (limit is small). */
    var ranked = [];
    for (var i = 0; i < scored.length; i++) {
      var d = scored[i];
      if (ranked.length === limit && !before(scores, d, ranked[limit - 1])) continue;
      var at = ranked.length === limit ? limit - 1 : ranked.length;
      while (at > 0 && before(scores, d, ranked[at - 1])) { ranked[at] = ranked[at - 1]; at--; }
      ranked[at] = d;
    }
    var hits = ranked.map(function (d) {
      return { doc: d, id: index.data.docs[d][0], score: scores[d] };
    });
    for (var i = 0; i < scored.length; i++) scores[scored[i]] = 0;
    /* How many words the best scenario matches strongly (query.py's docstring says why). */
    var strong = 0;
    if (hits.length) {
      words.forEach(function (word) {
        var value = valueFor(index, word, hits[0].doc);
        if (value >= STRONG_MIN && 2 * value >= word.top) strong++;
      });
    }
    var outside = outsideTopic(index, words, hits);
    var needed = words.length > 2 ? CLOSE_PAIR : 1;
    var score = hits.length ? 100 * hits[0].score : 0;
    var close = !words.length || (hits.length > 0 && outside === null &&
      (score >= CLOSE_PERCENT * ideal && strong >= needed ||
       strong >= CLOSE_WORDS && score >= WORDS_PERCENT * ideal));
    var terms = new Set();
    words.forEach(function (w) { w.matches.forEach(function (t, m) { terms.add(index.terms[m]); }); });
    return { words: words, hits: hits, ideal: ideal, strong: strong, close: close, terms: terms,
             outside: outside };
  }

  /* The topic the playbook leaves out that the query is about: a phrase counts when all its
     stems are the query's, a topic with a phrase of several words counts half as much again;
     the first topic scoring at least the best scenario (query.py). */
  function outsideTopic(index, words, hits) {
    /* Most queries share no stem with any topic: answered without making anything. */
    if (!words.some(function (w) { return index.outsideStems.has(w.root); })) return null;
    var roots = new Set(words.map(function (w) { return w.root; }));
    var top = 0, chosen = null;
    index.outside.forEach(function (topic, number) {
      var used = new Set(), several = false;
      topic.phrases.forEach(function (phrase) {
        if (phrase.every(function (s) { return roots.has(s); })) {
          phrase.forEach(function (s) { used.add(s); });
          if (phrase.length > 1) several = true;
        }
      });
      var score = 0;
      used.forEach(function (s) { score += EXACT * topic.impacts.get(s); });
      if (several) score = Math.floor(score * PHRASE_BONUS[0] / PHRASE_BONUS[1]);
      if (score > top) { top = score; chosen = number; }
    });
    return top && top >= (hits.length ? hits[0].score : 0) ? chosen : null;
  }

  /* Run the search code once on the index's commonest terms (and the typo path), so that the
     reader's first key press meets compiled code and decoded postings, not a cold start. */
  function warm(index) {
    var common = index.terms.map(function (t, m) { return m; }).sort(function (a, b) {
      return index.raw[b].length - index.raw[a].length;
    }).slice(0, 3).map(function (m) { return index.terms[m]; });
    search(index, common.join(" ") + " zzzzzq", LIMIT);
  }

  var loaded = null;
  function current() {
    if (!loaded && window.playbookSituations && window.playbookStem) {
      loaded = load(window.playbookSituations);
      warm(loaded);
    }
    return loaded;
  }

  /* For tests and for the curious: the same answer the panel shows. */
  window.playbookFinder = {
    search: function (query, limit) {
      var index = current();
      if (!index) return null;
      var r = search(index, query, limit || LIMIT);
      return { ids: r.hits.map(function (h) { return h.id; }), close: r.close, ideal: r.ideal,
               strong: r.strong, outside: r.outside,
               hits: r.hits.map(function (h) { return [h.id, h.score]; }) };
    },
    stem: function (word) { var index = current(); return index ? stemWord(index, word) : null; },
    tokens: tokens,
    stopWords: Array.from(STOP)
  };

  /* ---- the panel in Material's search dropdown ---- */

  function pageUrl(index, id) {
    return ROOT + "scenarios/" + id + (index.data.dirs ? "/" : ".html");
  }

  /* Text with the words whose stem was matched wrapped in <mark>. */
  function marked(parent, text, terms) {
    var re = /[\p{L}\p{N}]+(?:['\u2019][\p{L}\p{N}]+)*/gu, at = 0, m;
    while ((m = re.exec(text))) {
      var hit = tokens(m[0]).some(function (w) { return terms.has(stemWord(current(), w)); });
      if (!hit) continue;
      parent.appendChild(document.createTextNode(text.slice(at, m.index)));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      parent.appendChild(mark);
      at = m.index + m[0].length;
    }
    parent.appendChild(document.createTextNode(text.slice(at)));
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function panel(result) {
    var found = result.querySelector("[data-pb-situations]");
    if (!found) {
      found = el("div", "pb-situations");
      found.setAttribute("data-pb-situations", "");
      found.hidden = true;
      result.insertBefore(found, result.firstChild);
    }
    return found;
  }

  function render(input) {
    var search$ = input.closest(".md-search");
    var result = search$ && search$.querySelector(".md-search-result");
    var index = current();
    if (!result || !index) return;
    var box = panel(result);
    var query = input.value;
    while (box.firstChild) box.removeChild(box.firstChild);
    var r = query.trim() ? search(index, query, LIMIT) : null;
    if (!r || !r.words.length || !r.hits.length && r.close) { box.hidden = true; return; }
    box.hidden = false;
    if (!r.close) {
      var none = el("div", "pb-situations__none");
      none.setAttribute("data-no-close-match", "");
      none.appendChild(el("strong", null, "No scenario is a close match."));
      if (r.outside !== null) {
        var topic = index.outside[r.outside];
        var note = el("span", "pb-situations__outside",
          " Not in this playbook: " + topic.title + ". Try: " + topic.where);
        note.setAttribute("data-outside-topic", topic.title);
        none.appendChild(note);
      }
      none.appendChild(document.createTextNode(" The nearest ones are below. "));
      if (index.data.suggest) {
        var link = el("a", null, "Suggest a new scenario");
        link.href = ROOT + index.data.suggest;
        none.appendChild(link);
      }
      box.appendChild(none);
    }
    if (!r.hits.length) return;
    box.appendChild(el("div", "pb-situations__meta", r.close ? "Scenarios for this situation" : "Nearest scenarios"));
    var list = el("ol", "md-search-result__list pb-situations__list");
    list.setAttribute("aria-label", "Matching scenarios");
    r.hits.forEach(function (hit) {
      var doc = index.data.docs[hit.doc];
      var item = el("li", "md-search-result__item");
      var a = el("a", "md-search-result__link pb-situation");
      a.href = pageUrl(index, doc[0]);
      a.setAttribute("data-pb-situation", doc[0]);
      var article = el("article", "md-search-result__article md-typeset");
      article.setAttribute("data-md-score", "0");  // Material's Enter reads it
      var title = el("h1", null);
      title.className = "pb-situation__title";
      marked(title, doc[1], r.terms);
      var teaser = el("p", "md-search-result__teaser pb-situation__summary");
      marked(teaser, doc[2], r.terms);
      article.appendChild(title);
      article.appendChild(teaser);
      a.appendChild(article);
      item.appendChild(a);
      list.appendChild(item);
    });
    box.appendChild(list);
  }

  function isQuery(target) {
    return target && target.classList && target.classList.contains("md-search__input");
  }
  document.addEventListener("input", function (event) {
    if (isQuery(event.target)) render(event.target);
  });
  /* Enter in the search box opens the best scenario when it is a close match (it is listed
     first); otherwise Material's own search handles Enter as usual. */
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !isQuery(event.target)) return;
    var box = event.target.closest(".md-search").querySelector("[data-pb-situations]");
    if (!box || box.hidden || box.querySelector("[data-no-close-match]")) return;
    var first = box.querySelector("a[data-pb-situation]");
    if (!first) return;
    event.preventDefault();
    event.stopPropagation();
    first.click();
  }, true);
})();
