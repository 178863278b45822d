"""The read stage: decoding, furniture, structure, metadata, formats, bad input."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.model import anchors_for
from generator.read import read_article, read_sources
from generator.read.decode import UnreadableSource, decode
from generator.read.formats import BrokenSource
from generator.read.metadata import allocate_slugs, date_from_text, date_from_url, outlet_from_url

BODY = ("Meta a annoncé un nouveau modèle de langage cette semaine, selon plusieurs sources proches du dossier.\n"
        "Le groupe veut rattraper ses concurrents dans la course à l’intelligence artificielle générative.\n")


def read_txt(text: str, name: str = "sources/a.txt"):
    return read_article(text.encode("utf-8"), ".txt", name)


def texts(article) -> list[str]:
    return [b.text for b in article.blocks]


# --- encodings ----------------------------------------------------------------------------------------------------

def test_utf8_with_bom_and_crlf():
    decoded = decode(("\ufeffTitre\r\n\r\n" + BODY.replace("\n", "\r\n")).encode("utf-8"))
    assert decoded.text.startswith("Titre\n\nMeta")
    assert "\r" not in decoded.text
    assert "removed UTF-8 byte order mark" in decoded.repairs


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_encodings_are_detected(encoding):
    text = "Médias français : l'été dernier, à côté de la société, la stratégie était déjà très coûteuse."
    decoded = decode(text.encode(encoding))
    assert decoded.text == text
    assert decoded.repairs and decoded.repairs[0].startswith("decoded from")


def test_mojibake_is_repaired_and_reported():
    decoded = decode("Meta a dÃ©cidÃ© dâ€™ouvrir ses modÃ¨les.".encode("utf-8"))
    assert decoded.text == "Meta a décidé d’ouvrir ses modèles."
    assert any("mojibake" in r for r in decoded.repairs)


def test_typography_is_not_changed():
    assert decode("l’IA « ouverte » — ﬁn".encode("utf-8")).text == "l’IA « ouverte » — ﬁn"


@pytest.mark.parametrize("data,reason", [(b"", "empty file"), (b"  \n\t\n", "only whitespace"),
                                         (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary")])
def test_unreadable_bytes(data, reason):
    with pytest.raises(UnreadableSource, match=reason):
        decode(data)


# --- furniture ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("line,reason", [
    ("Comment (0)", "comment counter"),
    ("12 commentaires", "comment counter"),
    ("Laisser un commentaire", "comment counter"),
    ("À lire également", "read-also teaser"),
    ("Article à lire Pourquoi le Serengeti est-il inscrit au patrimoine mondial ?", "read-also teaser"),
    ("Read more: Apple unveils a new iPhone", "read-also teaser"),
    ("Par Jeanne Martin", "byline"),
    ("By John Smith | Reuters", "byline"),
    ("Partager sur Facebook", "share prompt"),
    ("Facebook | Twitter | LinkedIn", "share prompt"),
    ("Abonnez-vous à notre newsletter", "subscribe prompt"),
    ("Photo : Meta / AFP", "photo caption or credit"),
    ("Mark Zuckerberg à Menlo Park. / Getty Images", "photo caption or credit"),
    ("googletag.cmd.push(function() { googletag.display('ad-1'); });", "tracking code"),
    ("Publié le 3 mars 2025 à 10h30", "date header"),
    ("Paris 12°C", "weather header"),
    ("Publicité", "promotion"),
    ("pic.twitter.com/abc123", "embedded post"),
    ("Voir cette publication sur Instagram", "embedded post"),
    ("Accueil > Tech > IA", "breadcrumb"),
])
def test_furniture_is_dropped_with_its_reason(line, reason):
    article = read_txt(f"Un titre d’article\n\n{BODY}{line}\n\nLa suite du texte de l’article, qui continue ici.\n")
    assert line not in " ".join(texts(article))
    assert any(d.reason == reason and d.text == line for d in article.dropped), article.dropped


def test_bare_teaser_label_takes_the_unrelated_headline_with_it():
    article = read_txt(f"Titre\n\n{BODY}\nÀ lire aussi\nApple dévoile un nouvel iPhone\n\nDernier paragraphe de l’article, bien réel.\n")
    assert "Apple dévoile un nouvel iPhone" not in " ".join(texts(article))
    assert texts(article)[-1].startswith("Dernier paragraphe")


@pytest.mark.parametrize("sentence", [
    "Related to this, Meta said it would also open its models to researchers in Europe next year.",
    "Photo et vidéo sont désormais générées par l’IA de Meta, qui revendique un milliard d’utilisateurs.",
    "Par ailleurs, Meta a investi des milliards dans ses centres de données cette année.",
    "Source de tensions, cette stratégie divise les investisseurs depuis des mois déjà.",
])
def test_furniture_removal_never_costs_an_article_sentence(sentence):
    article = read_txt(f"Titre\n\n{BODY}{sentence}\n")
    assert sentence in texts(article)


def test_author_block_gives_the_outlet():
    article = read_txt(f"Titre de l’article\n\n{BODY}\nauthor avatar\nMondeTech.fr\n")
    assert article.outlet == "MondeTech.fr"
    assert "MondeTech.fr" not in " ".join(texts(article))


# --- structure ---------------------------------------------------------------------------------------------------

def test_headings_lists_and_attributed_quotes():
    article = read_txt(
        "Meta change de cap\n\n" + BODY + "\nLes raisons du virage\n\nVoici les raisons :\n\n"
        "  • Des questions de sécurité.\n  • La pression des concurrents.\n\n"
        "Nous croyons que les bénéfices doivent être partagés largement.\n\n– Mark Zuckerberg, PDG de Meta\n\n"
        "Le reste de l’article continue ici avec une phrase.\n")
    kinds = [(b.kind, b.text) for b in article.blocks]
    assert article.title == "Meta change de cap"
    assert ("heading", "Les raisons du virage") in kinds
    assert ("list_item", "Des questions de sécurité.") in kinds
    quote = next(b for b in article.blocks if b.kind == "quote")
    assert quote.text.startswith("Nous croyons") and quote.speaker == "Mark Zuckerberg, PDG de Meta"
    # Every passage has its own anchor, from its text (not its place): "p-" and six hex digits.
    ids = [b.id for b in article.blocks]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"p-[0-9a-f]{6}", i) for i in ids)
    assert ids == anchors_for([b.text for b in article.blocks])


def test_missing_title_is_derived_and_short():
    long_first = "Meta " + "investit massivement " * 20 + "dans l’IA. Deuxième phrase."
    article = read_txt(f"{long_first}\n{BODY}")
    assert article.title_derived
    assert 0 < len(article.title) <= 120
    assert article.title.startswith("Meta investit")
    assert texts(article)[0] == long_first  # the paragraph stays in the text


def test_question_paragraph_is_not_a_title():
    article = read_txt("Meta va-t-elle gagner la course? Avec cette annonce, tout change.\n" + BODY)
    assert article.title_derived


# --- metadata ------------------------------------------------------------------------------------------------------

def test_source_line_gives_address_outlet_and_date():
    url = "https://www.exemple.fr/tech/2025/03/04/meta-ia.html"
    article = read_txt(f"Titre\n\n{BODY}Source : {url}\n")
    assert (article.source_url, article.outlet, article.published) == (url, "exemple.fr", "2025-03-04")


def test_source_name_gives_outlet():
    assert read_txt(f"Titre\n\n{BODY}Source : Techcrunch\n").outlet == "Techcrunch"


@pytest.mark.parametrize("url,date", [
    ("https://tuoitre.vn/meta-dam-phan-20250901162525793.htm", "2025-09-01"),
    ("https://site.com/2024/12/31/story", "2024-12-31"),
    ("https://site.com/news/2024-02-30-bad-date", None),
    ("https://site.com/news/story-123", None),
])
def test_dates_from_addresses(url, date):
    assert date_from_url(url) == date


@pytest.mark.parametrize("text,date", [("Publié le 3 mars 2025", "2025-03-03"), ("Published March 3, 2025", "2025-03-03"),
                                       ("1er avril 2024", "2024-04-01"), ("04/03/2025", "2025-03-04")])
def test_datelines(text, date):
    assert date_from_text(text) == date


def test_outlet_from_url():
    assert outlet_from_url("https://www.lemonde.fr/x") == "lemonde.fr"


def test_language_is_detected():
    english = ("Meta said on Tuesday that it would spend more on data centers this year, as the race for "
               "artificial intelligence intensifies among the largest technology companies.")
    assert read_txt(f"A headline\n\n{english}\n").language == "en"
    assert read_txt(f"Un titre\n\n{BODY}").language == "fr"


def test_slugs_are_stable_when_articles_are_added():
    before = allocate_slugs([("sources/b.txt", "meta", "2025-01-02")])
    after = allocate_slugs([("sources/b.txt", "meta", "2025-01-02"), ("sources/a.txt", "meta", "2025-05-01")])
    assert before["sources/b.txt"] == after["sources/b.txt"] == "meta"
    assert after["sources/a.txt"].startswith("meta-") and after["sources/a.txt"] != "meta"


def test_slug_is_transliterated():
    assert read_txt(f"L’été de Méta à Zürich\n\n{BODY}").id == "l-ete-de-meta-a-zurich"


# --- formats -----------------------------------------------------------------------------------------------------

def test_markdown_front_matter_wins_over_inference():
    source = ("---\ntitle: Le vrai titre\ndate: 2025-06-01\nsource_url: https://ex.com/2024/01/01/x\n"
              "outlet: Le Monde\nauthor: Jeanne Martin\nlanguage: fr\nslug: mon-slug\n---\n"
              "# Un autre titre\n\n" + BODY + "\n## Une section\n\n- un point de liste\n- un autre point\n\n"
              "> Une citation assez longue pour compter.\n\n— Jeanne Martin\n")
    article = read_article(source.encode(), ".md", "sources/x.md")
    assert (article.title, article.published, article.outlet, article.author, article.id) == (
        "Le vrai titre", "2025-06-01", "Le Monde", "Jeanne Martin", "mon-slug")
    kinds = [b.kind for b in article.blocks]
    assert kinds.count("heading") == 2 and kinds.count("list_item") == 2 and "quote" in kinds
    assert next(b for b in article.blocks if b.kind == "quote").speaker == "Jeanne Martin"


def test_broken_front_matter_names_the_line():
    with pytest.raises(BrokenSource) as error:
        read_article(b"---\ntitle: ok\ndate: [unclosed\n---\nTexte.\n", ".md", "sources/x.md")
    assert "front matter" in str(error.value) and error.value.line in (3, 4, 5)


def test_html_body_and_metadata_are_extracted():
    html = (Path(__file__).parent / "corpus" / "en_html_reuters_style.html").read_bytes()
    article = read_article(html, ".html", "sources/x.html")
    assert article.title and article.outlet and article.published
    assert any(b.kind == "heading" for b in article.blocks)
    assert not any("Subscribe" in b.text or "Share" == b.text for b in article.blocks)


def test_every_other_article_builds_when_one_is_bad(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "good.txt").write_text(f"Titre\n\n{BODY}", encoding="utf-8")
    (sources / "empty.txt").write_text("", encoding="utf-8")
    (sources / "broken.md").write_text("---\ntitle: [x\n---\ntext\n", encoding="utf-8")
    result = read_sources(sources, tmp_path)
    assert [a.source for a in result.articles] == ["sources/good.txt"]
    assert {(p.path, p.message.split(":")[0]) for p in result.problems} == {
        ("sources/empty.txt", "skipped"), ("sources/broken.md", "skipped")}


def test_the_sources_listed_are_the_readers_files_in_path_order_links_to_folders_not_entered(tmp_path):
    """The listing walks directory entries (`walk.py`), not pathlib, and lists what pathlib's `rglob` listed: files
    in every folder whatever the case of their suffix, hidden ones too, a link to a file (read_sources then skips it
    if it leads out of sources/), never what a link to a folder holds (a loop, or another folder of the machine)."""
    import os

    from generator.read import source_files

    sources, elsewhere = tmp_path / "sources", tmp_path / "elsewhere"
    for name in ("x.txt", "a/y.md", "a-b.html", "B.TXT", ".hidden.txt", "a/notes.pdf", "../elsewhere/z.txt"):
        (sources / name).parent.mkdir(parents=True, exist_ok=True)
        (sources / name).write_text("texte", encoding="utf-8")
    os.symlink(elsewhere, sources / "folder-link")
    os.symlink(elsewhere / "z.txt", sources / "file-link.txt")
    os.symlink(sources, sources / "a" / "loop")
    listed = [p.relative_to(sources).as_posix() for p in source_files(sources)]
    assert listed == [".hidden.txt", "B.TXT", "a/y.md", "a-b.html", "file-link.txt", "x.txt"]
    assert source_files(tmp_path / "missing") == []


def test_a_source_unchanged_since_the_last_build_is_not_read_again_and_a_changed_one_always_is(tmp_path, monkeypatch):
    """Each publish lists the archive's sources: one whose file is as the last build left it (inode, size, times) is
    known by its digest, not read again (seconds at twelve thousand sources). One edited is read, even to the same
    size with its modification time put back; one changed in the seconds before the listing is not remembered (a
    change in the same tick of the file system's clock would leave its times as they were)."""
    import os

    from generator.read import Seen, list_sources

    sources, cache = tmp_path / "sources", tmp_path / "cache"
    sources.mkdir()
    cache.mkdir()
    first, second = sources / "a.txt", sources / "b.txt"
    first.write_text("Meta ouvre un centre à Odense.\n", encoding="utf-8")
    second.write_text("Meta ferme un centre à Lyon.\n", encoding="utf-8")

    def listed() -> dict[str, object]:
        return {source.name: source for source in list_sources(sources, tmp_path, seen=Seen.load(cache))}

    now = listed()
    assert all(source.data is not None for source in now.values())  # written just now: read, and not remembered
    assert list(listed()) == ["sources/a.txt", "sources/b.txt"] and all(s.data is not None for s in listed().values())
    monkeypatch.setattr(Seen, "RACY_SECONDS", 0.0)  # as if they were written seconds ago
    remembered = listed()
    again = listed()
    assert [s.data for s in again.values()] == [None, None]  # known by their digest
    assert [(s.digest, s.size) for s in again.values()] == [(s.digest, s.size) for s in remembered.values()]
    assert again["sources/a.txt"].content() == first.read_bytes()
    stat = first.stat()
    first.write_text("Meta ouvre un centre à Aarhus.\n", encoding="utf-8")  # the same size
    os.utime(first, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and the same modification time
    edited = listed()
    assert edited["sources/a.txt"].data == first.read_bytes() and edited["sources/b.txt"].data is None
    assert edited["sources/a.txt"].digest != again["sources/a.txt"].digest
    second.unlink()
    second.write_text("Meta ferme un centre à Nice.\n", encoding="utf-8")
    assert listed()["sources/b.txt"].data == second.read_bytes()
    unchanged = listed()["sources/a.txt"]
    first.write_text("Meta ouvre un centre à Rennes.\n", encoding="utf-8")  # after the listing, before the reading
    with pytest.raises(OSError, match="changed while the build read it"):  # not read as what it was listed as
        unchanged.content()
