// Graphs of articles, topics and entities, drawn with Cytoscape.js (shipped with the site, no CDN), loaded only
// on pages that have one:
// - the corpus graph of the graph page (#graph, data from assets/graph.json): a force layout from fixed starting
//   positions, so that it is the same at every load;
// - the local graph of an article, a topic or an entity (.local-graph, data in the page): the page's node in the
//   middle, its neighbours on rings by kind.
// Labels never overlap: once the layout is done, a label that would cover a more important one is hidden (it
// shows on hover or on tap). A tap or a click on a node opens its page.
(() => {  // a scope of its own: the site's scripts share one page
  "use strict"

  const CYTOSCAPE = new URL("../vendor/cytoscape/cytoscape.min.js", document.currentScript.src).href
  const COLOURS = {
    article: "#9e9e9e", topic: "#e53935", organisation: "#1e88e5", person: "#43a047",
    product: "#fb8c00", place: "#8e24aa", event: "#00897b",
  }

  let library = null
  function loadCytoscape() {
    library = library || new Promise((resolve, reject) => {
      const script = document.createElement("script")
      script.src = CYTOSCAPE
      script.onload = () => resolve(window.cytoscape)
      script.onerror = reject
      document.head.append(script)
    })
    return library
  }

  // The text colour of the page, resolved to rgb() by the browser (the scheme's variables use hsla() with nested
  // var(), which Cytoscape does not read): labels stay legible in light and dark schemes.
  function textColour(container) {
    return getComputedStyle(container).color || "#333"
  }

  function style(container, local) {
    const text = textColour(container)
    return [
      { selector: "node", style: {
        "background-color": node => COLOURS[node.data("type")] || "#607d8b",
        "width": node => node.data("size"), "height": node => node.data("size"),
        "label": "data(short)", "font-size": local ? 11 : 9, "color": text,
        "text-valign": "bottom", "text-margin-y": 3, "text-wrap": "ellipsis", "text-max-width": local ? 150 : 120,
        "text-background-color": getComputedStyle(container).backgroundColor || "#fff",
        "text-background-opacity": 0.7, "text-background-padding": 1,
      } },
      { selector: "node[type = 'article']", style: { "shape": "round-rectangle" } },
      { selector: "node[type = 'topic']", style: { "shape": "star", "font-weight": "bold" } },
      { selector: "node[?center]", style: { "border-width": 3, "border-color": text, "font-weight": "bold" } },
      { selector: "node.quiet", style: { "label": "" } },
      { selector: "node.hover, node:selected", style: { "label": "data(label)", "z-index": 10, "text-max-width": 260 } },
      { selector: "edge", style: { "width": 1, "line-color": "#bdbdbd", "opacity": 0.5, "curve-style": "haystack" } },
      { selector: "edge[kind = 'topic']", style: { "line-color": COLOURS.topic, "opacity": 0.35 } },
    ]
  }

  function shorten(label, length) {
    return label.length > length ? label.slice(0, length - 1).trimEnd() + "…" : label
  }

  // Where a label may go, in the order tried: under its node, above it, to its right, to its left, at its corners,
  // then a line or two further under or above it (topics sit close together in the middle).
  const PLACES = [["bottom", "center", 0, 3], ["top", "center", 0, -3], ["center", "right", 4, 0], ["center", "left", -4, 0],
                  ["bottom", "right", 2, 2], ["bottom", "left", -2, 2], ["top", "right", 2, -2], ["top", "left", -2, -2],
                  ["bottom", "center", 0, 18], ["top", "center", 0, -18], ["bottom", "center", 0, 33], ["top", "center", 0, -33]]

  // Each label where it covers no label already shown, most important nodes first (topics, then the most linked):
  // tried under, above, right and left of its node and at its corners before it is hidden (a hidden label shows on hover or tap).
  // Labels keep a legible size on the screen whatever the zoom (a phone shows the whole graph small).
  function declutter(cy, local) {
    const fontSize = local ? 11 : Math.max(9, 9 / cy.zoom())
    const shown = []
    const order = cy.nodes().sort((a, b) =>
      (b.data("center") ? 1 : 0) - (a.data("center") ? 1 : 0) || b.data("rank") - a.data("rank") ||
      (a.id() < b.id() ? -1 : 1))
    cy.batch(() => {
      order.forEach(node => {
        node.removeClass("quiet")
        node.style({ "font-size": fontSize, "text-max-width": (local ? 150 : 120) * fontSize / (local ? 11 : 9) })
        const free = PLACES.find(([valign, halign, x, y]) => {
          node.style({ "text-valign": valign, "text-halign": halign, "text-margin-x": x, "text-margin-y": y })
          const box = node.boundingBox({ includeNodes: false, includeLabels: true, includeEdges: false })
          if (box.w === 0) return false
          const clash = shown.some(other => box.x1 < other.x2 && other.x1 < box.x2 && box.y1 < other.y2 && other.y1 < box.y2)
          if (!clash) shown.push(box)
          return !clash
        })
        if (!free) node.addClass("quiet")
      })
    })
  }

  function elements(data, local, narrow) {
    const degree = {}
    for (const edge of data.edges) {
      degree[edge.source] = (degree[edge.source] || 0) + 1
      degree[edge.target] = (degree[edge.target] || 0) + 1
    }
    const nodes = [...data.nodes].sort((a, b) => (a.id < b.id ? -1 : 1))
    return [
      ...nodes.map((node, i) => {
        const d = degree[node.id] || 0
        const rank = (node.type === "topic" ? 1000 : 0) + (node.type === "article" ? 0 : 100) + d
        const size = node.center ? 28 : (local ? 16 : 10 + 4 * Math.sqrt(d))
        // Starting positions on a circle, in id order: the layout starts from the same place at every load.
        const angle = (2 * Math.PI * i) / nodes.length
        return { data: { ...node, rank, size, short: shorten(node.label, local ? 40 : narrow ? 18 : 32) },
                 position: { x: 400 * Math.cos(angle), y: 400 * Math.sin(angle) } }
      }),
      ...data.edges.map((edge, i) => ({ data: { id: `e${i}`, ...edge } })),
    ]
  }

  // A local graph: the page's node in the middle, topics on an inner ellipse, the rest on an outer one that
  // fills the box, in a fixed order. Positions are in screen pixels, so that labels keep their size.
  function ellipses(container, nodes) {
    const width = container.clientWidth, height = container.clientHeight
    const rings = [nodes.filter(n => !n.data.center && n.data.type === "topic"),
                   nodes.filter(n => !n.data.center && n.data.type !== "topic")]
    const positions = {}
    rings.forEach((ring, r) => {
      const scale = rings[0].length && rings[1].length ? (r === 0 ? 0.42 : 1) : 1
      const rx = Math.max(60, (width / 2 - 90) * scale), ry = Math.max(50, (height / 2 - 30) * scale)
      ring.forEach((node, i) => {
        const angle = -Math.PI / 2 + (2 * Math.PI * (i + (r === 0 ? 0.5 : 0))) / ring.length
        positions[node.data.id] = { x: rx * Math.cos(angle), y: ry * Math.sin(angle) }
      })
    })
    return node => positions[node.id()] || { x: 0, y: 0 }
  }

  async function draw(container, data, root, local) {
    const cytoscape = await loadCytoscape()
    const items = elements(data, local, container.clientWidth < 600)  // a phone: shorter labels, more of them
    const layout = local
      ? { name: "preset", positions: ellipses(container, items.filter(e => !e.data.source)), fit: false,
          zoom: 1, pan: { x: container.clientWidth / 2, y: container.clientHeight / 2 } }
      : { name: "cose", animate: false, randomize: false, nodeRepulsion: () => 12000, idealEdgeLength: () => 70,
          numIter: 1500, nodeDimensionsIncludeLabels: false }
    const cy = cytoscape({
      container,
      elements: items,
      style: style(container, local),
      layout,
      wheelSensitivity: 0.3,
      // A local graph sits in the page: it must not catch the scrolling of the page (on a phone above all).
      userZoomingEnabled: !local, userPanningEnabled: !local, boxSelectionEnabled: false, autoungrabify: local,
    })
    declutter(cy, local)
    let redraw = null  // zoomed in, there is room for more labels; zoomed out, for fewer
    cy.on("zoom", () => { clearTimeout(redraw); redraw = setTimeout(() => declutter(cy, local), 150) })
    cy.on("mouseover", "node", event => event.target.addClass("hover"))
    cy.on("mouseout", "node", event => event.target.removeClass("hover"))
    cy.on("tap", "node", event => { window.location.href = new URL(event.target.data("url"), root).href })
    container.cy = cy  // for the browser tests and the screenshots script
    container.dataset.ready = "true"
  }

  // The site's root: nodes carry addresses from there ("entities/meta/"). The theme writes the way to it in its
  // configuration; the graph page also says it.
  function siteRoot(container) {
    const config = document.getElementById("__config")
    const base = container.dataset.root || (config && JSON.parse(config.textContent).base + "/") || "./"
    return new URL(base, window.location.href)
  }

  for (const container of document.querySelectorAll("#graph[data-graph]")) {
    fetch(container.dataset.graph)
      .then(response => response.json())
      .then(data => draw(container, data, siteRoot(container), false))
  }
  for (const container of document.querySelectorAll(".local-graph[data-graph-local]")) {
    const { nodes } = JSON.parse(container.dataset.graphLocal)  // the page's node first, then its neighbours
    const edges = nodes.slice(1).map(node => ({ source: nodes[0].id, target: node.id }))
    draw(container, { nodes, edges }, siteRoot(container), true)
  }
})()
