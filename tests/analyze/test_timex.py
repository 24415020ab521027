"""Time expressions: what counts as one, and where each lands on the calendar."""

from __future__ import annotations

import datetime as dt

import pytest

from rashomon.analyze import timex
from rashomon.records import TimeExpression

THURSDAY = dt.date(2026, 3, 5)  # publication date of the invented sentences below


def found(nlp, text: str, published: dt.date | None = THURSDAY) -> list[TimeExpression]:  # type: ignore[no-untyped-def]
    return timex.extract(nlp(text), published)


def one(nlp, text: str, words: str, published: dt.date | None = THURSDAY) -> TimeExpression:  # type: ignore[no-untyped-def]
    matches = [t for t in found(nlp, text, published) if words in t.text]
    assert len(matches) == 1, [t.text for t in found(nlp, text, published)]
    return matches[0]


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        # weekdays follow the tense of their verb
        ("The ferry sank on Thursday near the harbour.", "Thursday", "2026-03-05 day"),
        ("The ferry sank on Tuesday near the harbour.", "Tuesday", "2026-03-03 day"),
        ("The council will meet on Tuesday.", "Tuesday", "2026-03-10 day"),
        ("The council will meet on Thursday.", "Thursday", "2026-03-05 day"),
        ("The trial begins on Monday in the capital.", "Monday", "2026-03-09 day"),
        ("The minister has said on Monday that she agreed.", "Monday", "2026-03-02 day"),
        ("The boat left last Thursday.", "last Thursday", "2026-02-26 day"),
        ("The vote is set for next Thursday.", "next Thursday", "2026-03-12 day"),
        ("Divers searched the hull early on Tuesday.", "early on Tuesday", "2026-03-03 day"),
        ("She spoke on the evening show later Wednesday.", "later Wednesday", "2026-03-04 day"),
        ("Fire broke out on Wednesday night.", "Wednesday night", "2026-03-04 day"),
        ("They met on Monday last week.", "Monday last week", "2026-02-23 day"),
        # what was planned lies on either side of the publication day: the nearer one
        ("The mayor was scheduled to return Friday.", "Friday", "2026-03-06 day"),
        ("The mayor was scheduled to return Tuesday.", "Tuesday", "2026-03-03 day"),
        ("The mayor is expected to return Tuesday.", "Tuesday", "2026-03-10 day"),
        ("In an interview to be shown on Friday, the mayor spoke.", "Friday", "2026-03-06 day"),
        (
            "The mayor said her party had a chance of losing the council in November.",
            "November",
            "2026-11-01 month",
        ),
        ("The board denied him a chance to speak Tuesday.", "Tuesday", "2026-03-03 day"),
        ("He holds the seat until an election set for June 25.", "June 25", "2026-06-25 day"),
        ("The vote was scheduled for Feb. 12 but was moved.", "Feb. 12", "2026-02-12 day"),
        # "would" in reported speech looks forward from the time of saying
        ("The firm said a boat would run from Monday.", "Monday", "2026-03-09 day"),
        ("She promised that the line would reopen on Saturday.", "Saturday", "2026-03-07 day"),
        ("He would have left on Monday.", "Monday", "2026-03-02 day"),
        # a clause opened by "after" happened before what follows it, even in the future
        ("The bill will become law after the House voted to pass it on Tuesday.", "Tuesday",
         "2026-03-03 day"),
        ("The bill will become law after voting to pass it Tuesday afternoon.",
         "Tuesday afternoon", "2026-03-03 day"),
        # a day that dates a noun takes no tense from a present verb
        ("Tuesday's results show a divided town.", "Tuesday", "2026-03-03 day"),
        ("Tuesday's vote will decide the matter.", "Tuesday", "2026-03-10 day"),
        # what something happens ahead of comes after it, or near the day of a past verb
        ("She is campaigning ahead of Saturday's debate.", "Saturday", "2026-03-07 day"),
        ("The mayor spoke before Friday's debate and Saturday's vote.", "Saturday",
         "2026-03-07 day"),
        ("Crews stocked up before Tuesday's storm.", "Tuesday", "2026-03-03 day"),
        ("He bought air time ahead of the March 12 vote.", "March 12", "2026-03-12 day"),
        # a day and month that date a noun are the noun's day, whatever the verb's tense
        ("Some pushed for a delay of the March 12 vote.", "March 12", "2026-03-12 day"),
        ("The chairman set a deadline of March 20 for the interview.", "March 20",
         "2026-03-20 day"),
        # "would" under "hoped" looks forward from the hoping
        ("They hoped the vote on Tuesday would help them.", "Tuesday", "2026-03-10 day"),
        # a day hung on a noun dates the noun, not a present verb
        ("The ad follows his statement on Tuesday criticizing the plan.", "Tuesday",
         "2026-03-03 day"),
        # a day and month that modify a scheduled occasion are its date
        ("The March 12 vote will decide the matter.", "March 12", "2026-03-12 day"),
        ("The Feb. 13 death of the judge left the court divided.", "Feb. 13", "2026-02-13 day"),
        # days relative to publication
        ("Police arrested the captain last night.", "last night", "2026-03-04 day"),
        ("The body was found yesterday.", "yesterday", "2026-03-04 day"),
        ("She landed the day before yesterday.", "the day before yesterday", "2026-03-03 day"),
        ("The results will be known tomorrow.", "tomorrow", "2026-03-06 day"),
        ("The ship docked this morning.", "this morning", "2026-03-05 day"),
        ("The ferry left two days ago.", "two days ago", "2026-03-03 day"),
        # weeks, months and years
        ("Talks stalled this week.", "this week", "2026-03-02 week"),
        ("Talks stalled last week.", "last week", "2026-02-23 week"),
        ("Elections are expected next month.", "next month", "2026-04-01 month"),
        ("The rules changed earlier this year.", "earlier this year", "2026-01-01 year"),
        ("The firm was sold last year.", "last year", "2025-01-01 year"),
        ("Elections were held in January.", "January", "2026-01-01 month"),
        ("Elections will be held in January.", "January", "2027-01-01 month"),
        ("The mine closed in 2015.", "2015", "2015-01-01 year explicit"),
        ("The bridge opened in March 2019.", "March 2019", "2019-03-01 month explicit"),
        # calendar dates
        ("Signed on November 30.", "November 30", "2025-11-30 day"),
        ("It expires on November 30.", "November 30", "2026-11-30 day"),
        ("Signed on March 3, 2026.", "March 3, 2026", "2026-03-03 day explicit"),
        ("Signed on 3 March.", "3 March", "2026-03-03 day"),
        ("Signed on 2026-03-03.", "2026-03-03", "2026-03-03 day explicit"),
        ("Signed on Sept. 14, 2024.", "Sept. 14, 2024", "2024-09-14 day explicit"),
        ("The file is dated 27/09/2013.", "27/09/2013", "2013-09-27 day explicit"),
        ("Signed on March 3 last year.", "March 3 last year", "2025-03-03 day"),
        ("Shops closed on Christmas Day.", "Christmas Day", "2025-12-25 day"),
        # clock times take the day they are said with
        ("The ship left at 06:40 on Tuesday.", "06:40 on Tuesday", "2026-03-03 time"),
        ("The vote is on Tuesday, March 10, at 5 p.m.", "March 10", "2026-03-10 time"),
    ],
)  # fmt: skip
def test_resolves_against_the_publication_date(nlp, text, words, expected):  # type: ignore[no-untyped-def]
    """ "2026-03-05 day" reads: that date, day granularity, anchored on publication."""
    t = one(nlp, text, words)
    date, granularity, *explicit = expected.split()
    anchor = "explicit" if explicit else "publication"
    assert (t.date, t.granularity, t.anchor) == (date, granularity, anchor)
    assert text[t.start : t.end] == t.text


def test_a_sunday_paper_counts_weeks_from_the_week_just_ending(nlp):  # type: ignore[no-untyped-def]
    sunday = dt.date(2026, 3, 8)
    text = "The deal broke last week and talks resume this week."
    assert [(t.date, t.granularity) for t in found(nlp, text, sunday)] == [
        ("2026-03-02", "week"),
        ("2026-03-09", "week"),
    ]


def test_said_on_a_sunday_the_weekend_is_the_one_under_way(nlp):  # type: ignore[no-untyped-def]
    sunday = dt.date(2026, 3, 8)
    t = one(nlp, "Police said the curfew would continue through the weekend.", "weekend", sunday)
    assert (t.date, t.granularity) == ("2026-03-02", "week")


def test_election_day_is_the_tuesday_after_the_first_monday_of_november(nlp):  # type: ignore[no-untyped-def]
    t = one(nlp, "Polls close on Election Day.", "Election Day")
    assert (t.date, t.granularity) == ("2026-11-03", "day")


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("It sank on Tuesday. A week later it was raised.", "A week later", "2026-03-10 day"),
        ("It sank on Tuesday. Divers came the next day.", "the next day", "2026-03-04 day"),
        ("It sank on Tuesday. Two days earlier it broke.", "Two days earlier", "2026-03-01 day"),
        ("It sank on Tuesday. The same day, the port closed.", "The same day", "2026-03-03 day"),
        ("It opened in June 2015. The next year it closed.", "The next year", "2016-01-01 year"),
        ("She led on Tuesday. She lost the week before.", "the week before", "2026-02-23 week"),
        ("It sank on Tuesday. Almost two weeks later, divers came.", "two weeks later",
         "2026-03-16 week"),
        ("It opened in June 2015. That year it hired 40.", "That year", "2015-01-01 year"),
    ],
)  # fmt: skip
def test_counts_from_the_previous_date(nlp, text, words, expected):  # type: ignore[no-untyped-def]
    t = one(nlp, text, words)
    assert f"{t.date} {t.granularity}" == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("A week later it was raised.", "A week later"),  # no earlier date to count from
        ("He has 20 years of experience.", "20 years"),
        ("The crew was held for three days.", "three days"),
        ("Two days before the vote, he resigned.", "Two days before"),
        ("The ferry runs every day.", "every day"),
        ("You need not sit in church every Sunday.", "every Sunday"),
        ("The bill designates Election Day as a federal holiday.", "Election Day"),  # a thing
        ("Prices rose in the past week.", "the past week"),
        ("Prices rose over the last year.", "the last year"),
        ("The station was built in the 1990s.", "1990s"),
        ("In the 1990’s, she ran the port.", "1990"),  # a decade, whatever spaCy marks
        ("The ship left at 06:40.", "06:40"),
    ],
)
def test_durations_sets_and_orphans_get_no_date(nlp, text, words):  # type: ignore[no-untyped-def]
    t = one(nlp, text, words)
    assert t.date is None
    assert t.anchor == "unresolved"


@pytest.mark.parametrize(
    "text",
    [
        "Families of Sept. 11 victims can now sue.",
        "Relatives of the Jan. 6 victims will meet again.",
        "Two of the 19 Sept. 11 hijackers had lived in the town.",
        "The Jan. 6 committee will publish its report.",
        "Fighters of the 17 February Brigade guarded the compound.",
    ],
)
def test_a_day_that_names_an_event_gets_no_date(nlp, text):  # type: ignore[no-untyped-def]
    assert [t.date for t in found(nlp, text)] == [None]


@pytest.mark.parametrize(
    "text",
    [
        "A 45-year-old man was detained.",
        "May I ask the minister a question?",
        "Theresa May spoke to reporters.",
        "The ticket cost 12.50 euros.",
        "The home side won 3-1.",
        "Call 555-123-4567 for details.",
        "The captain denied any wrongdoing.",
        "A second ferry was given too many second chances.",
        # a part of the day that says what kind of thing, not when
        "The port will add controllers during the morning rush hour.",
        "The morning traffic on the river is too dense.",
        "She works the night shift at the port.",
    ],
)
def test_finds_nothing(nlp, text):  # type: ignore[no-untyped-def]
    assert found(nlp, text) == []


def test_relative_dates_stay_unresolved_without_a_publication_date(nlp):  # type: ignore[no-untyped-def]
    times = found(nlp, "The ferry sank on Tuesday, March 3, 2026, and was raised yesterday.", None)
    assert [(t.text, t.date) for t in times] == [
        ("Tuesday, March 3, 2026", "2026-03-03"),
        ("yesterday", None),
    ]


@pytest.mark.parametrize(
    ("text", "dateline", "fallback", "expected"),
    [
        ("The ferry sank.", "LISBON, Portugal, March 3, 2026", None, dt.date(2026, 3, 3)),
        ("The ferry, built on May 2, 1998, sank.", "LISBON, March 3", None, dt.date(1998, 3, 3)),
        ("A report due on March 3, 2026 was late.", "LISBON, March 3.", None, dt.date(2026, 3, 3)),
        ("The ferry sank.", "LISBON, Dec. 30", dt.date(2026, 1, 2), dt.date(2025, 12, 30)),
        ("The ferry sank.", "LISBON, March 3", dt.date(2026, 3, 4), dt.date(2026, 3, 3)),
        ("The ferry sank.", "LISBON, March 3", None, None),
        ("The ferry sank.", "LISBON", dt.date(2026, 3, 4), dt.date(2026, 3, 4)),
        ("The ferry sank.", "", None, None),
        ("LISBON, March 3 (Wire) - A ferry sank. It left in 2026.", "", None, dt.date(2026, 3, 3)),
    ],
)  # fmt: skip
def test_publication_date_from_the_dateline(text, dateline, fallback, expected):  # type: ignore[no-untyped-def]
    assert timex.publication_date(text, dateline, fallback) == expected


@pytest.mark.parametrize(
    ("date", "granularity", "expected"),
    [
        ("2026-03-03", "day", ("2026-03-03", "2026-03-03")),
        ("2026-03-03", "time", ("2026-03-03", "2026-03-03")),
        ("2026-03-02", "week", ("2026-03-02", "2026-03-08")),
        ("2026-02-01", "month", ("2026-02-01", "2026-02-28")),
        ("2026-01-01", "year", ("2026-01-01", "2026-12-31")),
        (None, "unknown", None),
    ],
)
def test_period_covers_the_granularity(date, granularity, expected):  # type: ignore[no-untyped-def]
    t = TimeExpression(0, 1, "x", date, granularity)
    got = timex.period(t)
    assert (None if got is None else tuple(d.isoformat() for d in got)) == expected


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("In 2016 the ferry changed hands. On July 22 that year it sank.", "July 22", "2016-07-22"),
        (
            "The yard opened in 2011. In June of that year it hired 40 welders.",
            "June",
            "2011-06-01",
        ),
        (
            "The yard opened in 2011. By March of the following year it had closed.",
            "March",
            "2012-03-01",
        ),
    ],
)
def test_a_month_takes_its_year_from_that_year(nlp, text, words, expected):  # type: ignore[no-untyped-def]
    assert one(nlp, text, words).date == expected


def test_today_in_a_message_quoted_from_another_day_gets_no_date(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "On Oct. 3, 2025, the agency wrote to the mayor: “Please reply.” "
        "“Already did that earlier today,” the mayor replied. The letters were released today."
    )
    dates = {t.text: (t.date, t.anchor) for t in found(nlp, text, dt.date(2026, 3, 5))}
    assert dates["earlier today"] == (None, "unresolved")
    assert dates["today"] == ("2026-03-05", "publication")  # the outlet's own "today"


def test_a_weekday_whose_tense_says_nothing_is_the_one_the_article_names_elsewhere(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Wednesday hearing would have been her first public appearance. "
        "She will answer questions on Wednesday."
    )
    dates = [t.date for t in found(nlp, text, dt.date(2026, 3, 3))]  # a Tuesday
    assert dates == ["2026-03-04", "2026-03-04"]
