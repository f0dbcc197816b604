/* citecheck HTML report: evidence panel, findings filter, citation graph. No network, no innerHTML
   with data: every piece of report text goes through textContent or setAttribute. */
(function () {
  "use strict";
  const root = document.documentElement;
  let jsErrors = 0;
  window.addEventListener("error", function () {
    jsErrors += 1;
    root.setAttribute("data-js-errors", String(jsErrors));
  });

  function readJSON(id) {
    const el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      if (c !== null && c !== undefined) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  const data = readJSON("cc-data");
  const report = data.report;
  const anchors = data.anchors;
  const external = data.external || {};
  const statements = {};
  const findingsFor = {};
  report.documents.forEach(function (d) {
    d.statements.forEach(function (s) { statements[s.id] = { s: s, doc: d }; });
  });
  report.findings.forEach(function (f) {
    if (f.statement) (findingsFor[f.statement] = findingsFor[f.statement] || []).push(f);
  });

  const LABELS = { single_source: "single source" };
  const isHttp = function (url) { return /^https?:\/\/[^\s]+$/i.test(url || ""); };
  const short = function (text, n) { return text.length > n ? text.slice(0, n - 1) + "…" : text; };

  function urlNode(url) {
    if (!url) return null;
    if (!isHttp(url)) return el("span", { class: "url" }, [url]);
    return el("a", { class: "url", href: url, rel: "noopener noreferrer nofollow", target: "_blank" }, [url]);
  }

  function stmtLink(id) {
    const hit = statements[id];
    if (hit && anchors[id]) {
      const a = el("a", { href: "#" + anchors[id], "data-sid": id }, [hit.doc.title || hit.doc.id]);
      const label = hit.s.corroboration ? hit.s.corroboration.label : "none";
      return el("li", {}, [a, " ", el("span", { class: "muted" }, ["line " + hit.s.line + ", " + (LABELS[label] || label)]),
        el("div", {}, ["“" + short(hit.s.text, 160) + "”"])]);
    }
    const ext = external[id];
    if (ext) return el("li", {}, [el("span", {}, [ext.title + " (evidence)"]), el("div", {}, ["“" + short(ext.text, 160) + "”"])]);
    return el("li", {}, [id]);
  }

  function section(title, items) {
    if (!items || !items.length) return [];
    return [el("h4", {}, [title]), el("ul", {}, items)];
  }

  function reference(doc, citation) {
    const ref = doc.references.find(function (r) { return r.key === citation.reference; });
    const head = el("span", { class: "key" }, [citation.marker]);
    if (!ref) return el("li", {}, [head, " ", el("span", { class: "label-contradicted" }, ["dangling: no reference entry"])]);
    const parts = [ref.publisher, ref.title ? "“" + ref.title + "”" : null, ref.date].filter(Boolean).join(" · ");
    return el("li", {}, [head, " ", parts || ref.text, " ", urlNode(ref.url)]);
  }

  function fact(f) {
    let value = f.low !== undefined || f.high !== undefined ? (f.low ?? "?") + "–" + (f.high ?? "?") : String(f.value);
    if (f.kind === "entity" && f.entities.length) value = f.entities.join(", ");
    const q = f.qualifier && f.qualifier !== "=" ? f.qualifier + " " : "";
    const about = (f.unit ? " " + f.unit : "") + (f.subject && f.kind !== "entity" ? " of " + f.subject : "");
    return el("li", {}, [el("b", {}, [f.kind]), " " + q + value + about + " ", el("span", { class: "muted" }, ["“" + f.text + "”"])]);
  }

  function showEvidence(id) {
    const hit = statements[id];
    const panel = document.querySelector("#evidence .panel-inner");
    if (!hit || !panel) return;
    const s = hit.s, doc = hit.doc, c = s.corroboration;
    const label = c ? c.label : "none";
    const kids = [el("h2", {}, ["Evidence"]),
      el("div", {}, [el("span", { class: "badge label-" + label }, [LABELS[label] || label]),
        el("span", { class: "score" }, [c && c.score !== null ? "score " + c.score.toFixed(2) : "no score"]),
        el("span", { class: "score" }, [s.kind + " · checkworthy " + s.checkworthy.toFixed(2)])]),
      el("div", { class: "muted" }, [doc.source + ":" + s.line + ":" + s.column + " · " + s.id]),
      el("blockquote", {}, [s.text])];
    if (c && c.explanation) kids.push(el("p", { class: "explanation" }, [c.explanation]));
    if (c && c.independent_origins.length) {
      kids.push(el("h4", {}, ["Independent origins"]),
        el("div", {}, c.independent_origins.map(function (o) { return el("span", { class: "origin" }, [o]); })));
    }
    kids.push(...section("Supporting", c ? c.supporting.map(stmtLink) : []));
    kids.push(...section("Contradicting", c ? c.contradicting.map(stmtLink) : []));
    kids.push(...section("Citations", s.citations.map(function (x) { return reference(doc, x); })));
    kids.push(...section("Attributions", s.attributions.map(function (a) {
      return el("li", {}, [el("b", {}, [a.source || "(unnamed)"]), " " + a.kind + " · ", el("span", { class: "muted" }, ["“" + a.text + "”"])]);
    })));
    kids.push(...section("Hedges", s.hedges.map(function (h) { return el("li", {}, [h]); })));
    kids.push(...section("Facts", s.facts.map(fact)));
    kids.push(...section("Findings", (findingsFor[id] || []).map(function (f) {
      return el("li", {}, [el("span", { class: "sev sev-" + f.severity }, [f.code]), " " + f.rule + ": " + f.message]);
    })));
    if (c && c.terms.length) {
      const rows = c.terms.map(function (t) { return el("tr", {}, [el("td", {}, [t.term]), el("td", { class: "num" }, [t.weight.toFixed(3)])]); });
      kids.push(el("h4", {}, ["Score terms"]), el("table", { class: "terms" }, [el("tbody", {}, rows)]));
    }
    panel.replaceChildren(...kids);
    panel.parentElement.scrollTop = 0;
  }

  let selected = null;
  function select(id, scroll) {
    const span = anchors[id] ? document.getElementById(anchors[id]) : null;
    if (selected) selected.classList.remove("selected", "flash");
    selected = span;
    if (span) {
      span.classList.add("selected");
      void span.offsetWidth;
      span.classList.add("flash");
      const box = span.getBoundingClientRect();
      if (scroll && (box.top < 0 || box.bottom > window.innerHeight)) span.scrollIntoView({ block: "center" });
    }
    document.querySelectorAll("#graph .node.selected").forEach(function (n) { n.classList.remove("selected"); });
    const node = document.querySelector('#graph [data-node="' + CSS.escape("stmt:" + id) + '"]');
    if (node) node.classList.add("selected");
    showEvidence(id);
  }

  document.addEventListener("click", function (e) {
    const target = e.target.closest("[data-sid]");
    if (!target) return;
    const isLink = target.tagName === "A";
    if (isLink) e.preventDefault();
    select(target.getAttribute("data-sid"), isLink);
    if (isLink && history.replaceState) history.replaceState(null, "", target.getAttribute("href"));
  });
  document.addEventListener("keydown", function (e) {
    const t = e.target;
    if ((e.key === "Enter" || e.key === " ") && t.hasAttribute && t.hasAttribute("data-sid") && t.tagName !== "A") {
      e.preventDefault();
      select(t.getAttribute("data-sid"), false);
    }
  });
  function fromHash() {
    /* #s-0-3 (an element id) or #a.md%233 (a statement id): select that statement */
    let hash = location.hash.slice(1);
    try { hash = decodeURIComponent(hash); } catch (e) { /* a malformed %-escape: use it as it is */ }
    const span = hash ? document.getElementById(hash) : null;
    if (span && span.hasAttribute("data-sid")) select(span.getAttribute("data-sid"), true);
    else if (statements[hash]) select(hash, true);
  }
  window.addEventListener("hashchange", fromHash);

  /* findings filters: severity boxes, rule code and document menus, combined */
  function filterFindings() {
    const off = {};
    document.querySelectorAll(".filters input[data-severity]").forEach(function (box) {
      off[box.getAttribute("data-severity")] = !box.checked;
    });
    const want = {};
    document.querySelectorAll(".filters select[data-filter]").forEach(function (menu) {
      want[menu.getAttribute("data-filter")] = menu.value;
    });
    let shown = 0, total = 0;
    document.querySelectorAll("table.findings tbody tr").forEach(function (row) {
      const hide = off[row.getAttribute("data-severity")] ||
        (want.code && row.getAttribute("data-code") !== want.code) ||
        (want.document && row.getAttribute("data-document") !== want.document);
      row.classList.toggle("hidden", Boolean(hide));
      total += 1; shown += hide ? 0 : 1;
    });
    const note = document.getElementById("findings-shown");
    if (note) note.textContent = shown === total ? "" : "showing " + shown + " of " + total;
  }
  document.querySelectorAll(".filters input[data-severity], .filters select[data-filter]").forEach(function (c) {
    c.addEventListener("change", filterFindings);
  });

  /* what the browser test reads back: elements wider than their box (sideways scrolling) */
  function overflowReport() {
    const wide = [];
    const page = document.documentElement;
    if (page.scrollWidth > page.clientWidth + 1) wide.push("page");
    document.querySelectorAll(".scroll, main > section, main > header, table, aside").forEach(function (e) {
      if (e.scrollWidth > e.clientWidth + 1) wide.push(e.id || e.className || e.tagName.toLowerCase());
    });
    root.setAttribute("data-overflow", wide.join(" "));
    root.setAttribute("data-page-width", String(page.scrollWidth));
  }

  /* ---- citation graph: Fruchterman-Reingold with a seeded start, drawn as SVG ---- */
  const SVG = "http://www.w3.org/2000/svg";
  const TYPE_COLOUR = { document: "#1e3a8a", reference: "#94a3b8", source: "#6d28d9", origin: "#111827" };
  const VERDICT_COLOUR = { corroborated: "#1a7f37", single_source: "#0e7490", unsupported: "#d4a72c",
    contradicted: "#cf222e", disputed: "#8250df", opinion: "#8c959f", none: "#8c959f" };

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  function seeded(seed) {
    return function () {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function layout(nodes, links) {
    const n = nodes.length, rand = seeded(42);
    const area = Math.max(1, n) * 9000, k = Math.sqrt(area / Math.max(1, n));
    const docs = nodes.filter(function (d) { return d.type === "document"; });
    const R = Math.sqrt(area) / (docs.length > 8 ? 2 : 3);
    docs.forEach(function (d, i) {
      const a = (2 * Math.PI * i) / docs.length;
      d.x = docs.length > 1 ? R * Math.cos(a) : 0; d.y = docs.length > 1 ? R * Math.sin(a) : 0;
    });
    nodes.forEach(function (d) {
      if (d.type === "document") return;
      const home = d.home || d.adj.find(function (o) { return o.type === "document"; });
      const base = home || { x: 0, y: 0 };
      d.x = base.x + (rand() - 0.5) * R; d.y = base.y + (rand() - 0.5) * R;
    });
    /* many documents: pin them on a ring so that each one's region stays apart from the others */
    const pinned = docs.length > 8;
    let temp = Math.sqrt(area) / 8;
    const steps = n > 300 ? 220 : 320;
    for (let it = 0; it < steps; it++) {
      nodes.forEach(function (d) { d.dx = 0; d.dy = 0; });
      for (let i = 0; i < n; i++) {
        const a = nodes[i];
        for (let j = i + 1; j < n; j++) {
          const b = nodes[j];
          let dx = a.x - b.x, dy = a.y - b.y, d2 = dx * dx + dy * dy;
          if (d2 < 0.01) { dx = rand() - 0.5; dy = rand() - 0.5; d2 = 0.5; }
          if (d2 > 9 * k * k * 16) continue;
          const f = (k * k) / d2;
          a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
        }
      }
      links.forEach(function (l) {
        const a = l.s, b = l.t, dx = a.x - b.x, dy = a.y - b.y, d = Math.sqrt(dx * dx + dy * dy) || 0.01;
        const f = (d / k) * (ACROSS[l.relation] && a.group !== b.group ? 0.001 : 1);
        a.dx -= dx * f; a.dy -= dy * f; b.dx += dx * f; b.dy += dy * f;
      });
      nodes.forEach(function (d) { /* a document's own nodes stay near it: the groups stay apart */
        const home = d.home;
        if (!home || home === d) return;
        d.dx -= (d.x - home.x) * GROUP_PULL; d.dy -= (d.y - home.y) * GROUP_PULL;
      });
      nodes.forEach(function (d) {
        if (pinned && d.type === "document") return; /* documents hold their place on the ring */
        if (!pinned || !d.home) { d.dx -= d.x * 0.02; d.dy -= d.y * 0.02; } /* else its document holds it */
        const len = Math.sqrt(d.dx * d.dx + d.dy * d.dy) || 1, step = Math.min(len, temp);
        d.x += (d.dx / len) * step; d.y += (d.dy / len) * step;
      });
      temp = Math.max(temp * 0.985, 0.5);
    }
  }

  /* scale the layout into the W×H pixel box (labels need room on the right), so that shapes and
     text keep their pixel size whatever the number of nodes; stretch each axis at most 2.2× more */
  function fit(nodes, W, H) {
    /* turn the layout so that its long axis is horizontal, like the box */
    const n = nodes.length || 1;
    const mx = nodes.reduce(function (a, d) { return a + d.x; }, 0) / n, my = nodes.reduce(function (a, d) { return a + d.y; }, 0) / n;
    let sxx = 0, syy = 0, sxy = 0;
    nodes.forEach(function (d) { const x = d.x - mx, y = d.y - my; sxx += x * x; syy += y * y; sxy += x * y; });
    const angle = -0.5 * Math.atan2(2 * sxy, sxx - syy), cos = Math.cos(angle), sin = Math.sin(angle);
    nodes.forEach(function (d) {
      const x = d.x - mx, y = d.y - my;
      d.x = x * cos - y * sin; d.y = x * sin + y * cos;
    });
    const xs = nodes.map(function (d) { return d.x; }), ys = nodes.map(function (d) { return d.y; });
    const minX = Math.min(...xs), minY = Math.min(...ys);
    const w = Math.max(1, Math.max(...xs) - minX), h = Math.max(1, Math.max(...ys) - minY);
    let sx = (W - 200) / w, sy = (H - 60) / h;
    sx = Math.min(sx, sy * 2.2); sy = Math.min(sy, sx * 2.2);
    const ox = (W - 170 - w * sx) / 2, oy = (H - h * sy) / 2;
    nodes.forEach(function (d) { d.x = ox + (d.x - minX) * sx; d.y = oy + (d.y - minY) * sy; });
  }

  /* label documents, origins and sources (in that order), right of the node or else left of it,
     skipping a label that would overlap one already placed: its node keeps a tooltip */
  function placeLabels(nodes, group) {
    const placed = [], rank = { document: 0, origin: 1, source: 2 };
    const overlaps = function (b) {
      return placed.some(function (p) { return b.x < p.x + p.w && p.x < b.x + b.w && b.y < p.y + p.h && p.y < b.y + b.h; });
    };
    nodes.filter(function (d) { return d.type in rank; })
      .sort(function (a, b) { return rank[a.type] - rank[b.type]; })
      .forEach(function (d) {
        const text = short(d.label, 32), w = text.length * (d.type === "document" ? 7 : 6.2), h = 13;
        const right = { x: d.x + 11, y: d.y - 8, w: w, h: h }, left = { x: d.x - 11 - w, y: d.y - 8, w: w, h: h };
        const box = !overlaps(right) ? right : !overlaps(left) ? left : null;
        if (!box) return;
        placed.push(box);
        const minor = d.type !== "document" && nodes.length > LABEL_ALL_UNDER ? " minor" : "";
        const t = svg("text", { x: box.x, y: d.y + 4, class: (d.type === "document" ? "doc" : d.type) + minor });
        t.textContent = text;
        group.appendChild(t);
      });
  }

  /* edges between documents barely pull: a claim stays in its document's region, its support drawn as a line */
  const ACROSS = { supports: true, contradicts: true, echoes: true, attributed_to: true };
  const GROUP_PULL = 1; /* how hard a document holds its own nodes near it, against the spring forces */
  const LABEL_ALL_UNDER = 80; /* nodes: above this only document labels show until zoomed in */
  const ZOOM_LABELS = 1.6;

  /* one shaded region per document behind its nodes */
  function groups(nodes, layer) {
    const byGroup = {};
    nodes.forEach(function (d) { if (d.group) (byGroup[d.group] = byGroup[d.group] || []).push(d); });
    Object.keys(byGroup).sort().forEach(function (name) {
      const members = byGroup[name];
      if (members.length < 2) return;
      const cx = members.reduce(function (a, d) { return a + d.x; }, 0) / members.length;
      const cy = members.reduce(function (a, d) { return a + d.y; }, 0) / members.length;
      const r = Math.max.apply(null, members.map(function (d) { return Math.hypot(d.x - cx, d.y - cy); })) + 14;
      const region = svg("circle", { cx: cx, cy: cy, r: r, class: "group", "data-group": name });
      const title = svg("title", {});
      title.textContent = "document: " + name;
      region.appendChild(title);
      layer.appendChild(region);
    });
  }

  function shape(d) {
    const title = svg("title", {});
    title.textContent = d.type + (d.verdict ? " (" + d.verdict + ")" : "") + ": " + d.label;
    let node;
    if (d.type === "document") node = svg("rect", { x: d.x - 9, y: d.y - 9, width: 18, height: 18, rx: 3 });
    else if (d.type === "reference") node = svg("rect", { x: d.x - 4.5, y: d.y - 4.5, width: 9, height: 9 });
    else if (d.type === "source") node = svg("polygon", { points: [[0, -8], [8, 0], [0, 8], [-8, 0]].map(function (p) { return (d.x + p[0]) + "," + (d.y + p[1]); }).join(" ") });
    else if (d.type === "origin") node = svg("polygon", { points: [[0, -9], [8, 6], [-8, 6]].map(function (p) { return (d.x + p[0]) + "," + (d.y + p[1]); }).join(" ") });
    else node = svg("circle", { cx: d.x, cy: d.y, r: 5 });
    node.setAttribute("class", "node " + d.type);
    node.setAttribute("fill", d.type === "statement" ? VERDICT_COLOUR[d.verdict] || "#8c959f" : TYPE_COLOUR[d.type] || "#8c959f");
    node.setAttribute("data-node", d.id);
    node.appendChild(title);
    return node;
  }

  function drawGraph() {
    const box = document.getElementById("graph");
    const g = readJSON("cc-graph");
    if (!box || !g) return;
    const byId = {};
    g.nodes.forEach(function (d) { d.adj = []; byId[d.id] = d; });
    g.nodes.forEach(function (d) { d.home = d.group ? byId["doc:" + d.group] || null : null; });
    const links = g.links.filter(function (l) { return byId[l.source] && byId[l.target]; }).map(function (l) {
      const s = byId[l.source], t = byId[l.target];
      s.adj.push(t); t.adj.push(s);
      return { s: s, t: t, relation: l.relation };
    });
    layout(g.nodes, links);
    const W = box.clientWidth || 900, H = Math.round(Math.min(1000, Math.max(480, 36 * Math.sqrt(g.nodes.length) + 200)));
    box.style.height = H + "px";
    fit(g.nodes, W, H);
    const regions = svg("g", { class: "groups" });
    const edges = svg("g", { class: "edges" }), shapes = svg("g", { class: "nodes" }), labels = svg("g", { class: "labels" });
    groups(g.nodes, regions);
    links.forEach(function (l) {
      edges.appendChild(svg("line", { x1: l.s.x, y1: l.s.y, x2: l.t.x, y2: l.t.y, class: "edge " + l.relation }));
    });
    g.nodes.forEach(function (d) { shapes.appendChild(shape(d)); });
    placeLabels(g.nodes, labels);
    const hover = svg("text", { class: "hover", x: 0, y: 0 });
    box.replaceChildren(regions, edges, shapes, labels, hover);
    box.addEventListener("pointerover", function (e) {
      const id = e.target.getAttribute && e.target.getAttribute("data-node");
      const d = id ? byId[id] : null;
      hover.textContent = d ? short(d.label, 60) : "";
      if (d) { hover.setAttribute("x", d.x + 11); hover.setAttribute("y", d.y - 10); }
    });
    box.addEventListener("pointerout", function () { hover.textContent = ""; });
    const home = [0, 0, W, H];
    let view = home.slice();
    const apply = function () {
      box.setAttribute("viewBox", view.map(function (v) { return v.toFixed(1); }).join(" "));
      box.classList.toggle("zoomed", W / view[2] >= ZOOM_LABELS);
    };
    apply();
    box.setAttribute("data-nodes", String(g.nodes.length));
    box.setAttribute("data-edges", String(links.length));
    box.setAttribute("data-groups", String(regions.childNodes.length));
    box.classList.toggle("large", g.nodes.length > LABEL_ALL_UNDER); /* faint cross-document edges */
    box.setAttribute("data-labels", String(labels.querySelectorAll("text:not(.minor)").length));
    document.querySelectorAll(".graph-tools [data-zoom]").forEach(function (b) {
      b.addEventListener("click", function () {
        const z = parseFloat(b.getAttribute("data-zoom"));
        if (!z) { view = home.slice(); } else {
          const cx = view[0] + view[2] / 2, cy = view[1] + view[3] / 2;
          view = [cx - view[2] / z / 2, cy - view[3] / z / 2, view[2] / z, view[3] / z];
        }
        apply();
      });
    });
    let drag = null;
    box.addEventListener("pointerdown", function (e) { drag = { x: e.clientX, y: e.clientY, moved: false }; box.classList.add("dragging"); });
    box.addEventListener("pointermove", function (e) {
      if (!drag) return;
      const scale = view[2] / (box.clientWidth || 1);
      view[0] -= (e.clientX - drag.x) * scale; view[1] -= (e.clientY - drag.y) * scale;
      drag.moved = drag.moved || Math.abs(e.clientX - drag.x) + Math.abs(e.clientY - drag.y) > 2;
      drag.x = e.clientX; drag.y = e.clientY;
      apply();
    });
    const stop = function () { box.classList.remove("dragging"); setTimeout(function () { drag = null; }, 0); };
    box.addEventListener("pointerup", stop);
    box.addEventListener("pointerleave", stop);
    box.addEventListener("click", function (e) {
      if (drag && drag.moved) return;
      const id = e.target.getAttribute && e.target.getAttribute("data-node");
      if (!id) return;
      if (id.indexOf("stmt:") === 0) select(id.slice(5), true);
      if (id.indexOf("doc:") === 0) {
        const sec = document.querySelector('section.document[data-doc="' + CSS.escape(id.slice(4)) + '"]');
        if (sec) sec.scrollIntoView();
      }
    });
  }

  drawGraph();
  fromHash();
  filterFindings();
  overflowReport();
  root.setAttribute("data-ready", "1");
})();
