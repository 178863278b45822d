// Material for MkDocs' search worker, with accents folded at index and at query time, so that "donnees" finds
// "données" and "etats unis" finds "États-Unis" (see docs/about.md, "Recherche").
//
// overrides/main.html points the theme at this file, with the theme's own worker as `?worker=`. This file loads
// that worker unchanged and adds two things:
// - index time: the theme keeps each language's stop-word filter in its index pipeline (stemming and trimming
//   are off by default), so that filter is wrapped to fold the accents of every word it keeps;
// - query time: the theme turns every query word into a prefix search ("donnees*"), which skips the pipeline,
//   so the query is folded in the message, before the theme's worker reads it.
"use strict"

const foldAccents = text => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")

// Query messages ({type: 2, data: "the query"}) reach the theme's listener folded.
const QUERY = 2
const addListener = self.addEventListener.bind(self)
self.addEventListener = (type, listener, ...options) => addListener(type, type !== "message" ? listener : event => {
  const message = event.data
  const folded = message && message.type === QUERY && typeof message.data === "string"
    ? { data: { ...message, data: foldAccents(message.data) } }
    : event
  return listener(folded)
}, ...options)

importScripts(new URL(self.location.href).searchParams.get("worker"))

function foldIndexedWords(lunr) {
  const languages = [lunr, ...Object.values(lunr).filter(value => typeof value === "function")]
  for (const language of languages) {
    const filter = language.stopWordFilter
    if (typeof filter !== "function" || filter.foldsAccents) continue
    const folding = (token, ...rest) => {  // a lunr.Token when indexing; the theme also passes plain strings
      const kept = filter(token, ...rest)
      if (typeof kept === "string") return foldAccents(kept)
      return kept && typeof kept.update === "function" ? kept.update(foldAccents) : kept
    }
    folding.foldsAccents = true
    lunr.Pipeline.registerFunction(folding, `${filter.label || "stopWordFilter"}-folded`)
    language.stopWordFilter = folding
  }
}

// The theme's worker loads the language files (lunr.fr.min.js …) with importScripts when it sets the index up.
const loadScripts = self.importScripts.bind(self)
self.importScripts = (...urls) => {
  loadScripts(...urls)
  if (self.lunr) foldIndexedWords(self.lunr)
}
if (self.lunr) foldIndexedWords(self.lunr)
