/* agencygraph network page: draws the graph of #graph-data as SVG, offline.
 *
 * Positions come precomputed (seeded, no overlapping nodes). Labels keep a constant size
 * on screen and are placed greedily, largest node first, where they collide with no label
 * and no other node, so that no two labels ever overlap; zooming in shows more of them.
 * Tooltips arrive as HTML built by agencygraph from escaped pieces.
 */
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var N = data.nodes, E = data.edges;
  var svg = document.getElementById("ag-svg");
  var stage = document.getElementById("ag-stage");
  var tip = document.getElementById("ag-tip");
  var search = document.getElementById("ag-search");
  var count = document.getElementById("ag-count");
  var T = { k: 1, x: 0, y: 0 };
  var PAD = 2; // pixels kept free around every label

  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (a) { e.setAttribute(a, attrs[a]); });
    if (parent) parent.appendChild(e);
    return e;
  }

  el("rect", { x: 0, y: 0, width: "100%", height: "100%", fill: "#ffffff", "class": "ag-bg" }, svg);
  if (data.directed) {
    var defs = el("defs", {}, svg);
    var marker = el("marker", { id: "ag-arrow", viewBox: "0 0 10 10", refX: 10, refY: 5,
      markerWidth: 6, markerHeight: 6, markerUnits: "userSpaceOnUse", orient: "auto" }, defs);
    el("path", { d: "M0,0L10,5L0,10z", fill: "#555555" }, marker);
  }
  var view = el("g", { id: "ag-view" }, svg);
  var gEdges = el("g", { id: "ag-edges" }, view);
  var gNodes = el("g", { id: "ag-nodes" }, view);
  var gLabels = el("g", { id: "ag-labels" }, svg);

  N.forEach(function (n, i) {
    n.i = i; n.adj = []; n.on = true; n.hit = false;
    var shape = n.shape === "square"
      ? el("rect", { x: n.x - n.r, y: n.y - n.r, width: 2 * n.r, height: 2 * n.r }, gNodes)
      : el("circle", { cx: n.x, cy: n.y, r: n.r }, gNodes);
    shape.setAttribute("class", "ag-node");
    shape.setAttribute("fill", n.color);
    shape.setAttribute("data-i", i);
    n.el = shape;
    var t = el("text", { "class": "ag-label", "text-anchor": n.side === "l" ? "end" : "start",
      x: 0, y: 0, "data-i": i }, gLabels);
    t.textContent = n.label;
    n.tel = t;
  });
  E.forEach(function (e, i) {
    var a = N[e.s], b = N[e.t];
    var x2 = b.x, y2 = b.y;
    if (e.arrow) { // stop at the target's border so that the arrowhead shows
      var dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
      x2 = b.x - dx / d * (b.r + 1); y2 = b.y - dy / d * (b.r + 1);
    }
    var line = el("line", { x1: a.x, y1: a.y, x2: x2, y2: y2, "class": "ag-edge",
      stroke: e.color, "stroke-width": e.width, "stroke-opacity": e.opacity, "data-e": i }, gEdges);
    if (e.dash) line.setAttribute("stroke-dasharray", e.dash);
    if (e.arrow) line.setAttribute("marker-end", "url(#ag-arrow)");
    e.el = line; e.on = true;
    a.adj.push(i); b.adj.push(i);
  });
  // Label boxes, measured from the page itself (font, script and all); again once web fonts
  // (if a user's stylesheet adds any) have loaded.
  function measure() {
    N.forEach(function (n) {
      n.tel.classList.remove("ag-hidden");
      n.tel.setAttribute("x", 0);
      n.tel.setAttribute("y", 0);
      var b = n.tel.getBBox();
      n.bx = b.x; n.by = b.y; n.bw = b.width; n.bh = b.height;
    });
  }
  measure();
  var order = N.map(function (n) { return n.i; }).sort(function (a, b) {
    var p = N[b].prio - N[a].prio;
    if (p) return p;
    if (N[a].kind !== N[b].kind) return N[a].kind === "agency" ? -1 : 1;
    return a - b;
  });

  function size() { return [stage.clientWidth, stage.clientHeight]; }

  function overlaps(grid, box, skip) {
    var c0 = Math.floor(box[0] / 50), c1 = Math.floor(box[2] / 50);
    var r0 = Math.floor(box[1] / 50), r1 = Math.floor(box[3] / 50);
    for (var c = c0; c <= c1; c++) {
      for (var r = r0; r <= r1; r++) {
        var cell = grid[c + "," + r];
        if (!cell) continue;
        for (var j = 0; j < cell.length; j++) {
          var o = cell[j];
          if (o[4] !== skip && o[0] < box[2] && box[0] < o[2] && o[1] < box[3] && box[1] < o[3]) {
            return true;
          }
        }
      }
    }
    return false;
  }

  function insert(grid, box) {
    var c0 = Math.floor(box[0] / 50), c1 = Math.floor(box[2] / 50);
    var r0 = Math.floor(box[1] / 50), r1 = Math.floor(box[3] / 50);
    for (var c = c0; c <= c1; c++) {
      for (var r = r0; r <= r1; r++) {
        var key = c + "," + r;
        (grid[key] = grid[key] || []).push(box);
      }
    }
  }

  function placeLabels() {
    var wh = size(), W = wh[0], H = wh[1];
    var labels = {}, nodes = {};
    var searching = svg.classList.contains("ag-searching");
    N.forEach(function (n) {
      if (!n.on || (searching && !n.hit)) return; // dimmed nodes do not keep labels away
      var sx = n.x * T.k + T.x, sy = n.y * T.k + T.y, r = n.r * T.k;
      if (sx + r < 0 || sx - r > W || sy + r < 0 || sy - r > H) return;
      insert(nodes, [sx - r, sy - r, sx + r, sy + r, n.i]);
    });
    order.forEach(function (i) {
      var n = N[i];
      var show = n.on && (!searching || n.hit);
      if (show) {
        show = false;
        var gap = n.r * T.k + 4, cx = n.x * T.k + T.x, cy = n.y * T.k + T.y;
        // Beside the node on its side; in a force layout also left of, below or above it.
        var spots = n.side === "l" ? [[-gap, 0, 0]] : [[gap, 0, 0]];
        if (data.layout !== "columns") {
          spots.push([-gap - n.bw, 0, 0], [-n.bw / 2, gap + n.bh / 2, 0], [-n.bw / 2, -gap - n.bh / 2, 0]);
        }
        for (var s = 0; s < spots.length && !show; s++) {
          var sx = cx + spots[s][0], sy = cy + spots[s][1];
          var box = [sx + n.bx - PAD, sy + n.by - PAD, sx + n.bx + n.bw + PAD, sy + n.by + n.bh + PAD, i];
          show = box[0] >= 0 && box[1] >= 0 && box[2] <= W && box[3] <= H &&
            !overlaps(labels, box, -1) && !overlaps(nodes, box, i);
          if (show) {
            insert(labels, box);
            n.tel.setAttribute("x", sx.toFixed(1));
            n.tel.setAttribute("y", sy.toFixed(1));
          }
        }
      }
      n.tel.classList.toggle("ag-hidden", !show);
    });
  }

  var pending = false;
  function apply(now) {
    view.setAttribute("transform", "translate(" + T.x + "," + T.y + ") scale(" + T.k + ")");
    if (now) { placeLabels(); return; }
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(function () { pending = false; placeLabels(); });
    }
  }

  function fit(onlyHits) {
    var wh = size(), W = wh[0], H = wh[1];
    var shown = N.filter(function (n) { return n.on && (!onlyHits || n.hit); });
    if (!shown.length) shown = N.filter(function (n) { return n.on; });
    if (!shown.length) { apply(true); return; }
    var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity, left = 0, right = 0;
    shown.forEach(function (n) {
      x0 = Math.min(x0, n.x - n.r); x1 = Math.max(x1, n.x + n.r);
      y0 = Math.min(y0, n.y - n.r); y1 = Math.max(y1, n.y + n.r);
      if (n.side === "l") left = Math.max(left, n.bw + 8); else right = Math.max(right, n.bw + 8);
    });
    // Room for the labels beside the outermost nodes, but never most of the drawing.
    left = Math.min(left, 0.3 * W); right = Math.min(right, 0.3 * W);
    var pad = 12, aw = Math.max(W - left - right - 2 * pad, 20), ah = Math.max(H - 2 * pad, 20);
    var kw = aw / Math.max(x1 - x0, 1);
    var k = Math.min(kw, ah / Math.max(y1 - y0, 1), 2.5);
    if (data.layout === "columns" && !onlyHits) {
      // Long columns: rows stay at least 14 px apart, starting from the top; pan to see more.
      k = Math.max(k, Math.min(kw, 14 / data.row_gap));
    }
    T.k = k;
    T.x = pad + left + (aw - (x1 - x0) * k) / 2 - x0 * k;
    T.y = pad + Math.max((ah - (y1 - y0) * k) / 2, 0) - y0 * k;
    apply(true);
  }

  function zoomAt(px, py, factor) {
    var k = Math.max(0.01, Math.min(T.k * factor, 50));
    factor = k / T.k;
    T.x = px - (px - T.x) * factor;
    T.y = py - (py - T.y) * factor;
    T.k = k;
    apply(false);
  }

  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var box = svg.getBoundingClientRect();
    zoomAt(ev.clientX - box.left, ev.clientY - box.top, Math.exp(-ev.deltaY * 0.002));
  }, { passive: false });

  var drag = null;
  svg.addEventListener("pointerdown", function (ev) {
    drag = { x: ev.clientX, y: ev.clientY, tx: T.x, ty: T.y };
    svg.setPointerCapture(ev.pointerId);
    svg.classList.add("ag-dragging");
  });
  svg.addEventListener("pointermove", function (ev) {
    if (!drag) return;
    T.x = drag.tx + ev.clientX - drag.x;
    T.y = drag.ty + ev.clientY - drag.y;
    apply(false);
  });
  function endDrag() { drag = null; svg.classList.remove("ag-dragging"); }
  svg.addEventListener("pointerup", endDrag);
  svg.addEventListener("pointercancel", endDrag);

  // Tooltips and neighbourhood highlight.
  var focused = [];
  function unfocus() {
    focused.forEach(function (x) { x.classList.remove("ag-near"); });
    focused = [];
    svg.classList.remove("ag-focus");
  }
  svg.addEventListener("mouseover", function (ev) {
    var t = ev.target, title = null;
    if (t.hasAttribute("data-i") && t.classList.contains("ag-node")) {
      var n = N[+t.getAttribute("data-i")];
      title = n.title;
      unfocus();
      focused.push(n.el);
      n.adj.forEach(function (j) {
        var e = E[j];
        focused.push(e.el, N[e.s].el, N[e.t].el);
      });
      focused.forEach(function (x) { x.classList.add("ag-near"); });
      svg.classList.add("ag-focus");
    } else if (t.hasAttribute("data-e")) {
      title = E[+t.getAttribute("data-e")].title;
    }
    if (title === null) return;
    tip.innerHTML = title;
    tip.hidden = false;
  });
  svg.addEventListener("mousemove", function (ev) {
    if (tip.hidden) return;
    var box = stage.getBoundingClientRect();
    var x = ev.clientX - box.left + 14, y = ev.clientY - box.top + 14;
    if (x + tip.offsetWidth > box.width) x = Math.max(0, ev.clientX - box.left - tip.offsetWidth - 8);
    if (y + tip.offsetHeight > box.height) y = Math.max(0, ev.clientY - box.top - tip.offsetHeight - 8);
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  });
  svg.addEventListener("mouseout", function (ev) {
    var t = ev.target;
    if (t.hasAttribute("data-i") || t.hasAttribute("data-e")) { tip.hidden = true; unfocus(); }
  });

  // Search by name (and measure text).
  function updateCount() {
    var q = search ? search.value.trim() : "";
    if (!count) return;
    if (!q) { count.textContent = ""; return; }
    var hits = N.filter(function (n) { return n.hit && n.on; }).length;
    count.textContent = data.matches.replace("{0}", hits);
  }
  function runSearch() {
    var q = search.value.trim().toLowerCase();
    N.forEach(function (n) {
      n.hit = q !== "" && n.search.indexOf(q) >= 0;
      n.el.classList.toggle("ag-hit", n.hit);
    });
    svg.classList.toggle("ag-searching", q !== "");
    updateCount();
    placeLabels();
  }
  if (search) {
    search.addEventListener("input", runSearch);
    search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") fit(true); });
  }

  // Filters: role (edges), system (agencies), document and theme (measures). A node whose
  // every tie is filtered out is hidden as well.
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter]"));
  function runFilters() {
    var off = { role: {}, system: {}, doc: {}, theme: {} };
    boxes.forEach(function (b) { if (!b.checked) off[b.getAttribute("data-filter")][b.value] = true; });
    N.forEach(function (n) {
      var docsOn = !n.docs.length || n.docs.some(function (d) { return !off.doc[d]; });
      n.on = docsOn && (n.kind === "agency" ? !off.system[n.system] : !off.theme[n.theme]);
    });
    E.forEach(function (e) { e.on = !off.role[e.role] && N[e.s].on && N[e.t].on; });
    N.forEach(function (n) {
      if (n.on && n.adj.length && !n.adj.some(function (j) { return E[j].on; })) n.on = false;
    });
    E.forEach(function (e) { e.el.classList.toggle("ag-hidden", !e.on); });
    N.forEach(function (n) { n.el.classList.toggle("ag-hidden", !n.on); });
    updateCount();
    placeLabels();
  }
  boxes.forEach(function (b) { b.addEventListener("change", runFilters); });

  function centre() { var wh = size(); return [wh[0] / 2, wh[1] / 2]; }
  function on(id, handler) { var b = document.getElementById(id); if (b) b.addEventListener("click", handler); }
  on("ag-zoom-in", function () { var c = centre(); zoomAt(c[0], c[1], 1.4); });
  on("ag-zoom-out", function () { var c = centre(); zoomAt(c[0], c[1], 1 / 1.4); });
  on("ag-fit", function () { fit(false); });

  // Saving the view as drawn: SVG as is, PNG rendered from it at twice the screen resolution.
  var SVG_CSS = ".ag-node{stroke:#444;stroke-width:1px;vector-effect:non-scaling-stroke}" +
    ".ag-edge{fill:none;vector-effect:non-scaling-stroke}" +
    ".ag-label{font-size:12px;font-family:" + getComputedStyle(document.body).fontFamily.replace(/"/g, "'") +
    ";fill:#222;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round;" +
    "dominant-baseline:central}.ag-searching .ag-node:not(.ag-hit){opacity:.15}" +
    ".ag-searching .ag-edge{opacity:.08}.ag-hit{stroke:#000;stroke-width:3px}";
  function svgText() {
    var wh = size();
    var copy = svg.cloneNode(true);
    copy.classList.remove("ag-focus", "ag-dragging");
    Array.prototype.slice.call(copy.querySelectorAll(".ag-hidden")).forEach(function (x) { x.remove(); });
    Array.prototype.slice.call(copy.querySelectorAll(".ag-near")).forEach(function (x) {
      x.classList.remove("ag-near");
    });
    copy.setAttribute("width", wh[0]);
    copy.setAttribute("height", wh[1]);
    copy.setAttribute("viewBox", "0 0 " + wh[0] + " " + wh[1]);
    var css = document.createElementNS(NS, "style");
    css.textContent = SVG_CSS;
    copy.insertBefore(css, copy.firstChild);
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(copy);
  }
  function download(blob, name) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 2000);
  }
  on("ag-save-svg", function (ev) {
    download(new Blob([svgText()], { type: "image/svg+xml" }), ev.target.getAttribute("data-file"));
  });
  on("ag-save-png", function (ev) {
    var name = ev.target.getAttribute("data-file"), wh = size(), scale = 2;
    var img = new Image();
    img.onload = function () {
      var canvas = document.createElement("canvas");
      canvas.width = wh[0] * scale; canvas.height = wh[1] * scale;
      var ctx = canvas.getContext("2d");
      ctx.scale(scale, scale);
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, wh[0], wh[1]);
      ctx.drawImage(img, 0, 0, wh[0], wh[1]);
      canvas.toBlob(function (blob) { download(blob, name); }, "image/png");
    };
    img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svgText());
  });

  window.addEventListener("resize", function () { apply(false); });
  fit(false);
  var ready = Promise.resolve();
  if (document.fonts && document.fonts.ready) {
    ready = document.fonts.ready.then(function () { measure(); placeLabels(); });
  }
  window.agencygraphNetwork = {
    nodes: N, edges: E, transform: T, fit: fit, placeLabels: placeLabels, svgText: svgText,
    ready: ready, remeasure: function () { measure(); placeLabels(); }
  };
})();
