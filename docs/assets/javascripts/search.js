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
// - filters (kind of page, topic, entity, outlet, language, year) from the index itself;
// - a word in no page finds nothing: Pagefind would answer with the pages of the longest beginning of it that it
//   knows ("ser" for "Serengeti", "à" for "ArcelorMittal"). The site's vocabulary (pagefind/vocabulary/, written with
//   the index by generator/search.py, a file per first letter, those of a query's words loaded when it is searched)
//   says which words are in some page; a word that is neither there nor an inflection or a beginning of a word there
//   ("investi" for "investissements") is left out of the search, and the closest words are proposed instead
//   ("Vouliez-vous dire : Zuckerberg ?"); a page where Pagefind found only such a beginning is not a result;
// - an exact phrase between quotation marks ("…", « … »): only the pages whose text holds it;
// - results twenty at a time ("Résultats suivants"), by relevance or by date (newest first, undated last).
// Text from the index is put into the page as text, never as HTML (excerpts keep only their <mark>s).
(() => {  // a scope of its own: the site's scripts share one page
  "use strict"

  const MIN_RESULTS = 5  // fewer pages than this for all the words together: search the words one by one too
  const SHOWN = 20
  const CHECKED = 400  // for a phrase, the candidate pages read to count those holding it (more only to fill a page)
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
  let vocabulary = new Map()  // first letter -> the site's words beginning with it (see loadShard), once searched
  let dates = null   // page id -> its place in date order, newest first (dated pages only)
  let order = ""     // "" (relevance) or "date"
  let current = null // the latest search's results, for their next pages

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

  // The file of the site's words where a folded word would be: its first letter or digit, "_" for any other.
  function shardOf(word) {
    return /^[a-z0-9]/.test(word) ? word[0] : "_"
  }

  // The site's words of one file (pagefind/vocabulary/K.json: each as most often written, the words of most pages
  // first), folded and in code-unit order for lookups. Without the file (an index written before it existed) there
  // is no vocabulary, and every word is known.
  function loadShard(key) {
    if (!vocabulary.has(key)) {
      vocabulary.set(key, fetch(new URL(`pagefind/vocabulary/${key}.json`, root))
        .then(r => r.ok ? r.json() : null, () => null)
        .then(list => {
          if (!Array.isArray(list)) return null
          const folded = list.map(fold)
          return { list, folded, known: new Set(folded), sorted: [...new Set(folded)].sort() }
        }))
    }
    return vocabulary.get(key)
  }

  // The vocabulary for some folded words: a function from a word to the words of its file (null: every word known).
  async function vocabularyFor(words) {
    const keys = [...new Set(words.filter(Boolean).map(shardOf))]
    const loaded = new Map(await Promise.all(keys.map(async key => [key, await loadShard(key)])))
    return word => loaded.get(shardOf(word)) || null
  }

  function commonPrefix(a, b) {
    let n = 0
    while (n < a.length && n < b.length && a[n] === b[n]) n += 1
    return n
  }

  // Endings of inflected words, folded (French and English): "chevaux"/"cheval", "modeles"/"modele", "deals"/"deal".
  const ENDINGS = new Set(["", "s", "x", "e", "es", "ee", "ees", "er", "ers", "ere", "eres", "ez", "ent", "ant", "ants",
    "ante", "antes", "ai", "ais", "ait", "aient", "a", "as", "i", "ie", "ies", "is", "it", "ir", "ions", "ons", "iez",
    "al", "ale", "ales", "aux", "eau", "eaux", "if", "ive", "ifs", "ives", "eur", "eurs", "euse", "euses", "rice",
    "rices", "ion", "ment", "ements", "ed", "ing", "ings", "ly", "ied", "y", "en", "ne", "nes", "le", "les"])
  const STEM = 4  // the fewest letters an inflected word shares with a word of the site

  // The first position in a sorted list where `word` could go.
  function place(sorted, word) {
    let low = 0
    let high = sorted.length
    while (low < high) {
      const middle = (low + high) >> 1
      if (sorted[middle] < word) low = middle + 1
      else high = middle
    }
    return low
  }

  // Whether a folded word is in some page, or is the beginning of a word that is (what Pagefind finds as it is
  // typed: "investi", "investissements"), or an inflection of one: the same stem of four letters or more, then
  // endings of inflected words on both ("chevaux", "cheval"). Not a word that differs in other letters: "Marcheti"
  // is not "Marchetti", "Serengeti" is not "serait".
  function isKnown(word, vocab) {
    if (!vocab || word.length < 2 || vocab.known.has(word)) return true
    const sorted = vocab.sorted
    const at = place(sorted, word)
    if (word.length >= STEM && sorted[at]?.startsWith(word)) return true
    const shared = Math.max(...[sorted[at - 1], sorted[at]].map(other => other ? commonPrefix(word, other) : 0))
    for (let stem = Math.min(shared, word.length); stem >= STEM; stem--) {
      if (!ENDINGS.has(word.slice(stem))) continue
      const prefix = word.slice(0, stem)
      for (let i = place(sorted, prefix), seen = 0; i < sorted.length && sorted[i].startsWith(prefix) && seen < 2000; i++, seen++) {
        if (ENDINGS.has(sorted[i].slice(stem))) return true
      }
    }
    return false
  }

  // Edit distance (insertions, deletions, substitutions, swaps of two neighbours), or more than `most` once it
  // cannot be `most` or less.
  function distance(a, b, most) {
    if (Math.abs(a.length - b.length) > most) return most + 1
    let before = null
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
    for (let i = 1; i <= a.length; i++) {
      const row = [i]
      let best = i
      for (let j = 1; j <= b.length; j++) {
        let cost = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cost = Math.min(cost, before[j - 2] + 1)
        row.push(cost)
        best = Math.min(best, cost)
      }
      if (best > most) return most + 1
      before = previous
      previous = row
    }
    return previous[b.length]
  }

  // The site's words closest to a folded word absent from it: fewest edits (two at most, one for a short word),
  // then names, then the words of most pages; those of the fewest edits only.
  function closest(word, vocab, count = 3) {
    if (!vocab || word.length < 3) return []
    const most = word.length <= 4 ? 1 : 2
    const found = []
    vocab.folded.forEach((other, i) => {
      if (other.length < 3 || Math.abs(other.length - word.length) > most) return
      const edits = distance(word, other, most)
      if (edits <= most) found.push({ edits, name: /^\p{Lu}/u.test(vocab.list[i]), i })
    })
    found.sort((a, b) => a.edits - b.edits || b.name - a.name || a.i - b.i)
    // Only the closest: "Marchetti" for "Marcheti" (one edit), not also "marché" (two).
    return found.filter(f => f.edits === found[0].edits).slice(0, count).map(f => vocab.list[f.i])
  }

  // The phrases between quotation marks ("…", “…”, « … ») and the rest of the query.
  function phrasesOf(query) {
    const phrases = []
    const rest = query.replace(/["“”«»„]([^"“”«»„]*)["“”«»„]/g, (_, inside) => {
      if (inside.trim()) phrases.push(inside)
      return " "
    })
    return { phrases, rest }
  }

  // Text as a phrase is compared: folded, words separated by one space.
  function flat(text) {
    return fold(text.replace(/[’ʼ]/g, "'")).replace(/[^\p{L}\p{N}]+/gu, " ").trim()
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
    return out.length ? out : query.split(/[\s"«»“”]+/).filter(Boolean)
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

  // The pages in date order, newest first, from the index's sort key (generator/search.py: dated pages only).
  async function dateRanks(pagefind) {
    if (!dates) {
      dates = pagefind.search(null, { sort: { date: "desc" } })
        .then(found => new Map(found.results.map((r, i) => [r.id, i])), () => new Map())
    }
    return dates
  }

  // The pages found for a query, in order (not yet read: a page's data is fetched when it is shown or checked).
  async function search(query) {
    const pagefind = await load()
    const { phrases, rest } = phrasesOf(query)
    const typed = [...(rest.trim() ? queryWords(rest) : []), ...phrases.flatMap(queryWords)]
    const vocab = await vocabularyFor(typed.flatMap(word => word.split(/[-']/)).map(fold))
    // A word is absent if one of its parts is ("Loon-Plage": "loon", "plage"): the site's text holds neither it
    // nor any word it begins like; it is left out, and proposed corrections say what it might have been.
    const missing = word => word.split(/[-']/).filter(part => !isKnown(fold(part), vocab(fold(part))))
    const absent = []
    const terms = []
    for (const word of typed) {
      const parts = missing(word)
      if (parts.length) absent.push(...parts.filter(part => !absent.includes(part)))
      else if (!terms.some(t => fold(t) === fold(word))) terms.push(word)
    }
    const found = { query, terms, absent, vocab, phrases: phrases.map(flat).filter(Boolean), next: 0, kept: [] }
    // A phrase with an absent word is in no page.
    if (!terms.length || phrases.some(p => queryWords(p).some(w => missing(w).length))) return { ...found, candidates: [] }
    const filters = Object.fromEntries(Object.entries(chosen).filter(([, v]) => v))
    const all = await pagefind.search(terms.join(" "), { filters })
    const ranked = new Map(all.results.map((r, i) => [r.id, { result: r, matched: terms.length, rank: i }]))
    if (terms.length > 1 && ranked.size < MIN_RESULTS) {
      // Each word alone; a page ranks by how many words it holds, then by its best rank among them.
      const alone = await Promise.all(terms.map(t => pagefind.search(t, { filters })))
      for (const each of alone) {
        each.results.forEach((r, i) => {
          const known = ranked.get(r.id)
          if (!known) ranked.set(r.id, { result: r, matched: 1, rank: i, partial: true })
          else if (known.partial) { known.matched += 1; known.rank = Math.min(known.rank, i) }
        })
      }
    }
    let ordered = [...ranked.values()].sort((a, b) => b.matched - a.matched || a.rank - b.rank)
    if (order === "date") {
      if (inParts) {
        // Each part sorts its own pages: the most relevant pages are read, and sorted by the date they show.
        found.capped = ordered.length > CHECKED
        ordered = ordered.slice(0, CHECKED)
        const read = await Promise.all(ordered.map(o => o.result.data()))
        ordered.forEach((o, i) => { o.date = isoDate(read[i].meta.date) })
        ordered.sort((a, b) => (b.date || "").localeCompare(a.date || ""))
      } else {
        const ranks = await dateRanks(pagefind)
        const position = o => ranks.has(o.result.id) ? ranks.get(o.result.id) : Infinity
        ordered.sort((a, b) => position(a) - position(b))  // a stable sort: the undated stay in order of relevance
      }
    }
    return { ...found, candidates: ordered.map(o => o.result) }
  }

  const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
    "novembre", "décembre"]

  // "1er septembre 2025" (a page's date, as the templates write it) -> "2025-09-01".
  function isoDate(text) {
    const parts = /^(\d{1,2})(?:er)? (\S+) (\d{4})$/.exec(text || "")
    const month = parts ? MONTHS.indexOf(parts[2]) + 1 : 0
    return month ? `${parts[3]}-${String(month).padStart(2, "0")}-${parts[1].padStart(2, "0")}` : ""
  }

  // Whether a page read from the index is a result: it holds a word of the query, and its phrases.
  function accepts(data, found) {
    if (!holdsAWordOf(data, found.terms)) return false
    if (!found.phrases.length) return true
    const text = ` ${flat(data.content || "")} ${flat(data.meta.title || "")} `
    return found.phrases.every(phrase => text.includes(` ${phrase} `))
  }

  // The results of page `page` (from 0), read from the index, with how many results there are in all. Pages found
  // are read in order and checked (`accepts`) until the page is full: the count is that of the pages kept and the
  // pages not read yet. For a phrase, up to CHECKED pages are read to count those holding it ("au moins" if more
  // remain unread).
  async function pageOf(found, page) {
    const start = page * SHOWN
    const wanted = found.phrases.length ? Math.max(start + SHOWN, CHECKED) : start + SHOWN
    while (found.next < found.candidates.length
           && (found.kept.length < start + SHOWN || (found.phrases.length && found.next < wanted))) {
      const batch = found.candidates.slice(found.next, found.next + SHOWN)
      found.next += batch.length
      const read = await Promise.all(batch.map(r => r.data()))
      found.kept.push(...read.filter(data => accepts(data, found)))
    }
    const unread = found.candidates.length - found.next
    const total = found.phrases.length ? found.kept.length : found.kept.length + unread
    return { items: found.kept.slice(start, start + SHOWN), total,
             atLeast: Boolean(found.capped) || (found.phrases.length > 0 && unread > 0) }
  }

  // Whether a word of a page is a query's word or one Pagefind rightly finds for it (by stem, or as a beginning):
  // it begins with the query word's first five letters (all of them if fewer: "investi", "investments"), or it has
  // the same stem with endings of inflected words ("chevaux", "cheval"). Not a word that only begins like it
  // ("Douai" for "Doué") nor its beginning ("(RA)" for "rachat", "de" for "deepseek", "à" for "ArcelorMittal").
  function isFormOf(word, term) {
    const shared = commonPrefix(word, term)
    if (shared >= Math.min(term.length, 5)) return true
    for (let stem = shared; stem >= STEM; stem--) {
      if (ENDINGS.has(word.slice(stem)) && ENDINGS.has(term.slice(stem))) return true
    }
    return false
  }

  // Whether a page holds a word of the query where Pagefind found it (the words at its locations). Pagefind answers
  // a word it lacks (a part of an index in parts that lacks it, an absent word) with the longest beginning of it it
  // knows, and a stem with the words beginning like it: such a page is not a result. A page matched elsewhere than
  // in its text (no locations: its title in the metadata) is kept.
  function holdsAWordOf(data, terms) {
    if (!data.locations || !data.locations.length) return true
    const wanted = terms.flatMap(term => fold(term).split(/[^\p{L}\p{N}]+/u)).filter(Boolean)
    const words = (data.content || "").split(/[\r\n\s]+/g)
    return data.locations.some(at => fold(words[at] || "").split(/[^\p{L}\p{N}]+/u)
      .some(word => word && wanted.some(term => isFormOf(word, term))))
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

  // "Vouliez-vous dire : Zuckerberg ?": the query with its absent words replaced by the closest words of the site
  // (the first absent word's closest few, each a query of its own), or nothing if none is close.
  function corrections(found, vocab) {
    const queries = []
    const [first, ...others] = found.absent
    const replace = (query, word, by) => query.replace(new RegExp(word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "iu"), by)
    for (const candidate of closest(fold(first || ""), vocab(fold(first || "")))) {
      let query = replace(found.query, first, candidate)
      for (const other of others) query = replace(query, other, closest(fold(other), vocab(fold(other)), 1)[0] || other)
      if (!queries.includes(query)) queries.push(query.trim())
    }
    return queries
  }

  // What the search says beyond the count: the words in no page, and what they might have been.
  async function hintNodes(found) {
    if (!found.absent.length) return []
    const nodes = []
    if (found.terms.length) {
      nodes.push(`${found.absent.map(w => `« ${w} »`).join(", ")} ${found.absent.length > 1 ? "ne sont" : "n’est"} dans aucune page. `)
    }
    const queries = corrections(found, found.vocab)
    if (queries.length) {
      nodes.push("Vouliez-vous dire : ")
      queries.forEach((query, i) => {
        const button = document.createElement("button")
        button.type = "button"
        button.className = "site-search__suggestion"
        button.textContent = query
        button.addEventListener("click", () => { input().value = query; show(query); input().focus() })
        if (i) nodes.push(i === queries.length - 1 ? " ou " : ", ")
        nodes.push(button)
      })
      nodes.push(" ?")
    }
    return nodes
  }

  function countMessage(found, total, atLeast, start, shown) {
    if (total === 0) return `Aucun résultat pour « ${found.query.trim()} ».`
    if (total === 1) return "1 résultat."
    const count = `${atLeast ? "Au moins " : ""}${total} résultats`
    return total > SHOWN || start > 0 ? `${count}, ${start + 1} à ${start + shown}.` : `${count}.`
  }

  // Show page `page` (from 0) of a search's results.
  async function render(found, page, number) {
    const status = dialog.querySelector("[data-search-status]")
    const list = dialog.querySelector("[data-search-results]")
    const hint = dialog.querySelector("[data-search-hint]")
    const pager = dialog.querySelector("[data-search-pager]")
    const { items, total, atLeast } = await pageOf(found, page)
    const hints = page === 0 ? await hintNodes(found) : []
    if (number !== latest) return
    current = { found, page }
    list.replaceChildren(...items.map(resultItem))
    status.textContent = countMessage(found, total, atLeast, page * SHOWN, items.length)
    hint.replaceChildren(...hints)
    pager.querySelector("[data-search-less]").hidden = page === 0
    pager.querySelector("[data-search-more]").hidden = (page + 1) * SHOWN >= total
    pager.hidden = pager.querySelector("[data-search-less]").hidden && pager.querySelector("[data-search-more]").hidden
    dialog.dataset.searchDone = String(number)  // for the browser tests
  }

  async function show(query) {
    const number = ++latest
    const status = dialog.querySelector("[data-search-status]")
    if (!query.trim()) {
      current = null
      dialog.querySelector("[data-search-results]").replaceChildren()
      dialog.querySelector("[data-search-hint]").replaceChildren()
      dialog.querySelector("[data-search-pager]").hidden = true
      status.textContent = ""
      return
    }
    status.textContent = "Recherche…"
    try {
      const found = await search(query)
      if (number !== latest) return
      await render(found, 0, number)
    } catch (error) {
      // No index yet (a site without searchable pages, or `mkdocs serve` still writing it): say so, retry next time.
      engine = null
      vocabulary = new Map()
      dates = null
      if (number !== latest) return
      dialog.querySelector("[data-search-results]").replaceChildren()
      dialog.querySelector("[data-search-hint]").replaceChildren()
      dialog.querySelector("[data-search-pager]").hidden = true
      status.textContent = "La recherche n’est pas disponible pour le moment."
      dialog.dataset.searchDone = String(number)
    }
  }

  // The next or the previous twenty results of the latest search.
  async function turn(step) {
    if (!current) return
    const number = ++latest
    await render(current.found, current.page + step, number)
    dialog.querySelector("[data-search-results]").scrollIntoView({ block: "start" })
    dialog.querySelector(".site-search__link")?.focus({ preventScroll: true })
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
    dialog.querySelector("[data-search-more]").addEventListener("click", () => turn(1))
    dialog.querySelector("[data-search-less]").addEventListener("click", () => turn(-1))
    dialog.querySelectorAll("[data-search-sort]").forEach(button => {
      button.addEventListener("click", () => {
        order = button.dataset.searchSort
        dialog.querySelectorAll("[data-search-sort]").forEach(b => b.setAttribute("aria-pressed", String(b === button)))
        show(input().value)
      })
    })
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
