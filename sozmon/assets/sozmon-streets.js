// sozmon: find your area by street. The search box (form[data-sozmon-streets]) works
// without this script as a link to the A–Z street list; with it, the street directory
// (a small JSON file of this site) is fetched on the first focus of the field, and
// every keystroke answers in the live region below it: a street with or without house
// number, a postcode of five digits. Enter opens the area when the answer is one area.
// Every text from the data (street and area names) is written with textContent.
// normalize() must give the same key as sozmon/load.py: street_key().
(function () {
  "use strict";
  var script = document.currentScript;
  var root = new URL("../../", script.src).href;
  var UMLAUTS = { "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss" };
  var SIDES = { a: "alle", g: "gerade", u: "ungerade" };
  var MAX = 8;

  function normalize(text) {
    var s = String(text).toLowerCase().replace(/[äöüß]/g, function (c) { return UMLAUTS[c]; });
    s = s.replace(/str(?:asse|\.|\b)/g, "str");
    s = s.normalize("NFKD").replace(/[^a-z0-9]/g, "");
    return s;
  }

  // "Kohlenweg 12a" → {street: "Kohlenweg", number: 12}; "45881" → {plz: "45881"}.
  function parse(query) {
    var q = query.trim();
    if (/^\d{5}$/.test(q)) { return { plz: q }; }
    var m = q.match(/^(.*?)[\s,]*(\d+)\s*[a-z]?\s*$/i);
    if (m && /[a-zäöüß]/i.test(m[1])) { return { street: m[1], number: parseInt(m[2], 10) }; }
    return { street: q, number: null };
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  function rangeText(t, row) {
    var low = row[1], high = row[2], text;
    if (low === null && high === null) { text = t.range_all; }
    else if (high === null) { text = fill(t.range_from, { von: low }); }
    else if (low === null) { text = fill(t.range_to, { bis: high }); }
    else if (low === high) { text = fill(t.number, { von: low }); }
    else { text = fill(t.range, { von: low, bis: high }); }
    var side = t.side[SIDES[row[3]]] || "";
    return side ? text + " " + side : text;
  }

  function contains(row, number) {
    if (row[1] !== null && number < row[1]) { return false; }
    if (row[2] !== null && number > row[2]) { return false; }
    if (row[3] === "g") { return number % 2 === 0; }
    if (row[3] === "u") { return number % 2 === 1; }
    return true;
  }

  // {area id: [range texts]} of some rows, in the order of the rows.
  function byArea(t, rows) {
    var out = {}, order = [];
    rows.forEach(function (row) {
      if (!out[row[4]]) { out[row[4]] = []; order.push(row[4]); }
      out[row[4]].push(rangeText(t, row));
    });
    return order.map(function (id) { return { id: id, ranges: out[id] }; });
  }

  // The answer to a query: {message, areas: [{id, ranges}], streets: [names], target}.
  function answer(data, query) {
    var t = data.texts, q = parse(query), key;
    if (q.plz) {
      var seen = {}, areas = [];
      data.streets.forEach(function (s) {
        s[2].forEach(function (row) {
          if (row[0] === q.plz && !seen[row[4]]) { seen[row[4]] = true; areas.push({ id: row[4], ranges: [] }); }
        });
      });
      areas.sort(function (a, b) { return data.areas[a.id][0].localeCompare(data.areas[b.id][0], "de"); });
      if (!areas.length) { return { message: fill(t.postcode_none, { plz: q.plz }), areas: [] }; }
      return { message: fill(t.postcode, { plz: q.plz }), areas: areas, target: areas.length === 1 ? areas[0].id : null };
    }
    key = normalize(q.street);
    if (key.length < 3) { return { message: key.length ? t.too_short : "", areas: [] }; }
    var exact = data.streets.filter(function (s) { return s[1] === key; });
    var found = exact.length ? exact : data.streets.filter(function (s) { return s[1].indexOf(key) === 0; });
    if (!found.length) { found = data.streets.filter(function (s) { return s[1].indexOf(key) > 0; }); }
    var names = [];
    found.forEach(function (s) { if (names.indexOf(s[0]) < 0) { names.push(s[0]); } });
    if (!names.length) { return { message: t.none, areas: [] }; }
    if (names.length > 1) {
      return { message: fill(t.streets, { n: names.length }), areas: [], streets: names.slice(0, MAX), more: names.length > MAX };
    }
    var rows = [];
    found.forEach(function (s) { rows = rows.concat(s[2]); });
    var street = names[0];
    if (q.number !== null) {
      var hits = rows.filter(function (row) { return contains(row, q.number); });
      var list = byArea(t, hits);
      if (list.length === 1) {
        return {
          message: fill(t.one, { street: street + " " + q.number, area: data.areas[list[0].id][0] }),
          areas: list, target: list[0].id
        };
      }
      if (!list.length) {
        return { message: fill(t.number_none, { street: street, number: q.number }), areas: byArea(t, rows) };
      }
      return { message: fill(t.split, { street: street }), areas: list };
    }
    var all = byArea(t, rows);
    if (all.length === 1) {
      return { message: fill(t.one, { street: street, area: data.areas[all[0].id][0] }), areas: all, target: all[0].id };
    }
    return { message: fill(t.split, { street: street }), areas: all };
  }

  function setup(form) {
    var input = form.querySelector("input[name=adresse]");
    var output = form.querySelector("[role=status]");
    var source = new URL(form.getAttribute("data-sozmon-streets"), document.baseURI).href;
    var data = null, loading = null, current = null, failed = false;

    function load() {
      if (!loading) {
        loading = fetch(source, { credentials: "same-origin" })
          .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
          .then(function (d) { data = d; return d; });
        loading.catch(function () {
          failed = true;
          output.textContent = form.getAttribute("data-failed") || "";
        });
      }
      return loading;
    }

    function href(id) { return new URL(data.areas[id][1], root).href; }

    function show() {
      current = answer(data, input.value);
      output.textContent = "";
      if (current.message) {
        var p = document.createElement("p");
        p.textContent = current.message;
        output.appendChild(p);
      }
      var items = [];
      current.areas.forEach(function (a) {
        var li = document.createElement("li"), link = document.createElement("a");
        link.href = href(a.id);
        link.textContent = data.areas[a.id][0];
        li.appendChild(link);
        a.ranges.forEach(function (text, i) {
          var span = document.createElement("span");
          span.className = "sozmon-nr";
          span.textContent = text;
          li.appendChild(document.createTextNode(i ? ", " : ": "));
          li.appendChild(span);
        });
        items.push(li);
      });
      (current.streets || []).forEach(function (name) {
        var li = document.createElement("li"), button = document.createElement("button");
        button.type = "button";
        button.textContent = name;
        button.addEventListener("click", function () {
          input.value = name;
          input.focus();
          show();
        });
        li.appendChild(button);
        items.push(li);
      });
      if (items.length) {
        var ul = document.createElement("ul");
        items.forEach(function (li) { ul.appendChild(li); });
        output.appendChild(ul);
      }
      if (current.more) {
        var more = document.createElement("p");
        more.textContent = data.texts.more;
        output.appendChild(more);
      }
    }

    function focusables() { return Array.prototype.slice.call(output.querySelectorAll("a, button")); }

    input.addEventListener("focus", load);
    input.addEventListener("input", function () { load().then(show); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && focusables().length) {
        event.preventDefault();
        focusables()[0].focus();
      }
    });
    output.addEventListener("keydown", function (event) {
      var list = focusables(), i = list.indexOf(document.activeElement);
      if (i < 0) { return; }
      if (event.key === "ArrowDown" && i < list.length - 1) { event.preventDefault(); list[i + 1].focus(); }
      else if (event.key === "ArrowUp") { event.preventDefault(); (i ? list[i - 1] : input).focus(); }
      else if (event.key === "Escape") { event.preventDefault(); input.focus(); }
    });
    form.addEventListener("submit", function (event) {
      if (failed) { return; } // the A–Z list answers, as without this script
      event.preventDefault();
      load().then(function () {
        show();
        if (current && current.target) { window.location.href = href(current.target); }
      }, function () { form.submit(); });
    });
    // The A–Z page reached from a search box without this script: answer its query too.
    // (Not "q": Material's own site search opens itself for ?q=.)
    var query = new URLSearchParams(window.location.search).get("adresse");
    if (query && new URL(form.action, document.baseURI).pathname === window.location.pathname) {
      input.value = query;
      load().then(show);
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-sozmon-streets]"), setup);
  window.sozmonStreets = { normalize: normalize, parse: parse };
})();
