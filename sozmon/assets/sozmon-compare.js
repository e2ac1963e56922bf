// sozmon: the compare page. The reader chooses Sozialräume, Stadtteile, Stadtbezirke and
// the city; the tables show them side by side, one column per chosen unit. The choice
// lives in the address (?auswahl=01,07,stadtteil:Altstadt,stadt): a reload, a shared link
// and the Back button all show the same choice. The data file is generated from the
// published tables (pages/compare.py); every text in it comes from a release and is
// written with textContent only, never as HTML.
(function () {
  "use strict";
  var box = document.getElementById("sozmon-vergleich");
  if (!box) { return; }
  var script = document.currentScript;
  var root = new URL("../../", script ? script.src : location.href);
  var data = null, T = null, byKey = {}, chosen = [];
  var status, list, select, clear, results, permalink;

  function el(tag, className, content) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (content !== undefined && content !== null) { node.textContent = content; }
    return node;
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  // --- the choice in the address ---------------------------------------------------------

  function token(unit) {
    if (unit.level === "sozialraum" || unit.level === "stadt") { return unit.key; }
    return unit.level + ":" + encodeURIComponent(unit.name);
  }
  function find(raw) {
    if (raw === "stadt") { return byKey.stadt || null; }
    var at = raw.indexOf(":");
    if (at < 0) { return unitOf("sozialraum", raw); }
    var level = raw.slice(0, at), rest = raw.slice(at + 1);
    return unitOf(level, rest);
  }
  function unitOf(level, name) {
    for (var i = 0; i < data.units.length; i++) {
      var u = data.units[i];
      if (u.level !== level) { continue; }
      if (level === "sozialraum" ? (u.key === name || u.key === "sozialraum:" + name) : u.name === name) { return u; }
    }
    return null;
  }
  function parse(search) {
    var match = /(?:^|[?&])auswahl=([^&#]*)/.exec(search);
    var keys = [], unknown = [];
    if (!match) { return { keys: keys, unknown: unknown }; }
    match[1].split(",").forEach(function (part) {
      if (!part) { return; }
      var raw;
      try { raw = decodeURIComponent(part.replace(/\+/g, " ")); } catch (e) { unknown.push(part); return; }
      var unit = find(raw);
      if (!unit) { unknown.push(raw); } else if (keys.indexOf(unit.key) < 0) { keys.push(unit.key); }
    });
    return { keys: keys, unknown: unknown };
  }
  function address(keys) {
    var query = keys.length ? "?auswahl=" + keys.map(function (k) { return token(byKey[k]); }).join(",") : "";
    return location.pathname + query;
  }
  function change(keys) {
    chosen = keys;
    history.pushState({ auswahl: keys }, "", address(keys));
    render([]);
  }

  // --- the controls ------------------------------------------------------------------------

  function controls() {
    var section = el("section", "sozmon-vergleich__wahl");
    section.setAttribute("aria-labelledby", "sozmon-vergleich-auswahl");
    var heading = el("h2", null, T.chosen);
    heading.id = "sozmon-vergleich-auswahl";
    section.appendChild(heading);
    var form = el("form", "sozmon-vergleich__form");
    var label = el("label", null, T.choose);
    label.htmlFor = "sozmon-vergleich-gebiet";
    select = el("select");
    select.id = "sozmon-vergleich-gebiet";
    var add = el("button", "md-button md-button--primary", T.add);
    add.type = "submit";
    form.appendChild(label);
    form.appendChild(select);
    form.appendChild(add);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (select.value && chosen.indexOf(select.value) < 0) { change(chosen.concat([select.value])); }
      select.focus();
    });
    section.appendChild(form);
    list = el("ul", "sozmon-vergleich__liste");
    section.appendChild(list);
    clear = el("button", "sozmon-vergleich__entfernen", T.clear);
    clear.type = "button";
    clear.addEventListener("click", function () {
      change([]);
      select.focus();
    });
    section.appendChild(clear);
    status = el("p", "sozmon-vergleich__status");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    section.appendChild(status);
    permalink = el("p", "sozmon-vergleich__link");
    section.appendChild(permalink);
    box.appendChild(section);
    results = el("div", "sozmon-vergleich__ergebnis");
    box.appendChild(results);
  }

  function options() {
    select.textContent = "";
    select.appendChild(el("option", null, T.choose_placeholder)).value = "";
    var groups = {};
    data.units.forEach(function (u) {
      if (!groups[u.level]) {
        groups[u.level] = el("optgroup");
        groups[u.level].label = T.groups[u.level];
        select.appendChild(groups[u.level]);
      }
      var option = el("option", null, u.name);
      option.value = u.key;
      option.disabled = chosen.indexOf(u.key) >= 0;
      groups[u.level].appendChild(option);
    });
  }

  function chosenList() {
    list.textContent = "";
    chosen.forEach(function (key, i) {
      var u = byKey[key];
      var item = el("li");
      item.appendChild(el("span", null, u.name + " (" + T.levels[u.level] + ")"));
      var remove = el("button", "sozmon-vergleich__entfernen", T.remove);
      remove.type = "button";
      remove.setAttribute("aria-label", fill(T.remove_label, { name: u.name }));
      remove.addEventListener("click", function () {
        var keys = chosen.filter(function (k) { return k !== key; });
        change(keys);
        var buttons = list.querySelectorAll("button");
        (buttons[Math.min(i, buttons.length - 1)] || select).focus();
      });
      item.appendChild(remove);
      list.appendChild(item);
    });
  }

  // --- the tables --------------------------------------------------------------------------

  function columnHead(u) {
    var th = el("th");
    th.scope = "col";
    if (u.href) {
      var a = el("a", null, u.name);
      a.href = new URL(u.href, root).href;
      th.appendChild(a);
    } else {
      th.appendChild(el("span", null, u.name));
    }
    th.appendChild(el("span", "sozmon-vergleich__sub", T.levels[u.level]));
    return th;
  }
  function cell(main, sub) {
    var td = el("td");
    td.appendChild(el("span", null, main));
    if (sub) { td.appendChild(el("span", "sozmon-vergleich__sub", sub)); }
    return td;
  }
  // rows: [{head: text, href, sub, cells: [[main, sub], …]}]
  // The caption names the table for screen readers; its visible twin stands above the
  // region, so it does not scroll away with a table wider than the screen.
  function table(caption, corner, rows) {
    var frame = el("div", "sozmon-vergleich__tabellenrahmen");
    var title = el("p", "sozmon-vergleich__titel", caption);
    title.setAttribute("aria-hidden", "true");
    frame.appendChild(title);
    var region = el("div", "sozmon-vergleich__scroll");
    region.setAttribute("role", "region");
    region.setAttribute("aria-label", fill(T.region, { name: caption }));
    region.tabIndex = 0;
    var t = el("table", "sozmon-vergleich__tabelle");
    t.appendChild(el("caption", "sozmon-vergleich__caption", caption));
    var head = el("thead"), tr = el("tr"), first = el("th", null, corner);
    first.scope = "col";
    tr.appendChild(first);
    chosen.forEach(function (k) { tr.appendChild(columnHead(byKey[k])); });
    head.appendChild(tr);
    t.appendChild(head);
    var body = el("tbody");
    rows.forEach(function (row) {
      var r = el("tr"), th = el("th");
      th.scope = "row";
      if (row.href) {
        var a = el("a", null, row.head);
        a.href = new URL(row.href, root).href;
        th.appendChild(a);
      } else {
        th.appendChild(el("span", null, row.head));
      }
      (row.sub || []).forEach(function (line) { th.appendChild(el("span", "sozmon-vergleich__sub", line)); });
      r.appendChild(th);
      row.cells.forEach(function (c) { r.appendChild(cell(c[0], c[1])); });
      body.appendChild(r);
    });
    t.appendChild(body);
    region.appendChild(t);
    frame.appendChild(region);
    return frame;
  }

  function indexTables(target) {
    target.appendChild(el("h2", null, T.indices));
    var aggregates = chosen.some(function (k) { return byKey[k].level !== "sozialraum"; });
    data.indices.forEach(function (index) {
      var rows = [T.value, fill(T.klasse, { measure: index.measure }), T.rank].map(function (label, i) {
        return {
          head: label,
          cells: chosen.map(function (k) {
            if (byKey[k].level !== "sozialraum") { return [T.not_computed]; }
            var v = index.values[k];
            if (!v) { return ["–"]; }
            return [v.length < 3 ? (i === 0 ? v[0] : "–") : v[i]];
          })
        };
      });
      target.appendChild(table(fill(T.index_caption, { name: index.name, year: data.year }), T.row_head, rows));
    });
    if (aggregates) { target.appendChild(el("p", "sozmon-vergleich__hinweis", T.not_computed_note)); }
    target.appendChild(el("h2", null, T.dimensions));
    data.indices.forEach(function (index) {
      var rows = index.dimensions.map(function (d) {
        return {
          head: d.name,
          cells: chosen.map(function (k) {
            if (byKey[k].level !== "sozialraum") { return [T.not_computed]; }
            var v = d.values[k];
            if (!v) { return ["–"]; }
            return [v.length < 3 ? v[0] : fill(T.dimension_cell, { value: v[0], klasse: v[1], rank: v[2] })];
          })
        };
      });
      target.appendChild(table(fill(T.dimensions_caption, { name: index.name, year: data.year }), T.row_dimension, rows));
    });
  }

  function indicatorTables(target) {
    target.appendChild(el("h2", null, T.indicators));
    target.appendChild(el("p", null, fill(T.indicators_intro, { city_total: data.city_total })));
    data.groups.forEach(function (group) {
      target.appendChild(el("h3", null, group.title));
      var rows = group.indicators.map(function (id) {
        var ind = data.indicators[id];
        return {
          head: ind.name,
          href: ind.href,
          sub: [fill(T.city_value, { city_total: data.city_total, value: ind.city }), ind.direction],
          cells: chosen.map(function (k) { return ind.values[k] || ["–", ""]; })
        };
      });
      target.appendChild(table(fill(T.indicators_caption, { group: group.title, year: data.year }), T.row_indicator, rows));
    });
    data.notes.forEach(function (note) { target.appendChild(el("p", "sozmon-vergleich__hinweis", note)); });
  }

  function render(unknown) {
    options();
    chosenList();
    clear.hidden = chosen.length === 0;
    var names = chosen.map(function (k) { return byKey[k].name; }).join(", ");
    var said = chosen.length === 0 ? T.status_none
      : fill(chosen.length === 1 ? T.status_one : T.status, { n: chosen.length, names: names });
    if (unknown.length) { said += " " + fill(T.unknown, { keys: unknown.join(", ") }); }
    status.textContent = said;
    permalink.textContent = "";
    if (chosen.length) {
      permalink.appendChild(el("span", null, T.permalink + " "));
      var a = el("a", null, location.href);
      a.href = location.href;
      permalink.appendChild(a);
    }
    results.textContent = "";
    if (chosen.length < 2) {
      var hint = el("p", null, chosen.length ? T.one : T.none);
      results.appendChild(hint);
      if (!chosen.length && box.dataset.example) {
        var example = el("a", null, box.dataset.exampleText || "");
        example.href = box.dataset.example;
        if (example.textContent) { results.appendChild(example); }
      }
      if (!chosen.length) { return; }
    }
    indexTables(results);
    indicatorTables(results);
  }

  function show() {
    var parsed = parse(location.search);
    chosen = parsed.keys;
    render(parsed.unknown);
  }

  box.hidden = false;
  fetch(box.getAttribute("data-src"))
    .then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.json();
    })
    .then(function (json) {
      data = json;
      T = json.texts;
      data.units.forEach(function (u) { byKey[u.key] = u; });
      controls();
      show();
      window.addEventListener("popstate", show);
    })
    .catch(function () {
      box.textContent = "";
      box.appendChild(el("p", "sozmon-vergleich__fehler", box.dataset.error)).setAttribute("role", "alert");
    });
})();
