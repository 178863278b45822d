// Previews of linked pages: hovering (or focusing) a link to an article, a topic or an entity shows its title and
// own summary (see ownSummary) in a card, fetched from the site itself and kept for the visit. Devices
// without hover (phones) are left alone: a tap opens the page.
(() => {  // a scope of its own: the site's scripts share one page
  "use strict"

  const PREVIEWED = /\/(articles|topics|entities)\/[^/]+\/?(index\.html)?$/
  const KINDS = { articles: "Article", topics: "Thème", entities: "Entité" }
  const DELAY = 250  // ms of hovering before a preview: moving the pointer across a list must not fetch every page

  const cache = new Map()
  let card = null
  let timer = null

  function target(link) {
    if (!(link instanceof HTMLAnchorElement) || link.origin !== window.location.origin) return null
    const url = new URL(link.href)
    url.hash = ""
    if (url.href === new URL(window.location.href).href.split("#")[0]) return null  // a passage of this page
    const kind = url.pathname.match(PREVIEWED)
    return kind ? { url: url.href, kind: kind[1] } : null
  }

  async function summary(url) {
    if (!cache.has(url)) {
      cache.set(url, fetch(url).then(r => (r.ok ? r.text() : "")).then(html => {
        const page = new DOMParser().parseFromString(html, "text/html")  // inert: nothing in it runs
        const title = page.querySelector("article h1")?.textContent.replace(/¶$/, "").trim()
        return title ? { title, description: ownSummary(page) } : null
      }).catch(() => null))
    }
    return cache.get(url)
  }

  // The page's own summary (its og:description: an article's first passage, an entity's first mention, a topic's
  // description), else the start of its first paragraph; never the site's description, which says nothing of it.
  function ownSummary(page) {
    const summary = page.querySelector('meta[property="og:description"]')?.getAttribute("content")
    if (summary) return summary
    const first = [...page.querySelectorAll("article p")].map(p => p.textContent.trim()).find(text => text.length > 40)
    return first ? (first.length > 200 ? `${first.slice(0, 200).replace(/\s+\S*$/, "")} …` : first) : ""
  }

  function hide() {
    clearTimeout(timer)
    if (card) card.hidden = true
  }

  async function show(link, found) {
    const data = await summary(found.url)
    if (!data || !link.matches(":hover, :focus-visible")) return
    if (!card) {
      card = document.createElement("div")
      card.className = "link-preview md-typeset"
      card.setAttribute("role", "tooltip")
      document.body.append(card)
    }
    const kind = document.createElement("span")
    kind.className = "link-preview__kind"
    kind.textContent = KINDS[found.kind]
    const title = document.createElement("strong")
    title.textContent = data.title
    const text = document.createElement("p")
    text.textContent = data.description.length > 280 ? data.description.slice(0, 279).trimEnd() + "…" : data.description
    card.replaceChildren(kind, title, text)
    const box = link.getBoundingClientRect()
    card.hidden = false
    const width = Math.min(360, window.innerWidth - 16)
    card.style.width = `${width}px`
    card.style.left = `${Math.max(8, Math.min(box.left, window.innerWidth - width - 8)) + window.scrollX}px`
    const below = box.bottom + 8 + card.offsetHeight < window.innerHeight
    card.style.top = `${(below ? box.bottom + 8 : box.top - 8 - card.offsetHeight) + window.scrollY}px`
  }

  function start(event) {
    const link = event.target.closest?.(".md-content a[href]")
    const found = link && target(link)
    if (!found) return
    clearTimeout(timer)
    timer = setTimeout(() => show(link, found), DELAY)
  }

  if (window.matchMedia("(hover: hover)").matches) {
    document.addEventListener("pointerover", start)
    document.addEventListener("focusin", start)
    document.addEventListener("pointerout", event => { if (event.target.closest?.("a[href]")) hide() })
    document.addEventListener("focusout", hide)
    document.addEventListener("keydown", event => { if (event.key === "Escape") hide() })
  }
})()
