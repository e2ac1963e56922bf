// sozmon: every chart arrives as a static SVG picture; this script swaps in the
// interactive Vega chart (tooltips, links on the map) once the reader does something
// on the page (scroll, touch, mouse, keyboard), and only for charts near the screen.
// A reader who only looks never downloads or runs the 900 KB Vega bundle: on a phone
// that saves seconds of loading and parsing. The Vega bundle is served by this site.
// The site root is found from this script's own URL, so the page depth does not matter.
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

  function upgrade(figure) {
    if (figure.dataset.rendered) { return; }
    figure.dataset.rendered = "1";
    var picture = figure.querySelector("img.sozmon-chart__static");
    // Rendered out of sight over the picture, then swapped: the page does not jump twice.
    var target = document.createElement("div");
    target.className = "sozmon-chart__live";
    figure.insertBefore(target, figure.firstChild);
    Promise.all([fetch(new URL(figure.dataset.spec, root)).then(function (r) { return r.json(); }), loadVega()])
      .then(function (loaded) {
        return window.vegaEmbed(target, loaded[0], {
          renderer: "svg", actions: false,
          // Map links (href) resolve against the loader's baseURL, like the data.
          loader: { baseURL: root },
          formatLocale: locale.format, timeFormatLocale: locale.time
        });
      })
      .then(function () {
        if (picture) { picture.remove(); }
        target.classList.remove("sozmon-chart__live");
      })
      .catch(function (error) {
        target.remove();  // the static picture stays
        console.warn("sozmon: Diagramm nicht interaktiv darstellbar", error);
      });
  }

  function start() {
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
})();
