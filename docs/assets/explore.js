/* Explore: filter every event in the browser; the page's address is the state of the view.
 *
 * The page (made by hooks/chronicle/templates/explore.md.jinja) holds the form: one checkbox per value of
 * each facet, which is also the list of values a link may use. This script loads the compact index
 * (hooks/chronicle/explore.py) once, reads the filters from the address, shows the matching events in date
 * order, a page at a time, and writes every change of the form back into the address. The contract of the
 * address is documented in explore.py; a parameter it cannot use is named in a message and left out.
 * Plain JavaScript, no library: the filters are loops over small integer arrays.
 */
(function () {
  "use strict";

  var root = document.getElementById("tl-explore");
  if (!root || !window.fetch || !window.URLSearchParams || !window.history.pushState) {
    return;  // the page keeps saying that it needs JavaScript
  }

  var INDEX_VERSION = 1;
  var PAGE_SIZE = 100;
  var TYPING_PAUSE = 250;  // ms after the last key before the words are applied
  var DATE_KEYS = ["from", "to"];
  var FACETS = ["region", "actor", "role", "type", "status", "tag", "measure"];
  var PARAMETERS = ["from", "to"].concat(FACETS, ["q", "page"]);
  var NOT_OURS = ["h"];  // added by Material's search to the pages it opens, to highlight the words found
  var FACET_WORDS = {  // one value of each facet, in words
    region: "region", actor: "actor", role: "role", type: "type of event", status: "status", tag: "tag",
    measure: "measure"
  };

  var form = document.getElementById("tl-explore-form");
  var list = document.getElementById("tl-explore-list");
  var count = document.getElementById("tl-explore-count");
  var problemsBox = document.getElementById("tl-explore-problems");
  var heading = document.getElementById("tl-explore-heading");
  var pager = document.getElementById("tl-explore-pages");
  var previous = document.getElementById("tl-page-previous");
  var next = document.getElementById("tl-page-next");
  var position = document.getElementById("tl-page-position");
  var csvButton = document.getElementById("tl-download-csv");
  var jsonButton = document.getElementById("tl-download-json");
  var words = form.elements.namedItem("q");

  var data = null;        // the index, as loaded
  var events = [];        // one object per event, in date order
  var column = {};        // CSV column name -> position in a row
  var spellings = null;   // normalised spelling -> every spelling of what it names
  var shown = [];         // the events that match, in date order
  var state = emptyState();
  var typing = false;     // whether the last address written came from typing words
  var typingTimer = 0;

  // ------------------------------------------------------------------ text

  var MARKS = /[\u0300-\u036f\u0483-\u0489]/g;
  var ACCENTED = /[\u00c0-\u024f\u0370-\u052f\u1e00-\u1eff]/;  // letters that may carry a mark: Latin, Greek, Cyrillic
  var APOSTROPHES = /[\u2019\u02bc\u2018`\u00b4]/g;
  var SPACES = /\s+/g;
  var ODD_SPACE = /\s\s|[^\S ]/;

  /** Text as it is compared: without accents, in lower case, one kind of apostrophe, single spaces.
   * Each step runs only on text that needs it: at 10,000 events this is most of the time the page takes to load. */
  function normalise(text) {
    var folded = String(text).toLowerCase();
    if (ACCENTED.test(folded)) { folded = folded.normalize("NFD").replace(MARKS, ""); }
    folded = folded.replace(APOSTROPHES, "'");
    return (ODD_SPACE.test(folded) ? folded.replace(SPACES, " ") : folded).trim();
  }

  /** Every spelling of each region and actor, keyed by each of them: "kiev" -> [kyiv, київ, kiev, ...]. */
  function spellingIndex() {
    var found = new Map();
    function add(name, aliases) {
      var all = [name].concat(aliases).map(normalise);
      all.forEach(function (spelling) {
        var known = found.get(spelling) || [];
        all.forEach(function (other) { if (known.indexOf(other) < 0) { known.push(other); } });
        found.set(spelling, known);
      });
    }
    data.regions.forEach(function (r) { add(r[1], r[3]); });
    data.actors.forEach(function (a) { add(a[1], a[2]); });
    return found;
  }

  /** The words of a query, each with the spellings that match it: a run of words that spells a region or
   * an actor (such as "kiev oblast") matches any other spelling of it. */
  function queryGroups(query) {
    var terms = normalise(query).split(" ").filter(Boolean);
    var groups = [];
    var i = 0;
    while (i < terms.length) {
      var j = terms.length;
      for (; j > i; j--) {
        var phrase = terms.slice(i, j).join(" ");
        if (spellings.has(phrase)) {
          groups.push(spellings.get(phrase));
          break;
        }
      }
      if (j > i) {
        i = j;
      } else {
        groups.push([terms[i]]);
        i += 1;
      }
    }
    return groups;
  }

  var regionWords = [];  // each region's spellings, normalised once
  var actorWords = [];

  /** What words are matched against: title, summary and every spelling of the event's places and actors. */
  function haystack(event) {
    if (event.text === null) {
      var parts = [normalise(event.row[column.title]), normalise(event.row[column.summary])];
      event.regions.forEach(function (r) { parts.push(regionWords[r]); });
      for (var k = 0; k < event.actors.length; k += 2) { parts.push(actorWords[event.actors[k]]); }
      event.text = parts.join("\u0000");  // no match runs from one part into the next
    }
    return event.text;
  }

  // ------------------------------------------------------------------ the address

  function emptyState() {
    var fresh = { from: "", to: "", q: "", page: 1 };
    FACETS.forEach(function (name) { fresh[name] = []; });
    return fresh;
  }

  /** A facet's title, as the form shows it. */
  function facetTitle(name) {
    return form.querySelector('details[data-facet="' + name + '"] legend').textContent;
  }

  /** The values the form offers for a facet: the vocabulary a link may use. */
  function choices(name) {
    return Array.prototype.map.call(form.querySelectorAll('input[name="' + name + '"]'),
      function (box) { return box.value; });
  }

  var DAY = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

  /** A date of the address as the first (or, for "to", the last) day it means; null if it is no date. */
  function day(text, last) {
    var parts = DAY.exec(text);
    if (!parts) { return null; }
    var year = Number(parts[1]);
    var month = parts[2] ? Number(parts[2]) : (last ? 12 : 1);
    if (month < 1 || month > 12) { return null; }
    var length = new Date(Date.UTC(year, month, 0)).getUTCDate();
    var date = parts[3] ? Number(parts[3]) : (last ? length : 1);
    if (date < 1 || date > length) { return null; }
    return parts[1] + "-" + String(month).padStart(2, "0") + "-" + String(date).padStart(2, "0");
  }

  function quoted(text) {
    return "\u201c" + (text.length > 60 ? text.slice(0, 60) + "\u2026" : text) + "\u201d";
  }

  /** The view an address asks for, and a message for each parameter it cannot use. */
  function parse(search) {
    var params = new URLSearchParams(search);
    var wanted = emptyState();
    var problems = [];
    var seen = {};
    params.forEach(function (value, key) {
      value = value.trim();
      if (NOT_OURS.indexOf(key) >= 0) {
        // not a filter, and not a mistake
      } else if (PARAMETERS.indexOf(key) < 0) {
        if (!seen[key]) {
          problems.push(quoted(key) + " is not a filter of this page, so it is ignored. The filters are: " +
            PARAMETERS.join(", ") + ".");
        }
      } else if (!value) {
        // an empty value sets no filter
      } else if (FACETS.indexOf(key) >= 0) {
        if (choices(key).indexOf(value) < 0) {
          problems.push(key + ": no " + FACET_WORDS[key] + " of this timeline has the id " + quoted(value) +
            ", so this value is ignored. Choose one under \u201c" + facetTitle(key) + "\u201d.");
        } else if (wanted[key].indexOf(value) < 0) {
          wanted[key].push(value);
        }
      } else if (seen[key]) {
        problems.push(key + " is given more than once; only the first is used.");
      } else if (key === "q") {
        wanted.q = value;
      } else if (key === "page") {
        if (/^[1-9]\d{0,5}$/.test(value)) {
          wanted.page = Number(value);
        } else {
          problems.push("page: " + quoted(value) + " is not a page number, so the first page is shown.");
        }
      } else {
        var parsed = day(value, key === "to");
        if (parsed === null) {
          problems.push(key + ": " + quoted(value) + " is not a date, so it is ignored. Write a date as " +
            "YYYY-MM-DD, for example 2025-06-01.");
        } else {
          wanted[key] = parsed;
        }
      }
      seen[key] = true;
    });
    if (wanted.from && wanted.to && wanted.from > wanted.to) {
      problems.push("from (" + wanted.from + ") is after to (" + wanted.to + "), so both dates are ignored. " +
        "Give the earlier date as from.");
      wanted.from = wanted.to = "";
    }
    return { state: wanted, problems: problems };
  }

  /** The address of a view: only the filters set, always in the same order. */
  function address(view) {
    var params = new URLSearchParams();
    DATE_KEYS.forEach(function (key) { if (view[key]) { params.append(key, view[key]); } });
    FACETS.forEach(function (key) { view[key].forEach(function (value) { params.append(key, value); }); });
    if (view.q) { params.append("q", view.q); }
    if (view.page > 1) { params.append("page", String(view.page)); }
    var query = params.toString();
    return location.pathname + (query ? "?" + query : "") + location.hash;
  }

  // ------------------------------------------------------------------ the form

  function readForm() {
    var view = emptyState();
    DATE_KEYS.forEach(function (key) {
      var value = form.elements.namedItem(key).value;
      view[key] = value && day(value, key === "to") ? value : "";
    });
    FACETS.forEach(function (name) {
      form.querySelectorAll('input[name="' + name + '"]:checked').forEach(function (box) {
        view[name].push(box.value);
      });
    });
    view.q = words.value.trim();
    return view;
  }

  function writeForm(view) {
    DATE_KEYS.forEach(function (key) { form.elements.namedItem(key).value = view[key]; });
    FACETS.forEach(function (name) {
      form.querySelectorAll('input[name="' + name + '"]').forEach(function (box) {
        box.checked = view[name].indexOf(box.value) >= 0;
      });
    });
    if (normalise(words.value) !== normalise(view.q)) { words.value = view.q; }
    chosenCounts(view);
  }

  /** Each facet's summary says how many values are chosen; a facet with a choice is open. */
  function chosenCounts(view) {
    form.querySelectorAll("details[data-facet]").forEach(function (details) {
      var chosen = view[details.getAttribute("data-facet")].length;
      details.querySelector(".tl-facet-chosen").textContent = chosen ? "(" + chosen + " chosen)" : "";
      if (chosen) { details.open = true; }
    });
  }

  // ------------------------------------------------------------------ filtering

  /** Which regions each region stands for in a filter: itself and all of its sub-regions. */
  function regionMask(ids) {
    var chosen = new Uint8Array(data.regions.length);
    var position = new Map(data.regions.map(function (r, n) { return [r[0], n]; }));
    ids.forEach(function (id) { chosen[position.get(id)] = 1; });
    for (var n = 0; n < data.regions.length; n++) {
      for (var up = data.regions[n][2]; up >= 0 && !chosen[n]; up = data.regions[up][2]) {
        if (chosen[up]) { chosen[n] = 1; }
      }
    }
    return chosen;
  }

  function mask(ids, names) {
    var chosen = new Uint8Array(names.length);
    ids.forEach(function (id) { chosen[names.indexOf(id)] = 1; });
    return chosen;
  }

  function anyIn(indices, chosen) {
    for (var k = 0; k < indices.length; k++) {
      if (chosen[indices[k]]) { return true; }
    }
    return false;
  }

  /** The events of a view, in date order. */
  function filter(view) {
    var regions = view.region.length ? regionMask(view.region) : null;
    var actors = view.actor.length ? mask(view.actor, data.actors.map(function (a) { return a[0]; })) : null;
    var roles = view.role.length ? mask(view.role, data.roles) : null;
    var tags = view.tag.length ? mask(view.tag, data.tags) : null;
    var measures = view.measure.length ? mask(view.measure, data.measures.map(function (m) { return m[0]; })) : null;
    var groups = view.q ? queryGroups(view.q) : [];
    var found = [];
    for (var n = 0; n < events.length; n++) {
      var event = events[n];
      var row = event.row;
      if (view.from && row[column.latest] < view.from) { continue; }
      if (view.to && row[column.earliest] > view.to) { continue; }
      if (view.type.length && view.type.indexOf(row[column.type]) < 0) { continue; }
      if (view.status.length && view.status.indexOf(row[column.status]) < 0) { continue; }
      if (regions && !anyIn(event.regions, regions)) { continue; }
      if (tags && !anyIn(event.tags, tags)) { continue; }
      if (measures && !anyIn(event.measures, measures)) { continue; }
      if (actors || roles) {
        var played = false;
        for (var k = 0; k < event.actors.length && !played; k += 2) {
          played = (!actors || actors[event.actors[k]] === 1) && (!roles || roles[event.actors[k + 1]] === 1);
        }
        if (!played) { continue; }
      }
      if (groups.length && !matchesWords(haystack(event), groups)) { continue; }
      found.push(event);
    }
    return found;
  }

  function matchesWords(text, groups) {
    for (var g = 0; g < groups.length; g++) {
      var any = false;
      for (var s = 0; s < groups[g].length && !any; s++) { any = text.indexOf(groups[g][s]) >= 0; }
      if (!any) { return false; }
    }
    return true;
  }

  // ------------------------------------------------------------------ showing the results

  var NUMBER = new Intl.NumberFormat("en-GB");

  function eventsWord(n) { return NUMBER.format(n) + (n === 1 ? " event" : " events"); }

  function pages() { return Math.max(1, Math.ceil(shown.length / PAGE_SIZE)); }

  function item(event) {
    var li = document.createElement("li");
    var when = document.createElement("span");
    when.className = "tl-when";
    when.textContent = event.dateText;
    if (event.timeText) {
      var time = document.createElement("span");
      time.className = "tl-time";
      time.textContent = event.timeText;
      when.append(" \u00b7 ", time);
    }
    var link = document.createElement("a");
    link.href = data.href[0] + event.row[column.id] + data.href[1];
    link.textContent = event.row[column.title];
    li.append(when, " ", link);
    if (event.row[column.status] === "disputed") {
      var badge = document.createElement("span");
      badge.className = "tl-status tl-status--disputed";
      badge.textContent = "disputed";
      li.append(" ", badge);
    }
    return li;
  }

  function render() {
    var page = Math.min(state.page, pages());
    var first = (page - 1) * PAGE_SIZE;
    var items = shown.slice(first, first + PAGE_SIZE).map(item);
    list.replaceChildren.apply(list, items);
    list.start = first + 1;
    var filtered = shown.length !== events.length;
    if (!shown.length) {
      count.textContent = "No event matches these filters, out of " + eventsWord(events.length) + ".";
    } else if (filtered) {
      count.textContent = eventsWord(shown.length) + " of " + NUMBER.format(events.length) + " match" +
        (shown.length === 1 ? "es" : "") + ".";
    } else {
      count.textContent = "All " + eventsWord(events.length) + ", oldest first.";
    }
    pager.hidden = shown.length <= PAGE_SIZE;
    position.textContent = "Page " + page + " of " + pages() + ": events " + NUMBER.format(first + 1) + "\u2013" +
      NUMBER.format(first + items.length);
    previous.disabled = page <= 1;
    next.disabled = page >= pages();
    csvButton.disabled = jsonButton.disabled = !shown.length;
  }

  function showProblems(problems) {
    var items = problems.map(function (text) {
      var li = document.createElement("li");
      li.textContent = text;
      return li;
    });
    if (!items.length) {
      problemsBox.replaceChildren();
      return;
    }
    var lead = document.createElement("p");
    lead.textContent = "Part of this address could not be used:";
    var ul = document.createElement("ul");
    ul.append.apply(ul, items);
    problemsBox.replaceChildren(lead, ul);
  }

  /** Filter and show a view; the time it takes is recorded as a User Timing measure, "explore: filter". */
  function apply(view) {
    var start = performance.now();
    state = view;
    shown = filter(view);
    render();
    performance.measure("explore: filter", { start: start, end: performance.now() });
  }

  // ------------------------------------------------------------------ changes

  function go(view, replace) {
    var url = address(view);
    wrote = true;
    if (replace) {
      history.replaceState(null, "", url);
    } else if (url !== location.pathname + location.search + location.hash) {
      history.pushState(null, "", url);
    }
    showProblems([]);
    chosenCounts(view);
    apply(view);
  }

  function formChanged() {
    clearTimeout(typingTimer);
    typing = false;
    go(readForm(), false);
  }

  function wordsTyped() {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(function () {
      var view = readForm();
      if (view.q === state.q) { return; }
      go(view, typing);  // one history entry per run of typing: Back goes to the view before it
      typing = true;
    }, TYPING_PAUSE);
  }

  function fromAddress() {
    var parsed = parse(first ? asked : location.search);
    first = false;
    writeForm(parsed.state);
    showProblems(parsed.problems);
    typing = false;
    apply(parsed.state);
  }

  function turnPage(step) {
    var view = Object.assign({}, state, { page: Math.min(Math.max(1, state.page + step), pages()) });
    typing = false;
    go(view, false);
    heading.focus();
  }

  // ------------------------------------------------------------------ downloads

  function download(name, type, content) {
    var url = URL.createObjectURL(new Blob([content], { type: type }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  /** A cell as events.csv writes it: a leading apostrophe where a spreadsheet would see a formula; quotes
   * around text with a comma, a quote or a line break. */
  function cell(value) {
    var text = value === null || value === undefined ? "" : String(value);
    if (text && data.formula_start.indexOf(text[0]) >= 0) { text = "'" + text; }
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function csv() {
    var lines = [data.columns.map(cell).join(",")];
    shown.forEach(function (event) {
      var row = event.row.slice();
      row[column.url] = data.url[0] + row[column.id] + data.url[1];
      lines.push(row.map(cell).join(","));
    });
    return lines.join("\r\n") + "\r\n";
  }

  var timeline = null;  // data/timeline.json, fetched on the first JSON download

  function downloadJson() {
    jsonButton.disabled = true;
    var wanted = new Set(shown.map(function (event) { return event.row[column.id]; }));
    (timeline || (timeline = fetch(root.getAttribute("data-timeline")).then(function (response) {
      if (!response.ok) { throw new Error(response.status + " " + response.statusText); }
      return response.json();
    }))).then(function (whole) {
      var part = Object.assign({}, whole, {
        events: whole.events.filter(function (event) { return wanted.has(event.id); })
      });
      download("timeline-selection.json", "application/json", JSON.stringify(part) + "\n");
    }).catch(function (error) {
      timeline = null;
      showProblems(["The JSON file could not be made: timeline.json did not load (" + error.message + ")."]);
    }).finally(function () { jsonButton.disabled = !shown.length; });
  }

  // ------------------------------------------------------------------ start

  function start(index) {
    if (index.version !== INDEX_VERSION) {
      throw new Error("the index has version " + index.version + ", this page reads version " + INDEX_VERSION);
    }
    data = index;
    data.columns.forEach(function (name, n) { column[name] = n; });
    events = data.events.map(function (e) {
      return { row: e[0], dateText: e[1], timeText: e[2], regions: e[3], actors: e[4], tags: e[5],
               measures: e[6], text: null };
    });
    spellings = spellingIndex();
    regionWords = data.regions.map(function (r) { return [r[1]].concat(r[3]).map(normalise).join("\u0000"); });
    actorWords = data.actors.map(function (a) { return [a[1]].concat(a[2]).map(normalise).join("\u0000"); });

    form.addEventListener("change", function (change) {
      if (change.target !== words) { formChanged(); }
    });
    form.addEventListener("input", function (input) {
      if (input.target === words) { wordsTyped(); }
    });
    form.addEventListener("submit", function (submit) {
      submit.preventDefault();
      formChanged();
    });
    form.addEventListener("reset", function () {
      setTimeout(formChanged, 0);  // after the form has cleared its fields
    });
    previous.addEventListener("click", function () { turnPage(-1); });
    next.addEventListener("click", function () { turnPage(1); });
    csvButton.addEventListener("click", function () { download("events-selection.csv", "text/csv", csv()); });
    jsonButton.addEventListener("click", downloadJson);
    window.addEventListener("popstate", fromAddress);
    fromAddress();
    performance.measure("explore: load", { start: 0, end: performance.now() });  // from opening the page to the first view
    setTimeout(function () { events.forEach(haystack); }, 0);  // the words, once, after the first view is shown
  }

  // Material's search opens itself with the words of a "q" parameter, and removes it from the address when
  // closed. The view's own "q" is kept from it: taken out of the address before Material starts, and put
  // back once the page has loaded, unless the reader has changed the view by then.
  var asked = location.search;  // the view the page was opened with
  var first = true;
  var wrote = false;
  if (new URLSearchParams(asked).has("q")) {
    var without = new URLSearchParams(asked);
    without.delete("q");
    var hidden = without.toString();
    history.replaceState(history.state, "", location.pathname + (hidden ? "?" + hidden : "") + location.hash);
    window.addEventListener("load", function () {
      if (!wrote) { history.replaceState(history.state, "", location.pathname + asked + location.hash); }
    });
  }

  var nojs = document.querySelector(".tl-explore-nojs");
  root.hidden = false;
  if (nojs) { nojs.hidden = true; }
  fetch(root.getAttribute("data-index"))
    .then(function (response) {
      if (!response.ok) { throw new Error(response.status + " " + response.statusText); }
      return response.json();
    })
    .then(start)
    .catch(function (error) {
      root.hidden = true;
      if (nojs) {
        nojs.hidden = false;
        nojs.querySelector(".tl-explore-nojs-why").textContent = "The events could not be loaded (" +
          error.message + ").";
      }
    });
}());
