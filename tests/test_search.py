"""The situation finder's core, without a browser: words, the index, the ranking rules and
the evaluation figures the finder must keep."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import snowballstemmer

from scenario_playbook.core.model import OutsideTopic
from scenario_playbook.search import build_index, search
from scenario_playbook.search.evaluation import evaluate, load_queries
from scenario_playbook.search.query import (
    CLOSE_PERCENT,
    CLOSE_WORDS,
    WORDS_PERCENT,
    Hit,
    Result,
    Word,
    one_edit,
    outside_topic,
    parse,
)
from scenario_playbook.search.script import data, decode, varint, varints
from scenario_playbook.search.words import STOP_WORDS, stem, terms, tokens
from search_helpers import (
    DEV_QUERIES,
    EARLIER_DEV_QUERIES,
    EARLIER_QUERIES,
    FLOORS,
    assert_floors,
    queries,
    repo_index,
    repo_playbook,
)

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "scenario_playbook" / "search"


def test_the_search_package_never_imports_mkdocs():
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            assert not any(n.split(".")[0] == "mkdocs" for n in names), path


def test_words_are_folded_stemmed_and_stop_words_dropped():
    assert tokens("The customer’s Café-bill, billed TWICE!") == [
        "the",
        "customer's",
        "cafe",
        "bill",
        "billed",
        "twice",
    ]
    assert terms("They were billed twice for cancelled seats") == [
        "bill",
        "twice",
        "cancel",
        "seat",
    ]
    assert "what" in STOP_WORDS and stem("generously") == "generous"


def test_words_of_another_meaning_keep_their_own_stem():
    """Snowball merges these pairs; the finder keeps them apart (words.KEEP)."""
    snowball = snowballstemmer.stemmer("english")
    for one, other in (
        ("customers", "custom"),
        ("expenses", "expensive"),
        ("objectives", "objection"),
        ("conversion", "conversation"),
    ):
        assert snowball.stemWord(one) == snowball.stemWord(other)
        assert stem(one) != stem(other)
    assert stem("expense") == stem("expenses") == stem("expensed")


def test_one_edit_is_insert_delete_substitute_or_swap():
    assert one_edit("recieve", "receive")  # swap of neighbours
    assert one_edit("billng", "billing") and one_edit("billing", "billng")
    assert one_edit("refund", "refunt")
    assert not one_edit("refund", "refund") and not one_edit("refund", "rfnd")


def test_prefix_only_on_the_last_word_while_it_is_typed():
    index = repo_index()
    typing = parse("refe", index)
    assert len(typing) == 1 and len(typing[0].matches) > 1  # refer, referee, reference, ...
    assert parse("refe ", index)[0].matches == ()  # a finished word that no scenario uses
    first = parse("refe billing", index)[0]
    assert first.matches == ()


def test_typo_tolerance_only_for_unknown_words_of_five_letters_or_more():
    index = repo_index()
    assert search(index, "overchraged ").ids[0] == "billing-error-customer-found-first"
    (word,) = parse("bil ", index)
    assert word.matches == ()


def test_the_index_round_trips_through_its_script_format():
    index = repo_index()
    back = decode(json.loads(json.dumps(data(index, True))))
    assert back.docs == index.docs and back.vocabulary == index.vocabulary
    assert back.postings == index.postings and back.idf == index.idf
    assert back.outside == index.outside and len(back.outside) >= 12
    assert varints("".join(varint(n) for n in (0, 31, 32, 1023, 1024, 99999))) == [
        0,
        31,
        32,
        1023,
        1024,
        99999,
    ]


def test_empty_and_stop_word_queries_show_nothing_and_flag_nothing():
    for query in ("", "   ", "what should I do"):
        result = search(repo_index(), query)
        assert result.hits == () and result.close


def test_ranking_is_deterministic_with_ties_to_the_first_id():
    index = build_index([])
    assert search(index, "anything").hits == ()


def test_evaluation_figures_stay_at_least_where_they_are():
    """Top-3 is the finder's promise; raise these when the figures improve, never lower them."""
    figures = evaluate(repo_index(), queries())
    present = {d.id for d in repo_index().docs}
    assert len(queries()) >= 60
    assert sum(1 for q in queries() if not q.expect) >= 8
    assert figures.covered == sum(1 for q in queries() if set(q.expect) & present)
    assert figures.covered >= 175 and figures.out_of_scope >= 87
    assert_floors(figures, FLOORS)


def test_the_queries_before_the_latest_batch_keep_their_figures():
    """A harder batch lowers the whole set's ratios; the queries already there lose nothing."""
    earlier = queries()[:EARLIER_QUERIES]
    assert earlier[-1].text == "whats the capital of australia"  # the second batch's last
    figures = evaluate(repo_index(), earlier)
    assert (figures.covered, figures.out_of_scope) == (132, 50)
    # 48/50 flagged before the blind keywords and topics of 2026-11-29, 47/50 since ("best man
    # speech ideas ..." now meets a scenario on three words): the one figure these queries lost.
    assert_floors(figures, {"top1": 0.88, "top3": 0.96, "flagged": 0.94, "wrongly": 0.03})


#: Keywords of two or more words that some query of either set has word for word (stems in
#: order), all written before the queries were. Keywords are what people say, and queries too,
#: so the commonest names meet ("money back"); a keyword added since may not (then leave it
#: out: the sets measure the finder, they are not written into the scenarios).
KEYWORDS_IN_QUERIES = {
    ("abusive-caller-setting-limits", "log the call"),
    ("account-review-qbr-and-upsell", "grow the account"),
    ("ask-for-referrals-at-signing", "signed the contract"),
    ("billing-error-customer-found-first", "money back"),
    ("client-asks-for-a-favour", "what do other customers pay"),
    ("cold-call-not-interested", "prospect said no"),
    ("customer-wants-to-cancel", "customer wants to cancel"),
    ("discovery-questions-first-meeting", "discovery call"),
    ("discovery-questions-first-meeting", "first sales meeting"),
    ("everyone-is-a-relationship", "lost the deal"),
    ("front-desk-moment-of-truth", "greeting visitors"),
    ("front-desk-moment-of-truth", "phone ringing"),
    ("interview-callback-review", "reconsider my application"),
    ("long-deal-gone-quiet", "gone dark"),
    ("negotiating-salary-offer", "offer too low"),
    ("phone-loop-recovery", "call centre"),
    ("price-objection-competitor-cheaper", "they quoted less"),
    ("procurement-squeeze-at-the-close", "discount at the last minute"),
    ("procurement-squeeze-at-the-close", "purchasing department"),
    ("promised-callback-missed", "warranty claim"),
    ("prospect-changed-companies", "old contact"),
    ("reference-dilemma", "client reference"),
    ("reference-dilemma", "hiring manager"),
    ("reference-dilemma", "job offer"),
    ("reference-dilemma", "last round"),
    ("reference-dilemma", "new job"),
    ("refund-refused-by-policy", "money back"),
    ("refund-refused-by-policy", "outside the return window"),
    ("refund-refused-by-policy", "policy says no"),
    ("renewal-at-risk", "contract renewal"),
    ("taking-over-an-account", "unhappy client"),
    ("why-are-you-leaving-interview", "interview answer"),
}


def test_no_new_keyword_is_found_word_for_word_in_a_query():
    def has(seq: list[str], part: list[str]) -> bool:
        return any(seq[i : i + len(part)] == part for i in range(len(seq) - len(part) + 1))

    texts = [terms(q.text) for q in [*queries(), *load_queries(DEV_QUERIES)]]
    found = {
        (s.id, k)
        for s in repo_playbook().scenarios.values()
        for k in s.keywords
        if len(terms(k)) >= 2 and any(has(t, terms(k)) for t in texts)
    }
    assert found <= KEYWORDS_IN_QUERIES, found - KEYWORDS_IN_QUERIES


def test_development_figures_stay_at_least_where_they_are():
    """The development set (method choices are made on it) has floors of its own."""
    figures = evaluate(repo_index(), load_queries(DEV_QUERIES))
    assert figures.covered >= 132 and figures.out_of_scope >= 79
    assert_floors(figures, {"top1": 0.82, "top3": 0.93, "flagged": 0.81, "wrongly": 0.07})
    before = load_queries(DEV_QUERIES)[:EARLIER_DEV_QUERIES]
    assert before[-1].text == "linkedin headline ideas for a sales manager"
    earlier = evaluate(repo_index(), before)
    assert (earlier.covered, earlier.out_of_scope) == (92, 40)
    assert_floors(earlier, {"top1": 0.82, "top3": 0.94, "flagged": 0.82, "wrongly": 0.05})


def test_strong_words_make_a_long_query_close_only_with_a_share_of_the_ideal():
    """Three ordinary words met strongly among a dozen typed are not enough on their own."""
    words = tuple(Word(f"w{i}", ()) for i in range(12))
    ideal = 1000
    at = WORDS_PERCENT * ideal // 100

    def close(score: int) -> bool:
        return Result(words, (Hit(0, "x", score),), ideal, strong=CLOSE_WORDS).close

    assert CLOSE_PERCENT * ideal // 100 > at  # the overall rule is not what decides here
    assert close(at) and not close(at - 1)
    assert not Result(words, (Hit(0, "x", ideal // 2),), ideal, strong=CLOSE_WORDS - 1).close


def test_a_query_told_the_way_people_talk_is_close_through_its_strong_words():
    """Far below half the ideal (most words are no scenario's), yet about one scenario."""
    query = "colleague says just tell her to ring the maker, her hoover died after five months"
    result = search(repo_index(), query)
    assert result.ids[0] == "refund-refused-by-policy"
    assert 100 * result.hits[0].score < CLOSE_PERCENT * result.ideal
    assert result.strong >= CLOSE_WORDS and result.close


def test_a_query_meeting_a_scenario_on_two_words_in_passing_is_not_close():
    result = search(repo_index(), "how do I log a call in salesforce")
    assert result.strong < CLOSE_WORDS and not result.close


def test_a_longer_query_meeting_the_best_scenario_on_one_word_only_is_not_close():
    """Most of the ideal through one word ("salesperson") is a coincidence in a query of three."""
    result = search(repo_index(), "a new salesperson for the team")
    assert len(result.words) == 3 and result.strong == 1
    assert 100 * result.hits[0].score >= CLOSE_PERCENT * result.ideal
    assert not result.close
    short = search(repo_index(), "abusive caller")  # one or two words: one strong one is enough
    assert short.strong >= 1 and short.close


def test_a_word_also_finds_the_words_that_mean_the_same():
    """'boss' is nowhere in a scenario about a manager; its synonym group finds it."""
    index = repo_index()
    (word,) = parse("boss ", index)
    found = {index.vocabulary[m] for m, _ in word.matches}
    assert {"manag", "supervisor"} <= found
    assert all(times == 3 for m, times in word.matches if index.vocabulary[m] != "boss")


def test_nothing_close_when_the_best_scenario_is_far_from_the_ideal():
    index = repo_index()
    assert not search(index, "pension contributions for a small company ").close
    assert search(index, "customer found our billing mistake ").close


def test_a_query_about_a_topic_the_playbook_leaves_out_says_which():
    """Every word of one of the topic's phrases is in the query, and the topic outscores the
    best scenario: no scenario is close, and the result names the topic."""
    index = repo_index()
    titles = [t.title for t in index.outside]
    result = search(index, "my commission statement looks short")
    assert result.outside == titles.index("Pay, commission and bonuses") and not result.close
    assert result.hits  # the nearest scenarios are still listed
    assert search(index, "who do I ask about a data breach").outside == titles.index(
        "Data protection and privacy"
    )


def test_a_phrase_counts_only_with_all_its_words():
    index = repo_index()
    pay = next(t for t in index.outside if t.title.startswith("Pay"))
    assert ("commiss", "statement") in pay.phrases and ("statement",) not in pay.phrases
    assert search(index, "the statement looks short").outside is None


def test_words_the_scenarios_use_themselves_are_left_out_phrases_stay():
    """A word two or more scenarios have ("leaving do" is the word of leaving a job) is no sign
    of another topic; a phrase of several words stays, whatever scenarios have its words apart."""
    topic = OutsideTopic(
        title="Time off", words=["leaving do", "annual leave", "permit"], where="HR."
    )
    index = build_index(repo_playbook().scenarios.values(), [topic])
    assert sum(1 for s in repo_playbook().scenarios.values() if "leav" in terms(s.situation)) >= 2
    (time_off,) = index.outside
    assert time_off.phrases == (("annual", "leav"), ("permit",))
    assert search(index, "why are you leaving your job").outside is None
    assert search(index, "booking annual leave").outside == 0


def test_the_expense_claim_topic_is_not_a_price_objection():
    """'expenses' has the Snowball stem of 'expensive' (a price objection): kept apart."""
    index = repo_index()
    assert any(("expense",) in t.phrases for t in index.outside)
    result = search(index, "the customer says we are too expensive")
    assert result.outside is None and "price-objection-competitor-cheaper" in result.ids[:3]
    assert search(index, "how do i claim my expenses").outside is not None


def test_a_topic_needs_at_least_the_best_scenarios_score():
    topic = OutsideTopic(title="Parking", words=["car park permit"], where="Facilities.")
    index = build_index(repo_playbook().scenarios.values(), [topic])
    (parking,) = index.outside
    assert parking.phrases == (("car", "park", "permit"),)
    words = parse("car park permit ", index)
    # all of a phrase of several words typed: half as much again (PHRASE_BONUS)
    top = sum(4 * v for v in parking.impacts.values()) * 3 // 2
    assert outside_topic(index, words, ()) == 0
    assert outside_topic(index, words, (Hit(0, "x", top),)) == 0
    assert outside_topic(index, words, (Hit(0, "x", top + 1),)) is None
    assert outside_topic(index, parse("car park ", index), ()) is None
