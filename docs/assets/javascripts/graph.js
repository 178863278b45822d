// The graph view: articles, topics and entities from assets/graph.json, drawn with Cytoscape.js (shipped with the
// site, no CDN). A click on a node opens its page.
"use strict"

const COLOURS = {
  article: "#9e9e9e", topic: "#e53935", organisation: "#1e88e5", person: "#43a047",
  product: "#fb8c00", place: "#8e24aa", event: "#00897b",
}

async function drawGraph(container) {
  const response = await fetch(container.dataset.graph)
  const data = await response.json()
  const root = new URL(container.dataset.root, window.location.href)
  const degree = {}
  for (const edge of data.edges) {
    degree[edge.source] = (degree[edge.source] || 0) + 1
    degree[edge.target] = (degree[edge.target] || 0) + 1
  }
  // The text colour of the page, resolved to rgb() by the browser (the scheme's variables use hsla(), with
  // spaces and nested var(), which Cytoscape does not read): labels stay legible in light and dark schemes.
  const text = getComputedStyle(container).color || "#333"
  const cy = cytoscape({
    container,
    elements: [
      ...data.nodes.map(node => ({ data: { ...node, degree: degree[node.id] || 0 } })),
      ...data.edges.map((edge, i) => ({ data: { id: `e${i}`, ...edge } })),
    ],
    style: [
      { selector: "node", style: {
        "background-color": node => COLOURS[node.data("type")] || "#607d8b",
        "width": node => 10 + 4 * Math.sqrt(node.data("degree")),
        "height": node => 10 + 4 * Math.sqrt(node.data("degree")),
        "label": "data(label)", "font-size": 9, "color": text,
        "text-wrap": "ellipsis", "text-max-width": 140, "min-zoomed-font-size": 7,
      } },
      { selector: "node[type = 'article']", style: { "shape": "round-rectangle", "label": "" } },
      { selector: "node[type = 'topic']", style: { "shape": "star", "font-size": 12, "font-weight": "bold" } },
      { selector: "node:selected, node.hover", style: { "label": "data(label)", "border-width": 2, "border-color": text } },
      { selector: "edge", style: { "width": 1, "line-color": "#bdbdbd", "opacity": 0.5, "curve-style": "haystack" } },
      { selector: "edge[kind = 'topic']", style: { "line-color": COLOURS.topic, "opacity": 0.35 } },
    ],
    layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 60 },
    wheelSensitivity: 0.3,
  })
  cy.on("mouseover", "node", event => event.target.addClass("hover"))
  cy.on("mouseout", "node", event => event.target.removeClass("hover"))
  cy.on("tap", "node", event => { window.location.href = new URL(event.target.data("url"), root).href })
  container.cy = cy  // for the browser tests and the screenshots script
  container.dataset.ready = "true"
}

document.querySelectorAll("#graph[data-graph]").forEach(drawGraph)
