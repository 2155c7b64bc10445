"""Figures are marked disputed only when they cannot both be true."""

import pytest
from pydantic import ValidationError

from chronicle.index import conflicts
from chronicle.models import Claim


def claim(claimant: str, value: str | None = None, **fields) -> Claim:
    return Claim.model_validate({"measure": "aircraft_lost", "claimant": claimant, "sources": ["report"],
                                 **({"value": value} if value is not None else {}), **fields})


@pytest.mark.parametrize("first, second", [
    (claim("monitor", "~19"), claim("report", "~20")),  # two approximate figures whose ranges meet
    (claim("counter", "1200", bound="lower"), claim("staff", "1500")),  # a minimum below a total
    (claim("counter", "1500", bound="lower"), claim("staff", "1500")),  # a minimum at the total
    (claim("counter", ">=4"), claim("staff", "4")),
    (claim("analysts", "10-20"), claim("staff", "15")),  # a figure inside a range
    (claim("analysts", "~20"), claim("bloggers", ">10")),
    (claim("staff", "40", bound="estimate"), claim("officials", "44")),  # an estimate reaches 10 % either side
    (claim("government", text="Denied any loss", stance="denies"), claim("monitor", "0")),
    (claim("president", text="About twice the US estimate"), claim("officials", "~20")),  # words: nothing to compare
    (claim("government", "20", stance="denies"), claim("officials", "20")),  # denying a figure says no other
])
def test_figures_that_can_both_be_true_are_not_a_dispute(first, second):
    assert conflicts([first, second]) == []


@pytest.mark.parametrize("first, second", [
    (claim("government", text="Denied that any aircraft were lost", stance="denies"), claim("bloggers", ">10")),
    (claim("counter", "1600", bound="lower"), claim("staff", "1500")),  # a minimum above the other's total
    (claim("staff", "5"), claim("monitor", "6")),
    (claim("staff", "10"), claim("bloggers", ">10")),  # "more than ten" excludes ten itself
    (claim("staff", "~20"), claim("monitor", ">=40")),
    (claim("staff", "<5"), claim("monitor", "5")),
    (claim("staff", "10", bound="upper"), claim("monitor", "11")),
])
def test_figures_that_cannot_both_be_true_are_named_as_a_pair(first, second):
    assert conflicts([first, second]) == [(first, second)]


def test_a_claimant_revising_its_own_figure_is_not_a_dispute():
    assert conflicts([claim("staff", "25"), claim("staff", "20", note="revised downward")]) == []


def test_each_conflicting_pair_is_named_once_in_the_order_written():
    denial = claim("government", text="No losses", stance="denies")
    bloggers, officials = claim("bloggers", ">10"), claim("officials", "~20")
    assert conflicts([denial, bloggers, officials]) == [(denial, bloggers), (denial, officials)]


@pytest.mark.parametrize("fields, message", [
    ({"value": ">=4", "bound": "lower"}, "`bound: lower` and the figure '>=4' both say how it bounds the number"),
    ({"value": "10-20", "bound": "upper"}, "`bound: upper` and the figure '10-20' both say how it bounds the number"),
    ({"text": "many", "bound": "estimate"}, "`bound: estimate` describes a figure, but the claim has no `value`"),
])
def test_a_bound_that_contradicts_or_lacks_its_figure_is_refused(fields, message):
    with pytest.raises(ValidationError) as error:
        claim("counter", **fields)
    assert error.value.errors()[0]["ctx"]["error"].message == message


# ---------------------------------------------------------------- across entries: same measure, place and moment

def tallies_index():
    from chronicle.catalog import load_timeline
    from chronicle.index import build_index
    from conftest import FIXTURES
    return build_index(load_timeline(FIXTURES / "tallies"))


def test_a_running_total_and_an_independent_minimum_of_the_same_moment_are_consistent():
    index = tallies_index()
    assert "russian_tanks_lost" not in index.disputed
    assert "russian_artillery_lost" not in index.disputed


def test_monitors_that_count_differently_in_each_region_are_not_a_dispute():
    index = tallies_index()
    assert "alerts" not in index.disputed and "alert_hours" not in index.disputed


def test_a_denial_against_more_than_ten_on_the_same_moment_is_named_as_a_pair():
    index = tallies_index()
    [[pair]] = index.disputed["aircraft_hit"].values()
    assert {pair.first.claim.claimant, pair.second.claim.claimant} == {"russian-ministry-of-defence",
                                                                       "russian-military-bloggers"}


def test_figures_of_two_entries_about_one_moment_are_compared_and_filed_under_both():
    from chronicle.index import ClaimRef, _disputed, comparison_key
    from chronicle.models import Event
    def event(ident: str, claims: list[dict]) -> Event:
        return Event.model_validate({"id": ident, "title": "Tally", "date": "2025-06-01", "summary": "A tally.",
                                     "status": "reported", "type": "tally",
                                     "sources": [{"id": "report", "title": "Report"}], "claims": claims})
    staff = event("staff", [{"measure": "tanks", "value": "100", "claimant": "staff", "sources": ["report"]}])
    counter = event("counter", [{"measure": "tanks", "value": "140", "bound": "lower", "claimant": "counter",
                                 "sources": ["report"], "as_of": "2025-06-01"}])
    refs = [ClaimRef(staff, staff.claims[0], 0), ClaimRef(counter, counter.claims[0], 0)]
    assert comparison_key(staff, staff.claims[0], True) == comparison_key(counter, counter.claims[0], True)
    assert comparison_key(staff, staff.claims[0], False) != comparison_key(counter, counter.claims[0], False)
    found = _disputed([refs])["tanks"]
    assert set(found) == {"staff", "counter"} and found["staff"] == found["counter"]
    # a daily change and a monthly change published the same day cover different spans: not compared
    daily = event("daily", [{"measure": "tanks", "change": "+3", "claimant": "staff", "sources": ["report"]}])
    monthly = event("monthly", [{"measure": "tanks", "change": "+90", "claimant": "counter", "sources": ["report"]}])
    assert _disputed([[ClaimRef(daily, daily.claims[0], 0), ClaimRef(monthly, monthly.claims[0], 0)]]) == {}


def test_changes_are_compared_with_changes_not_with_levels():
    level = claim("staff", "1000", change="+25")
    other = claim("monitor", "1000", change="-5")
    assert conflicts([level, other]) == []
    assert conflicts([level, other], change=True) == [(level, other)]
