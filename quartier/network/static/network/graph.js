// The network graph (sigma.js + graphology, served from static files). The table on the page
// holds the same data; the controls are ordinary form fields and buttons (keyboard-operable).
(function () {
  "use strict";
  var dataNode = document.getElementById("network-data");
  var container = document.getElementById("network-graph");
  if (!dataNode || !container || !window.Sigma || !window.graphology) return;
  var data = JSON.parse(dataNode.textContent);
  var palette = ["#1b5e92", "#b03a2e", "#2e7d32", "#7b4397", "#a35c00", "#00796b", "#5d4037",
                 "#c2185b", "#37474f", "#827717", "#4527a0", "#00838f", "#6d4c41", "#ad1457", "#33691e"];
  var sectors = {};
  data.nodes.forEach(function (n) { if (!(n.sector in sectors)) sectors[n.sector] = Object.keys(sectors).length; });
  var controls = {
    colour: document.getElementById("g-colour"), size: document.getElementById("g-size"),
    kind: document.getElementById("g-kind"), confirmed: document.getElementById("g-confirmed"),
    date: document.getElementById("g-date")
  };
  var graph = new window.graphology.Graph({ multi: true, type: "undirected" });
  var renderer = null;

  function build() {
    graph.clear();
    var key = controls.size.value, max = 0;
    data.nodes.forEach(function (n) { max = Math.max(max, Number(n[key]) || 0); });
    data.nodes.forEach(function (n, i) {
      var group = controls.colour.value === "community" ? n.community : sectors[n.sector];
      var value = Number(n[key]) || 0;
      graph.addNode(n.id, {
        label: n.name, x: n.x !== undefined ? n.x : Math.cos(i), y: n.y !== undefined ? n.y : Math.sin(i),
        size: 4 + (max > 0 ? 12 * value / max : 0), color: palette[group % palette.length]
      });
    });
    var day = controls.date.value;
    data.edges.forEach(function (e) {
      if (controls.kind.value && e.kind !== controls.kind.value) return;
      if (controls.confirmed.checked && e.status !== "confirmed") return;
      if (day && ((e.since && e.since > day) || (e.until && e.until < day))) return;
      if (graph.hasNode(e.source) && graph.hasNode(e.target)) {
        graph.addEdge(e.source, e.target, { size: 1, color: e.status === "confirmed" ? "#888" : "#ccc" });
      }
    });
  }

  var summary = document.getElementById("graph-summary");
  function summarise() {
    if (!summary) return;
    summary.textContent = summary.dataset.template
      .replace("NODES", String(graph.order)).replace("EDGES", String(graph.size));
  }

  // positions come from the background task (docs/network.md, option "layout")
  build();
  summarise();
  renderer = new window.Sigma(graph, container, { renderEdgeLabels: false });
  Object.keys(controls).forEach(function (name) {
    controls[name].addEventListener("change", function () { build(); summarise(); renderer.refresh(); });
  });
  var camera = renderer.getCamera();
  document.getElementById("g-zoom-in").addEventListener("click", function () { camera.animatedZoom({ duration: 200 }); });
  document.getElementById("g-zoom-out").addEventListener("click", function () { camera.animatedUnzoom({ duration: 200 }); });
  document.getElementById("g-reset").addEventListener("click", function () { camera.animatedReset({ duration: 200 }); });
})();
