// The search box: a dialog that queries the site's Pagefind index (pagefind/, written after `mkdocs build` by
// generator/search.py). Pagefind loads only the chunks of the index a query's words need, so the first result
// costs the same at ten articles and at ten thousand.
//
// What this file adds to Pagefind, for French readers:
// - the query loses its elided articles ("l’industrie" -> "industrie", "Meta's" -> "Meta") and its stop words
//   ("centres de données" -> "centres données"): Pagefind would match "de" as the prefix of every word;
// - when all the words together find fewer than a few pages, the words are also searched one by one, and pages
//   are ranked by how many of the words they hold ("donnees personnelles confidentialite");
// - each result links to the passage that matched (its anchor), not only to the page;
// - filters (kind of page, topic, entity, outlet, language, year) from the index itself.
// Text from the index is put into the page as text, never as HTML (excerpts keep only their <mark>s).
(() => {  // a scope of its own: the site's scripts share one page
  "use strict"

  const MIN_RESULTS = 5  // fewer pages than this for all the words together: search the words one by one too
  const SHOWN = 20
  const FILTER_ORDER = ["page", "thème", "entité", "média", "langue", "année"]
  const FILTER_LABELS = { page: "Type", "thème": "Thème", "entité": "Entité", "média": "Média", langue: "Langue", "année": "Année" }
  const FILTER_VALUES = 40  // the most frequent values of a filter; the others are reached by typing their name

  const dialog = document.querySelector("[data-search]")
  const root = dialog && new URL(dialog.dataset.searchRoot, document.baseURI)
  let engine = null  // the Pagefind module, once loaded
  let inParts = false  // the index comes in parts (see load)
  let words = null   // elisions and stop words, from assets/search-words.json
  let chosen = {}    // filter name -> value
  let latest = 0     // the number of the latest query: slower answers to older queries are dropped

  function load() {
    if (!engine) {
      engine = (async () => {
        const pagefind = await import(new URL("pagefind/pagefind.js", root).href)
        const options = { baseUrl: root.pathname, excerptLength: 24, ranking: { pageLength: 0.4 } }
        await pagefind.options(options)
        await pagefind.init()
        // A large site's index comes in parts (pagefind/parts.json, see generator/search.py): one search over all.
        const parts = await fetch(new URL("pagefind/parts.json", root)).then(r => r.ok ? r.json() : [], () => [])
        for (const part of parts) {
          await pagefind.mergeIndex(new URL(`pagefind/${part}`, root).pathname, options)
        }
        inParts = parts.length > 0
        const response = await fetch(dialog.dataset.searchWords)
        words = response.ok ? await response.json() : { elisions: [], stop: [] }
        words.elisions = new Set(words.elisions)
        words.stop = new Set(words.stop)
        return pagefind
      })()
    }
    return engine
  }

  function fold(word) {
    return word.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
  }

  // The words of a query worth searching: "l’industrie" -> "industrie", "Meta's" -> "meta", stop words dropped.
  function queryWords(query) {
    const out = []
    for (let token of query.replace(/[’ʼ`´]/g, "'").split(/[\s"«»“”()[\]{},;:!?.]+/)) {
      const parts = token.split("'").filter(Boolean)
      if (parts.length > 1 && words.elisions.has(fold(parts[0]))) parts.shift()
      if (parts.length > 1 && fold(parts[parts.length - 1]) === "s") parts.pop()
      token = parts.join("'")
      if (token && !words.stop.has(fold(token))) out.push(token)
    }
    // A query of stop words only ("the", "les") is searched as typed rather than not at all.
    return out.length ? out : query.split(/\s+/).filter(Boolean)
  }

  // The anchor of the passage where a page's first match is: the last element with an id before it.
  function passageUrl(data) {
    const first = Math.min(...data.locations)
    let anchor = null
    for (const a of data.anchors || []) {
      if (a.location <= first && a.id && (!anchor || a.location >= anchor.location)) anchor = a
    }
    return anchor && !/^h1$/i.test(anchor.element) ? `${data.url}#${anchor.id}` : data.url
  }

  async function search(query) {
    const pagefind = await load()
    const terms = queryWords(query)
    const filters = Object.fromEntries(Object.entries(chosen).filter(([, v]) => v))
    const all = await pagefind.search(terms.join(" "), { filters })
    const ranked = new Map(all.results.map((r, i) => [r.id, { result: r, matched: terms.length, rank: i }]))
    if (terms.length > 1 && ranked.size < MIN_RESULTS) {
      // Each word alone; a page ranks by how many words it holds, then by its best rank among them.
      const alone = await Promise.all(terms.map(t => pagefind.search(t, { filters })))
      for (const found of alone) {
        found.results.forEach((r, i) => {
          const known = ranked.get(r.id)
          if (!known) ranked.set(r.id, { result: r, matched: 1, rank: i, partial: true })
          else if (known.partial) { known.matched += 1; known.rank = Math.min(known.rank, i) }
        })
      }
    }
    const order = [...ranked.values()].sort((a, b) => b.matched - a.matched || a.rank - b.rank)
    return { terms, total: order.length, results: order.slice(0, SHOWN) }
  }

  // A part of the index that lacks a query's word answers with the longest beginning of it that it knows ("de" for
  // "deepseek"): such a result marks no word that begins like a query word, and is dropped. A result whose excerpt
  // marks nothing (a match in the title) is kept.
  function holdsAWordOf(data, terms) {
    const marked = [...data.excerpt.matchAll(/<mark>(.*?)<\/mark>/g)]
      .map(m => fold(m[1].replace(/[’ʼ]/g, "'").split("'").pop().replace(/[^\p{L}\p{N}-]+$/u, "")))
    if (!marked.length) return true
    const beginnings = terms.map(term => fold(term).slice(0, 5))
    return marked.some(word => beginnings.some(beginning => word.startsWith(beginning)))
  }

  // An excerpt as nodes: its text, and its <mark>s as marks; nothing else of the HTML survives.
  function excerptNodes(html) {
    const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html").body.firstChild
    const out = document.createElement("p")
    out.className = "site-search__excerpt"
    for (const node of parsed.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark")
        mark.textContent = node.textContent
        out.append(mark)
      } else {
        out.append(node.textContent)
      }
    }
    return out
  }

  function resultItem(data) {
    const item = document.createElement("li")
    const link = document.createElement("a")
    link.href = passageUrl(data)
    link.className = "site-search__link"
    const title = document.createElement("span")
    title.className = "site-search__title"
    title.textContent = data.meta.title || data.url
    const kind = document.createElement("span")
    kind.className = "site-search__kind"
    kind.textContent = [data.meta.type, data.meta.date, data.meta["média"]]
      .filter(Boolean).join(" · ")
    link.append(title, kind, excerptNodes(data.excerpt))
    item.append(link)
    return item
  }

  async function show(query) {
    const number = ++latest
    const status = dialog.querySelector("[data-search-status]")
    const list = dialog.querySelector("[data-search-results]")
    if (!query.trim()) {
      list.replaceChildren()
      status.textContent = ""
      return
    }
    status.textContent = "Recherche…"
    let items = []
    let message
    try {
      const found = await search(query)
      items = await Promise.all(found.results.map(r => r.result.data()))
      let total = found.total
      if (inParts) {
        const kept = items.filter(data => holdsAWordOf(data, found.terms))
        total -= items.length - kept.length
        items = kept
      }
      message = total === 0 ? "Aucun résultat."
        : total === 1 ? "1 résultat." : `${total} résultats${total > SHOWN ? `, les ${SHOWN} premiers` : ""}.`
    } catch (error) {
      // No index yet (a site without searchable pages, or `mkdocs serve` still writing it): say so, retry next time.
      engine = null
      message = "La recherche n’est pas disponible pour le moment."
    }
    if (number !== latest) return
    list.replaceChildren(...items.map(resultItem))
    status.textContent = message
    dialog.dataset.searchDone = String(number)  // for the browser tests
  }

  async function showFilters() {
    const box = dialog.querySelector("[data-search-filters]")
    if (box.childElementCount) return
    const pagefind = await load()
    const available = await pagefind.filters()
    for (const name of FILTER_ORDER) {
      const values = Object.entries(available[name] || {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "fr"))
      if (values.length < 2) continue
      const select = document.createElement("select")
      select.name = name
      select.setAttribute("aria-label", FILTER_LABELS[name])
      const any = new Option(`${FILTER_LABELS[name]} : tous`, "")
      select.append(any, ...values.slice(0, FILTER_VALUES).map(([value, count]) => new Option(`${value} (${count})`, value)))
      select.addEventListener("change", () => { chosen[name] = select.value; show(input().value) })
      box.append(select)
    }
  }

  function input() {
    return dialog.querySelector("[data-search-input]")
  }

  function open() {
    if (!dialog.open) dialog.showModal()
    input().focus()
    input().select()
    load().then(showFilters)
  }

  if (dialog) {
    let timer = null
    input().addEventListener("input", () => {
      clearTimeout(timer)
      timer = setTimeout(() => show(input().value), 120)
    })
    dialog.querySelector("[data-search-close]").addEventListener("click", () => dialog.close())
    dialog.addEventListener("click", event => { if (event.target === dialog) dialog.close() })  // the backdrop
    document.querySelectorAll("[data-search-open]").forEach(button => {
      button.addEventListener("click", open)
      button.addEventListener("pointerenter", () => load(), { once: true })  // start loading before the click
    })
    document.addEventListener("keydown", event => {
      const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement?.tagName) || document.activeElement?.isContentEditable
      if (!typing && !dialog.open && (event.key === "/" || event.key === "s") && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault()
        open()
      }
    })
    // Arrow keys move through the results; Enter on the field opens the first one.
    dialog.addEventListener("keydown", event => {
      const links = [...dialog.querySelectorAll(".site-search__link")]
      const at = links.indexOf(document.activeElement)
      if (event.key === "ArrowDown" && links.length) { event.preventDefault(); links[Math.min(at + 1, links.length - 1)].focus() }
      else if (event.key === "ArrowUp" && at >= 0) { event.preventDefault(); (at === 0 ? input() : links[at - 1]).focus() }
      else if (event.key === "Enter" && document.activeElement === input() && links.length) { event.preventDefault(); links[0].click() }
    })
    // ?q=… in the address opens the search with that query (a link to a search, from the about page or elsewhere).
    const asked = new URLSearchParams(window.location.search).get("q")
    if (asked) { open(); input().value = asked; show(asked) }
  }
})()
