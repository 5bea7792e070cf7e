"use strict";
(function () {
  const data = JSON.parse(document.getElementById("trace-data").textContent);
  const svgNs = "http://www.w3.org/2000/svg";
  const svg = document.querySelector("#graph svg");
  const byId = new Map(data.nodes.map(n => [n.id, n]));
  const large = data.nodes.length > 40;
  const MIN_SCALE = 0.8;
  let mode = "backward";
  let index = 0;
  let selected = null;

  function el(name, attributes, parent) {
    const e = document.createElementNS(svgNs, name);
    for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v);
    parent.appendChild(e);
    return e;
  }

  /** Positions every node for one orientation; returns the drawing's size. */
  function place(vertical, boxW, boxH, gapMain, gapCross) {
    const rows = new Map();
    for (const n of data.nodes) rows.set(n.depth, (rows.get(n.depth) || 0) + 1);
    const widest = Math.max(...rows.values());
    const depths = Math.max(...data.nodes.map(n => n.depth)) + 1;
    for (const n of data.nodes) {
      const main = n.depth * (vertical ? boxH + gapMain : boxW + gapMain);
      const offset = (widest - rows.get(n.depth)) / 2;
      const cross = (n.row + offset) * (vertical ? boxW + gapCross : boxH + gapCross);
      n.x = vertical ? cross : main;
      n.y = vertical ? main : cross;
    }
    return {
      width: vertical ? widest * (boxW + gapCross) - gapCross : depths * (boxW + gapMain) - gapMain,
      height: vertical ? depths * (boxH + gapMain) - gapMain : widest * (boxH + gapCross) - gapCross
    };
  }

  /** Lays the graph out left to right or top to bottom, whichever shows it larger in its box. */
  function layout() {
    const boxW = large ? 70 : 118, boxH = large ? 26 : 46, gapMain = large ? 36 : 56, gapCross = large ? 10 : 18;
    const box = document.getElementById("graph").getBoundingClientRect();
    const scale = size => Math.min(box.width / (size.width + 20), box.height / (size.height + 20));
    const across = scale(place(false, boxW, boxH, gapMain, gapCross));
    const down = scale(place(true, boxW, boxH, gapMain, gapCross));
    const vertical = down > across;
    const size = place(vertical, boxW, boxH, gapMain, gapCross);
    svg.setAttribute("viewBox", "-10 -10 " + (size.width + 20) + " " + (size.height + 20));
    // never shrink the boxes below a readable size: a bigger graph scrolls, following the steps
    if (Math.max(across, down) < MIN_SCALE) {
      svg.style.width = Math.round((size.width + 20) * MIN_SCALE) + "px";
      svg.style.height = Math.round((size.height + 20) * MIN_SCALE) + "px";
    } else {
      svg.style.width = "";
      svg.style.height = "";
    }
    return { boxW, boxH, vertical };
  }

  function draw() {
    svg.innerHTML = "";
    const { boxW, boxH, vertical } = layout();
    const defs = el("defs", {}, svg);
    for (const [id, color] of [["arrow", "#9aa3b8"], ["arrow-red", "#b3261e"], ["arrow-gold", "#a86b00"]]) {
      const m = el("marker", { id, viewBox: "0 0 10 10", refX: "9", refY: "5", markerWidth: "12", markerHeight: "12",
        markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" }, defs);
      el("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: color }, m);
    }
    for (const e of data.edges) {
      const a = byId.get(e.from), b = byId.get(e.to);
      if (!a || !b) continue;
      const x1 = vertical ? a.x + boxW / 2 : a.x + boxW, y1 = vertical ? a.y + boxH : a.y + boxH / 2;
      const x2 = vertical ? b.x + boxW / 2 : b.x, y2 = vertical ? b.y : b.y + boxH / 2;
      const mid = vertical ? "C " + x1 + " " + (y1 + y2) / 2 + ", " + x2 + " " + (y1 + y2) / 2
        : "C " + (x1 + x2) / 2 + " " + y1 + ", " + (x1 + x2) / 2 + " " + y2;
      el("path", { class: "edge", d: "M " + x1 + " " + y1 + " " + mid + ", " + x2 + " " + y2,
        "data-from": e.from, "data-to": e.to }, svg);
    }
    for (const n of data.nodes) {
      const g = el("g", { class: "node" + (n.leaf ? " leaf" : ""), "data-id": n.id,
        transform: "translate(" + n.x + "," + n.y + ")" }, svg);
      el("rect", { width: boxW, height: boxH }, g);
      const name = el("text", { x: boxW / 2, y: large ? boxH / 2 : boxH / 2 - 9 }, g);
      name.textContent = n.name.length > 12 ? n.name.slice(0, 11) + "…" : n.name;
      if (!large) {
        const value = el("text", { x: boxW / 2, y: boxH / 2 + 11, class: "small" }, g);
        value.textContent = n.short;
      }
      const title = el("title", {}, g);
      title.textContent = n.name + " = " + n.def + "  [" + n.shape + "]";
      g.addEventListener("click", () => { selected = n.id; show(); });
    }
    // the window width this drawing was laid out for: a test waits for it after resizing the window
    document.body.dataset.drawnFor = String(innerWidth);
  }

  function steps() { return mode === "backward" ? data.steps : data.paths; }

  function setText(id, text) {
    const e = document.getElementById(id);
    e.textContent = text || "";
    e.parentElement.hidden = !text;
    const label = e.parentElement.previousElementSibling;
    if (label && label.tagName === "DT") label.hidden = !text;
  }

  function show() {
    const list = steps();
    index = Math.max(0, Math.min(index, list.length - 1));
    const step = list[index];
    for (const g of svg.querySelectorAll(".node")) g.classList.remove("current", "consumer", "done", "onpath");
    for (const p of svg.querySelectorAll(".edge")) p.classList.remove("current", "onpath");
    const nodeEl = id => svg.querySelector('.node[data-id="' + id + '"]');
    const edgeEl = (a, b) => svg.querySelector('.edge[data-from="' + a + '"][data-to="' + b + '"]');
    if (mode === "backward") {
      for (let i = 0; i < index; i++) {
        const done = list[i];
        if (done.complete) { const d = nodeEl(done.node); if (d) d.classList.add("done"); }
      }
      const current = nodeEl(step.node);
      if (current) {
        current.classList.add("current");
        current.scrollIntoView({ block: "nearest", inline: "nearest" });
      }
      if (step.edge) {
        const c = nodeEl(step.edge[1]);
        if (c) c.classList.add("consumer");
        const e = edgeEl(step.edge[0], step.edge[1]);
        if (e) e.classList.add("current");
      }
      document.getElementById("head").textContent = step.head;
      setText("local", step.local);
      setText("contribution", step.contribution);
      setText("running", step.running);
      setText("value", step.value);
      setText("factors", "");
      setText("product", "");
    } else {
      step.nodes.forEach((id, i) => {
        const n = nodeEl(id);
        if (n) { n.classList.add("onpath"); if (i === 0) n.scrollIntoView({ block: "nearest", inline: "nearest" }); }
        if (i > 0) { const e = edgeEl(step.nodes[i - 1], id); if (e) e.classList.add("onpath"); }
      });
      document.getElementById("head").textContent = step.head;
      setText("local", "");
      setText("contribution", "");
      setText("value", "");
      setText("factors", step.factors.join("\n"));
      setText("product", step.product);
      setText("running", step.running);
    }
    document.getElementById("counter").textContent = "step " + (index + 1) + " of " + list.length;
    document.getElementById("back").disabled = index === 0;
    document.getElementById("next").disabled = index === list.length - 1;
    const info = document.getElementById("selected");
    if (selected !== null) {
      const n = byId.get(selected);
      info.textContent = n.name + " = " + n.def + "  [" + n.shape + "]\nvalue " + n.value
        + (n.delta ? "\n" + n.delta : "");
      info.parentElement.hidden = false;
    }
  }

  function go(delta) { index += delta; show(); }
  function setMode(m) {
    mode = m; index = 0;
    document.getElementById("mode-backward").setAttribute("aria-pressed", m === "backward");
    const p = document.getElementById("mode-paths");
    if (p) p.setAttribute("aria-pressed", m === "paths");
    show();
  }

  document.getElementById("back").addEventListener("click", () => go(-1));
  document.getElementById("next").addEventListener("click", () => go(1));
  document.getElementById("first").addEventListener("click", () => { index = 0; show(); });
  document.getElementById("last").addEventListener("click", () => { index = steps().length - 1; show(); });
  document.getElementById("mode-backward").addEventListener("click", () => setMode("backward"));
  const pathsButton = document.getElementById("mode-paths");
  if (pathsButton) pathsButton.addEventListener("click", () => setMode("paths"));
  document.addEventListener("keydown", e => {
    if (e.key === "ArrowRight" || e.key === "ArrowDown") { go(1); e.preventDefault(); }
    else if (e.key === "ArrowLeft" || e.key === "ArrowUp") { go(-1); e.preventDefault(); }
    else if (e.key === "Home") { index = 0; show(); e.preventDefault(); }
    else if (e.key === "End") { index = steps().length - 1; show(); e.preventDefault(); }
    else if ((e.key === "p" || e.key === "P") && pathsButton) setMode(mode === "paths" ? "backward" : "paths");
  });
  let resizeTimer;
  window.addEventListener("resize", () => { clearTimeout(resizeTimer); resizeTimer = setTimeout(() => { draw(); show(); }, 100); });
  draw();
  show();
})();
