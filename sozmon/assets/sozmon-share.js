// sozmon: the share menu under each chart (format.share_menu). Without this script the
// menu still offers the link, the SVG picture, the CSV data, the embed page and the
// <iframe> code as text. With it: the code names the embed page by its full address,
// a button copies it, and a button draws the PNG picture from the SVG (title, source,
// licence and date inside) at twice its size, with the title and credits also as text
// chunks in the PNG file. Texts come from the page's markup (data-* and the menu's own
// elements, texts.SHARE); release texts are only ever set with textContent or read from the SVG.
(function () {
  "use strict";
  var SCALE = 2;

  // message: the name of a data-* attribute of the menu's status line (texts.SHARE), or "".
  function status(menu, message) {
    var box = menu.querySelector(".sozmon-share__status");
    if (box) { box.textContent = message ? box.getAttribute("data-" + message) || "" : ""; }
  }

  function absolute(menu) {
    var code = menu.querySelector("textarea.sozmon-share__code[data-relative]");
    var embed = menu.querySelector("a.sozmon-share__embed");
    if (!code || !embed) { return; }
    // a.href is the link resolved against the page's address: the embed page's full URL.
    var url = embed.href.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
    code.value = code.value.replace(/src="[^"]*"/, function () { return 'src="' + url + '"'; });
    code.removeAttribute("data-relative");
  }

  function copy(menu, button) {
    var code = document.getElementById(button.getAttribute("data-copy"));
    if (!code) { return; }
    function fallback() {
      code.focus();
      code.select();
      var done = false;
      try { done = document.execCommand("copy"); } catch (error) { done = false; }
      status(menu, done ? "copied" : "copy-failed");
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(code.value).then(function () { status(menu, "copied"); }, fallback);
    } else {
      fallback();
    }
  }

  // --- PNG: canvas from the SVG, then iTXt chunks (UTF-8 text) before IEND ---------------

  var CRC_TABLE = (function () {
    var table = new Uint32Array(256);
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) { c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; }
      table[n] = c >>> 0;
    }
    return table;
  })();

  function crc32(bytes) {
    var c = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) { c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8); }
    return (c ^ 0xffffffff) >>> 0;
  }

  function itxt(keyword, text) {
    var encoder = new TextEncoder();
    var key = encoder.encode(keyword), value = encoder.encode(text);
    // keyword, NUL, compression flag 0, method 0, language "de", NUL, translated keyword "", NUL, text
    var lang = encoder.encode("de");
    var data = new Uint8Array(key.length + 3 + lang.length + 2 + value.length);
    var at = 0;
    data.set(key, at); at += key.length;
    data[at++] = 0; data[at++] = 0; data[at++] = 0;
    data.set(lang, at); at += lang.length;
    data[at++] = 0; data[at++] = 0;
    data.set(value, at);
    var chunk = new Uint8Array(12 + data.length);
    var view = new DataView(chunk.buffer);
    view.setUint32(0, data.length);
    chunk.set(encoder.encode("iTXt"), 4);
    chunk.set(data, 8);
    view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
    return chunk;
  }

  function withText(png, texts) {
    var chunks = texts.map(function (t) { return itxt(t[0], t[1]); });
    var extra = chunks.reduce(function (sum, c) { return sum + c.length; }, 0);
    var out = new Uint8Array(png.length + extra);
    var end = png.length - 12;  // IEND: the last 12 bytes of a PNG
    out.set(png.subarray(0, end), 0);
    var at = end;
    chunks.forEach(function (c) { out.set(c, at); at += c.length; });
    out.set(png.subarray(end), at);
    return out;
  }

  function save(bytes, name) {
    var url = URL.createObjectURL(new Blob([bytes], { type: "image/png" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  function png(menu, button) {
    var source = new URL(button.getAttribute("data-svg"), document.baseURI).href;
    status(menu, "png-working");
    fetch(source)
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.text();
      })
      .then(function (text) {
        var svg = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
        var title = svg.querySelector("title"), desc = svg.querySelector("desc");
        var width = parseFloat(svg.getAttribute("width")), height = parseFloat(svg.getAttribute("height"));
        return new Promise(function (resolve, reject) {
          var image = new Image();
          var url = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
          image.onload = function () {
            var canvas = document.createElement("canvas");
            canvas.width = Math.round(width * SCALE);
            canvas.height = Math.round(height * SCALE);
            var context = canvas.getContext("2d");
            context.fillStyle = "#fff";
            context.fillRect(0, 0, canvas.width, canvas.height);
            context.drawImage(image, 0, 0, canvas.width, canvas.height);
            URL.revokeObjectURL(url);
            canvas.toBlob(function (blob) {
              if (!blob) { reject(new Error("toBlob")); return; }
              blob.arrayBuffer().then(function (buffer) {
                resolve({
                  bytes: new Uint8Array(buffer),
                  texts: [
                    ["Title", title ? title.textContent : ""],
                    ["Description", desc ? desc.textContent : ""],
                    ["Source", source]
                  ]
                });
              }, reject);
            }, "image/png");
          };
          image.onerror = function () { URL.revokeObjectURL(url); reject(new Error("image")); };
          image.src = url;
        });
      })
      .then(function (result) {
        save(withText(result.bytes, result.texts), button.getAttribute("data-name") || "diagramm.png");
        status(menu, "");
      })
      .catch(function (error) {
        status(menu, "png-failed");
        console.warn("sozmon: PNG", error);
      });
  }

  function init() {
    document.querySelectorAll("details.sozmon-share").forEach(function (menu) {
      absolute(menu);
      var copyButton = menu.querySelector("button.sozmon-share__copy");
      if (copyButton) {
        copyButton.hidden = false;
        copyButton.addEventListener("click", function () { copy(menu, copyButton); });
      }
      var pngButton = menu.querySelector("button.sozmon-share__png");
      if (pngButton && window.TextEncoder && window.DOMParser && HTMLCanvasElement.prototype.toBlob) {
        pngButton.parentElement.hidden = false;
        pngButton.addEventListener("click", function () { png(menu, pngButton); });
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
