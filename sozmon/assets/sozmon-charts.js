// sozmon: renders every chart of a page with the Vega bundle served by this site.
// The site root is found from this script's own URL, so the page depth does not matter.
(function () {
  "use strict";
  var script = document.currentScript;
  var root = new URL("../../", script.src).href;
  var locale = /*LOCALE*/{};
  function render() {
    document.querySelectorAll(".sozmon-chart[data-spec]").forEach(function (figure) {
      if (figure.dataset.rendered) { return; }
      figure.dataset.rendered = "1";
      var target = document.createElement("div");

      fetch(new URL(figure.dataset.spec, root))
        .then(function (response) { return response.json(); })
        .then(function (spec) {
          figure.insertBefore(target, figure.firstChild);
          return window.vegaEmbed(target, spec, {
            renderer: "svg", actions: false,
            loader: { baseURL: root },
            formatLocale: locale.format, timeFormatLocale: locale.time
          });
        })
        // Map links (href) resolve against the loader's baseURL, like the data.
        .catch(function (error) {
          target.remove();
          console.warn("sozmon: Diagramm nicht darstellbar", error);
        });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", render);
  } else {
    render();
  }
})();
