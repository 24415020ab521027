"""The HTML report: structure, links that resolve, exact article text, escaping, no requests."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
from collections.abc import Sequence

import lxml.html
import pytest

from rashomon.records import (
    AnalyzedArticle,
    Article,
    ArticleInfo,
    Claim,
    ClaimRef,
    Comparison,
    Conflict,
    Difference,
    Evidence,
    Fact,
    Framing,
    GenreCall,
    QuoteRef,
    SummarySentence,
    TimelineEntry,
    VoiceSummary,
)
from rashomon.render.html import render_body, render_html, report_js

MILL = (
    "The old mill bridge in Eastbrook closed on Monday after engineers found cracks. "
    "About 4,000 cars cross it every day. "
    '"We will reopen it by June," Mayor Ada Quinn said.'
)
GAZETTE = (
    "Eastbrook shut its mill bridge on Monday because of cracks in the deck. "
    "Fewer than 3,000 cars use the bridge daily, the council said. "
    "Quinn admitted that repairs had been delayed since last year."
)
HOSTILE = '<script>alert(1)</script> and "onerror="alert(2)'


def analyzed(
    article_id: str, outlet: str, text: str, sentences: Sequence[str], genre: str = "report"
) -> AnalyzedArticle:
    claims = tuple(
        Claim(
            id=f"{article_id}:c{n}",
            article=article_id,
            text=s,
            start=text.index(s),
            end=text.index(s) + len(s),
            sentence=n,
        )
        for n, s in enumerate(sentences, 1)
    )
    call = GenreCall(genre, 0.0, 0.0, 0.0, 0.0, 0.0)  # type: ignore[arg-type]
    article = Article(
        id=article_id,
        outlet=outlet,
        text=text,
        title=f"{outlet} title",
        published=dt.date(2026, 5, 4),
    )
    return AnalyzedArticle(article, claims, (), (), (), (), call)


def ref(a: AnalyzedArticle, n: int) -> ClaimRef:
    c = a.claims[n - 1]
    return ClaimRef(article=c.article, claim=c.id, text=c.text, start=c.start, end=c.end)


def info(a: AnalyzedArticle) -> ArticleInfo:
    art = a.article
    return ArticleInfo(art.id, art.outlet, art.title, str(art.published), a.genre.label, words=9)


def sample(
    mill_outlet: str = "Mill Times", label: str = "The bridge closed on Monday because of cracks."
) -> tuple[Comparison, list[AnalyzedArticle]]:
    a = analyzed(
        "mill",
        mill_outlet,
        MILL,
        [
            "The old mill bridge in Eastbrook closed on Monday after engineers found cracks.",
            "About 4,000 cars cross it every day.",
            "We will reopen it by June,",
        ],
    )
    b = analyzed(
        "gazette",
        "Eastbrook Gazette",
        GAZETTE,
        [
            "Eastbrook shut its mill bridge on Monday because of cracks in the deck.",
            "Fewer than 3,000 cars use the bridge daily,",
            "repairs had been delayed since last year.",
        ],
        genre="opinion",
    )
    facts = (
        Fact(
            "F-closed",
            "agreed",
            ("Mill Times", "Eastbrook Gazette"),
            (ref(a, 1), ref(b, 1)),
            label,
            differences=(
                Difference(
                    "detail", "gazette", "in the deck", 60, 71, "detail only in the Gazette"
                ),
            ),
        ),
        Fact("F-june", "exclusive", ("Mill Times",), (ref(a, 3),), "Reopening by June."),
        Fact(
            "F-delay",
            "similar",
            ("Eastbrook Gazette",),
            (ref(b, 3),),
            "Repairs delayed.",
            nearest=(ref(a, 3),),
        ),
    )
    conflict = Conflict(
        "K1", "number", "4,000 cars a day vs fewer than 3,000.", ref(a, 2), ref(b, 2)
    )
    quote = QuoteRef(
        "mill", "Mill Times", "Ada Quinn", "said", "We will reopen it by June,", 119, 145, True
    )
    voices = (VoiceSummary("Ada Quinn", (quote,), ("Mill Times",), notes=("quoted once",)),)
    framing = (
        Framing(
            "gazette",
            "Eastbrook Gazette",
            "opinion",
            -0.3,
            0.33,
            {"Ada Quinn": -0.4},
            (Evidence("loaded", "shut", 10, 14),),
            (),
            {"admitted": 1},
        ),
    )
    timeline = (
        TimelineEntry("2019-01-01", "year", "The bridge was inspected.", (ref(b, 3),), ("2019",)),
        TimelineEntry(
            "2026-05-04", "day", "The bridge closed.", (ref(a, 1), ref(b, 1)), ("on Monday",)
        ),
    )
    summary = (
        SummarySentence(
            "The bridge closed on Monday.", ("Mill Times", "Eastbrook Gazette"), ("F-closed",)
        ),
    )
    comparison = Comparison(
        articles=(info(a), info(b)),
        facts=facts,
        conflicts=(conflict,),
        quotes=(quote,),
        voices=voices,
        entities=(),
        framing=framing,
        timeline=timeline,
        summary=summary,
        title="Eastbrook bridge closed",
    )
    return comparison, [a, b]


def parse(page: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(page)


@pytest.fixture(scope="module")
def doc() -> lxml.html.HtmlElement:
    return parse(render_html(*sample()))


def visible_text(element: lxml.html.HtmlElement) -> str:
    """Text of an article column without the status markers added around claims."""
    copy = lxml.html.fromstring(lxml.html.tostring(element, encoding="unicode"))
    for extra in copy.xpath('.//*[@class and (contains(@class, "mk") or @class="sr")]'):
        extra.drop_tree()
    return copy.text_content()


# --------------------------------------------------------------------------- structure


@pytest.mark.parametrize(
    "section",
    [
        "agreed",
        "exclusive",
        "similar",
        "conflicts",
        "voices",
        "framing",
        "timeline",
        "summary",
        "articles",
    ],
)
def test_every_section_is_there_and_in_the_table_of_contents(
    doc: lxml.html.HtmlElement, section: str
) -> None:
    assert doc.xpath(f'//section[@id="{section}"]/h2')
    assert doc.xpath(f'//nav[@class="toc"]//a[@href="#{section}"]')


def test_header_names_the_story_and_each_outlet_with_genre_and_date(
    doc: lxml.html.HtmlElement,
) -> None:
    assert doc.xpath("string(//header//h1)") == "Eastbrook bridge closed"
    items = [li.text_content() for li in doc.xpath('//ul[@class="outlets"]/li')]
    assert "Mill Times" in items[0] and "report" in items[0] and "2026-05-04" in items[0]
    assert "Eastbrook Gazette" in items[1] and "opinion" in items[1]


def test_article_columns_show_the_exact_article_text(doc: lxml.html.HtmlElement) -> None:
    for n, text in ((1, MILL), (2, GAZETTE)):
        (column,) = doc.xpath(f'//article[@id="a{n}"]//div[@class="text"]')
        assert visible_text(column) == text


@pytest.mark.parametrize(
    ("anchor", "status"),
    [
        ("a1-c1", "agreed"),
        ("a2-c1", "agreed"),
        ("a1-c2", "conflict"),
        ("a2-c2", "conflict"),
        ("a1-c3", "exclusive"),
        ("a2-c3", "similar"),
    ],
)
def test_each_claim_carries_its_status_as_colour_class_and_text_marker(
    doc: lxml.html.HtmlElement, anchor: str, status: str
) -> None:
    (claim,) = doc.xpath(f'//*[@id="{anchor}"]')
    assert status in claim.get("class").split()
    assert claim.xpath('string(.//span[@class="sr"])').startswith(
        {
            "agreed": "agreed",
            "conflict": "conflict",
            "exclusive": "only here",
            "similar": "only here in these words",
        }[status]
    )


def test_counterparts_share_a_group_and_link_to_their_fact(doc: lxml.html.HtmlElement) -> None:
    first, second = doc.xpath('//*[@id="a1-c1"]')[0], doc.xpath('//*[@id="a2-c1"]')[0]
    assert first.get("data-groups") == second.get("data-groups") == "f1"
    assert first.get("href") == "#f1"
    fact = doc.xpath('//li[@id="f1"]')[0]
    assert {a.get("href") for a in fact.xpath('.//a[@class="cite"]')} == {"#a1-c1", "#a2-c1"}


def test_every_internal_link_resolves(doc: lxml.html.HtmlElement) -> None:
    ids = set(doc.xpath("//@id"))
    targets = [h[1:] for h in doc.xpath("//a/@href") if h.startswith("#")]
    assert targets
    assert [t for t in targets if t not in ids] == []


def test_ids_are_unique(doc: lxml.html.HtmlElement) -> None:
    ids = doc.xpath("//@id")
    assert len(ids) == len(set(ids))


def test_sections_list_facts_conflicts_voices_and_differences(doc: lxml.html.HtmlElement) -> None:
    assert doc.xpath('string(//li[@id="f1"]//span[@class="label"])').startswith("The bridge closed")
    assert "in the deck" in doc.xpath('string(//li[@id="f1"]//ul[@class="diffs"])')
    only = [h.text_content() for h in doc.xpath('//section[@id="exclusive"]//h3')]
    assert only == ["Only in Mill Times 1"]
    similar = [h.text_content() for h in doc.xpath('//section[@id="similar"]//h3')]
    assert similar == ["Only in Eastbrook Gazette's words 1"]
    (near,) = doc.xpath('//section[@id="similar"]//p[@class="near"]')
    assert near.text_content().startswith("≈ Mill Times") and near.xpath("./a/@href") == ["#a1-c3"]
    assert "fewer than 3,000" in doc.xpath('string(//li[@id="x1"])')
    row = doc.xpath('//table[@class="voices"]//tbody/tr')[0]
    assert [td.text_content().split()[0] for td in row.xpath("./td")] == ["1", "—"]
    assert doc.xpath('//table[@class="voices"]//a[@class="cite"]/@href') == ["#a1-c3"]


def test_timeline_dates_are_shown_at_their_granularity(doc: lxml.html.HtmlElement) -> None:
    assert doc.xpath('//ol[@class="timeline"]/li/time/text()') == ["2019", "2026-05-04"]


def test_summary_sentences_cite_outlets_and_link_to_facts(doc: lxml.html.HtmlElement) -> None:
    (cite,) = doc.xpath('//section[@id="summary"]//span[@class="cites-inline"]/a')
    assert cite.text_content() == "[Mill Times, Eastbrook Gazette]"
    assert cite.get("href") == "#f1"


# --------------------------------------------------------------------------- hard cases


def test_overlapping_claims_stay_well_formed_and_keep_every_anchor() -> None:
    text = "Rossi said the ferry was late and the crew was tired."
    a = analyzed(
        "x", "Wire", text, ["the ferry was late and the crew was tired.", "the crew was tired."]
    )
    b = analyzed("y", "Post", "The crew was tired.", ["The crew was tired."])
    fact = Fact("F", "agreed", ("Wire", "Post"), (ref(a, 2), ref(b, 1)), "Tired crew.")
    comparison = Comparison((info(a), info(b)), (fact,), (), (), (), (), (), (), ())
    page = parse(render_html(comparison, [a, b]))
    column = page.xpath('//article[@id="a1"]//div[@class="text"]')[0]
    assert visible_text(column) == text
    assert "agreed" in page.xpath('//*[@id="a1-c2"]/@class')[0]
    assert page.xpath('//*[@id="a1-c1"]')


def test_a_reference_with_an_unknown_claim_id_falls_back_to_its_offsets() -> None:
    comparison, articles = sample()
    moved = ClaimRef("mill", "renumbered", MILL[:20], 0, 20)
    fact = Fact("F-x", "exclusive", ("Mill Times",), (moved,), "Bridge.")
    page = parse(render_html(Comparison(**{**vars(comparison), "facts": (fact,)}), articles))
    assert page.xpath('//li[@id="f1"]//a[@class="cite"]/@href') == ["#a1-c1"]


def test_an_empty_comparison_says_so_and_highlights_nothing() -> None:
    comparison, articles = sample()
    empty = Comparison(comparison.articles, (), (), (), (), (), (), (), (), title="Nothing")
    page = parse(render_html(empty, articles))
    messages = [p.text_content() for p in page.xpath('//p[@class="empty"]')]
    assert len(messages) == 5  # agreed, only in one, close elsewhere, conflicts, voices
    assert page.xpath('//a[contains(@class, "claim")]') == []
    assert page.xpath('//section[@id="timeline"] | //section[@id="summary"]') == []


# --------------------------------------------------------------------------- safety


@pytest.fixture(scope="module")
def hostile() -> str:
    comparison, articles = sample(mill_outlet=HOSTILE, label=HOSTILE)
    art = articles[0].article
    text = f"{HOSTILE} {art.text}"
    shifted = analyzed("mill", HOSTILE, text, [c.text for c in articles[0].claims])
    page = Comparison(
        **{
            **vars(comparison),
            "title": HOSTILE,
            "articles": (
                ArticleInfo("mill", HOSTILE, HOSTILE, None, "report", url="javascript:x"),
                *comparison.articles[1:],
            ),
            "warnings": (HOSTILE,),
        }
    )
    return render_html(page, [shifted, articles[1]])


def test_source_text_cannot_add_scripts_or_event_handlers(hostile: str) -> None:
    page = parse(hostile)
    scripts = page.xpath("//script")
    assert len(scripts) == 1 and scripts[0].text == report_js()
    handlers = [name for el in page.iter() for name in el.attrib if name.lower().startswith("on")]
    assert handlers == []
    assert "javascript:" not in " ".join(page.xpath("//a/@href"))


def test_hostile_text_is_shown_literally(hostile: str) -> None:
    page = parse(hostile)
    assert page.xpath("string(//h1)") == HOSTILE
    assert page.xpath('string(//ul[@class="outlets"]/li[1]/a[@class="outlet"])') == HOSTILE
    column = page.xpath('//article[@id="a1"]//div[@class="text"]')[0]
    assert visible_text(column).startswith(HOSTILE)


def test_the_page_makes_no_request_and_only_runs_its_own_script(doc: lxml.html.HtmlElement) -> None:
    assert doc.xpath("//link | //img | //iframe | //object | //embed | //script[@src]") == []
    styles = " ".join(doc.xpath("//style/text()"))
    assert "url(" not in styles and "@import" not in styles
    (policy,) = doc.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')
    digest = base64.b64encode(hashlib.sha256(report_js().encode()).digest()).decode()
    assert "default-src 'none'" in policy and f"'sha256-{digest}'" in policy


def test_the_body_can_be_embedded_in_another_page() -> None:
    body = render_body(*sample())
    assert not re.search(r"<(html|head|body|script)\b", body)
    assert 'id="articles"' in body
