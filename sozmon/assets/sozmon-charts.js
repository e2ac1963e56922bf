// sozmon: every chart arrives as a static SVG picture; this script swaps in the
// interactive Vega chart (tooltips, links on the map) once the reader does something
// on the page (scroll, touch, mouse, keyboard), and only for charts near the screen.
// A reader who only looks never downloads or runs the 900 KB Vega bundle: on a phone
// that saves seconds of loading and parsing. The Vega bundle is served by this site.
// The site root is found from this script's own URL, so the page depth does not matter.
// The interactive chart is drawn at the size of the picture shown (a map has a wide
// picture for wide screens, in a <picture>) and scaled like it, so it takes exactly the
// picture's place; a tap on the picture (which starts all this) is
// passed on to the live chart at the same point, so the first tap on a map opens the
// area under the finger.
(function () {
  "use strict";
  var script = document.currentScript;
  var root = new URL("../../", script.src).href;
  var bundle = new URL("vega.js", script.src).href;
  var locale = /*LOCALE*/{};
  var TRIGGERS = ["pointerdown", "pointermove", "touchstart", "keydown", "wheel", "scroll"];
  var vega = null;

  function loadVega() {
    if (!vega) {
      vega = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = bundle;
        tag.onload = resolve;
        tag.onerror = reject;
        document.head.appendChild(tag);
      });
    }
    return vega;
  }

  // The point of a tap on a picture, as a fraction of its size, until the chart is live.
  function remember(event) {
    var picture = event.target;
    if (!picture.classList || !picture.classList.contains("sozmon-chart__static")) { return; }
    var figure = picture.closest(".sozmon-chart[data-spec]");
    var box = picture.getBoundingClientRect();
    if (!figure || !box.width || !box.height) { return; }
    figure.sozmonTap = [(event.clientX - box.left) / box.width, (event.clientY - box.top) / box.height];
    start();
    upgrade(figure);
  }

  // Click the mark of the live chart at the remembered point (Vega opens its link).
  function replay(figure, svg) {
    var tap = figure.sozmonTap;
    figure.sozmonTap = null;
    if (!tap || !svg) { return; }
    var box = svg.getBoundingClientRect();
    var x = box.left + tap[0] * box.width, y = box.top + tap[1] * box.height;
    var hits = document.elementsFromPoint(x, y).filter(function (el) {
      return svg.contains(el) && el.__data__ && el.__data__.href;
    });
    if (hits.length) {
      hits[0].dispatchEvent(new MouseEvent("click", {
        bubbles: true, cancelable: true, view: window, clientX: x, clientY: y
      }));
    }
  }

  // Width and plot height of the picture the browser shows: the first <source> of its
  // <picture> whose media query matches (the wide map), else the <img> (no plot height:
  // the spec's own).
  function shownSize(img) {
    var shown = img;
    var holder = img.parentNode;
    var sources = holder && holder.tagName === "PICTURE" ? holder.querySelectorAll("source") : [];
    for (var i = 0; i < sources.length; i++) {
      if (!sources[i].media || window.matchMedia(sources[i].media).matches) { shown = sources[i]; break; }
    }
    return {
      width: parseInt(shown.getAttribute("width"), 10) || 0,
      height: parseInt(shown.getAttribute("data-height"), 10) || 0
    };
  }

  function upgrade(figure) {
    if (figure.dataset.rendered) { return; }
    figure.dataset.rendered = "1";
    var picture = figure.querySelector("img.sozmon-chart__static");
    // the shown picture's own size: the spec's "container" width would differ from it
    var size = picture ? shownSize(picture) : { width: 0, height: 0 };
    // Rendered out of sight over the picture, then swapped: the page does not jump twice.
    var target = document.createElement("div");
    target.className = "sozmon-chart__live";
    figure.insertBefore(target, figure.firstChild);
    Promise.all([fetch(new URL(figure.dataset.spec, root)).then(function (r) { return r.json(); }), loadVega()])
      .then(function (loaded) {
        var spec = loaded[0];
        if (size.width > 0 && spec.width === "container") { spec.width = size.width; }
        if (size.height > 0) { spec.height = size.height; }
        return window.vegaEmbed(target, spec, {
          renderer: "svg", actions: false,
          // Map links (href) resolve against the loader's baseURL, like the data.
          loader: { baseURL: root },
          formatLocale: locale.format, timeFormatLocale: locale.time
        });
      })
      .then(function () {
        if (picture) { (picture.closest("picture") || picture).remove(); }
        target.classList.remove("sozmon-chart__live");
        replay(figure, target.querySelector("svg"));
      })
      .catch(function (error) {
        target.remove();  // the static picture stays
        console.warn("sozmon: Diagramm nicht interaktiv darstellbar", error);
      });
  }

  var started = false;

  function start() {
    if (started) { return; }
    started = true;
    TRIGGERS.forEach(function (name) { window.removeEventListener(name, start, true); });
    var figures = document.querySelectorAll(".sozmon-chart[data-spec]");
    if (!("IntersectionObserver" in window)) {
      figures.forEach(upgrade);
      return;
    }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          upgrade(entry.target);
        }
      });
    }, { rootMargin: "300px 0px" });
    figures.forEach(function (figure) { observer.observe(figure); });
  }

  TRIGGERS.forEach(function (name) {
    window.addEventListener(name, start, { capture: true, passive: true });
  });
  document.addEventListener("click", remember, true);
  // Printing lays out the whole page at once: a picture still waiting to come near the
  // screen (loading="lazy") would print as an empty frame.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll('img[loading="lazy"]').forEach(function (img) { img.loading = "eager"; });
  });
})();
