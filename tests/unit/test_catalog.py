"""Each class of contributor mistake gives one located, actionable message."""

import pytest

from chronicle.catalog import TimelineLoader, load_timeline
from chronicle.errors import TimelineError
from conftest import write

EVENT = "timeline/events/2025-06-01-air-raid.yaml"


def problems(folder) -> list[str]:
    with pytest.raises(TimelineError) as error:
        load_timeline(folder, "timeline")
    return [str(p) for p in error.value.problems]


def edit(folder, name, old, new):
    path = folder / "events" / f"{name}.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_the_fixture_is_valid(tiny_timeline):
    timeline = load_timeline(tiny_timeline, "timeline")
    assert sorted(timeline.events) == ["2024-03-border-clash", "2025-06-01-air-raid", "2025-06-02-retaliation"]
    assert timeline.event_paths["2025-06-01-air-raid"] == EVENT


def test_unknown_actor_suggests_the_nearest_id(tiny_timeline):
    edit(tiny_timeline, "2025-06-01-air-raid", "claimant: alpha-air-force", "claimant: alpha-airforce")
    assert problems(tiny_timeline) == [
        f"{EVENT}:18:5: claims[0].claimant: unknown actor 'alpha-airforce'\n"
        "    hint: did you mean 'alpha-air-force'?"]


def test_unknown_region_suggests_the_nearest_id(tiny_timeline):
    edit(tiny_timeline, "2025-06-01-air-raid", "region: capital", "region: capitol")
    assert problems(tiny_timeline) == [
        f"{EVENT}:8:5: locations[0].region: unknown region 'capitol'\n    hint: did you mean 'capital'?"]


def test_unknown_event_in_a_relation(tiny_timeline):
    edit(tiny_timeline, "2025-06-01-air-raid", "follows: [2024-03-border-clash]", "follows: [2024-03-border-clas]")
    assert problems(tiny_timeline) == [
        f"{EVENT}:37:13: relations.follows[0]: unknown event '2024-03-border-clas'\n"
        "    hint: did you mean '2024-03-border-clash'?"]


def test_unknown_id_without_a_near_match_says_where_to_add_it(tiny_timeline):
    edit(tiny_timeline, "2025-06-01-air-raid", "actor: beta\n", "actor: zzz\n")
    assert problems(tiny_timeline) == [
        f"{EVENT}:11:5: actors[0].actor: unknown actor 'zzz'\n    hint: add it to timeline/actors.yaml first"]


def test_id_must_equal_the_file_name(tiny_timeline):
    edit(tiny_timeline, "2025-06-01-air-raid", "id: 2025-06-01-air-raid", "id: 2025-06-01-air-strike")
    assert problems(tiny_timeline) == [
        f"{EVENT}:1:1: id: id '2025-06-01-air-strike' differs from the file name '2025-06-01-air-raid.yaml'\n"
        "    hint: rename the file to 2025-06-01-air-strike.yaml or set `id: 2025-06-01-air-raid`"]


def test_duplicate_ids_name_the_other_file(tiny_timeline):
    copy = tiny_timeline / "events" / "2025" / "2025-06-01-air-raid.yaml"
    write(copy, (tiny_timeline / "events" / "2025-06-01-air-raid.yaml").read_text())
    assert problems(tiny_timeline) == [
        f"{EVENT}:1:1: id: duplicate id '2025-06-01-air-raid', "
        "also used by timeline/events/2025/2025-06-01-air-raid.yaml\n"
        "    hint: give one of the two events a different id"]


def test_invalid_date(tiny_timeline):
    edit(tiny_timeline, "2025-06-01-air-raid", "date: 2025-06-01", "date: 2025-02-30")
    assert problems(tiny_timeline) == [
        f"{EVENT}:3:1: date: '2025-02-30' has day 30, but February 2025 has 28 days\n"
        "    hint: write a day from 01 to 28"]


def test_invalid_figure(tiny_timeline):
    edit(tiny_timeline, "2025-06-01-air-raid", 'value: "407"', 'value: "about 400"')
    assert problems(tiny_timeline) == [
        f"{EVENT}:17:5: claims[0].value: 'about 400' is not a figure\n"
        "    hint: write a number as the source gives it: 407 (exact), ~20 (about), >=4 (at least), "
        ">10 (more than), <=5 (at most), 10-20 (a range); no thousands separators"]


def test_invalid_vocabulary_value_lists_the_allowed_ones(tiny_timeline):
    edit(tiny_timeline, "2025-06-01-air-raid", "status: disputed", "status: disptued")
    assert problems(tiny_timeline) == [
        f"{EVENT}:5:1: status: 'disptued' is not an allowed value\n"
        "    hint: did you mean 'disputed'? Use one of: confirmed, reported, disputed"]


def test_unknown_field_is_an_error_with_a_suggestion(tiny_timeline):
    edit(tiny_timeline, "2025-06-01-air-raid", "summary:", "sumary:")
    found = problems(tiny_timeline)
    assert found[0] == (f"{EVENT}:1:1: summary: required field is missing\n"
                        "    hint: add a line `summary: ...` to this entry")
    assert found[1].startswith(f"{EVENT}:4:1: sumary: unknown field 'sumary'\n"
                               "    hint: did you mean 'summary'? Allowed fields here: id, title, date,")


def test_bad_url_is_refused(tiny_timeline):
    path = tiny_timeline / "events" / "2024-03-border-clash.yaml"
    path.write_text(path.read_text().replace("https://example.org/wire/clash", "javascript:alert(1)"))
    assert problems(tiny_timeline) == [
        "timeline/events/2024-03-border-clash.yaml:18:5: sources[0].url: 'javascript:alert(1)' "
        "is not an http(s) address\n    hint: write a full URL starting with https://"]


def test_claim_citing_an_unknown_source(tiny_timeline):
    edit(tiny_timeline, "2025-06-01-air-raid", "sources: [wire]", "sources: [wir]")
    assert problems(tiny_timeline) == [
        f"{EVENT}:19:15: claims[0].sources[0]: unknown source 'wir'\n    hint: did you mean 'wire'?"]


def test_every_problem_is_reported_in_one_run(tiny_timeline):
    edit(tiny_timeline, "2025-06-01-air-raid", "region: capital", "region: capitol")
    edit(tiny_timeline, "2024-03-border-clash", "date: 2024-03", "date: 2024-3")
    write(tiny_timeline / "events" / "broken.yaml", "id: [unclosed\n")
    found = problems(tiny_timeline)
    assert len(found) == 3
    assert [f.split(":")[0] for f in found] == [
        "timeline/events/2024-03-border-clash.yaml", EVENT, "timeline/events/broken.yaml"]


def test_registry_problems_are_located(tiny_timeline):
    path = tiny_timeline / "regions.yaml"
    path.write_text(path.read_text().replace("parent: north-province", "parent: north-provinse"))
    assert problems(tiny_timeline) == [
        "timeline/regions.yaml:15:5: regions[2].parent: unknown region 'north-provinse'\n"
        "    hint: did you mean 'north-province'?"]


def test_loader_reparses_only_changed_files(tiny_timeline):
    loader = TimelineLoader()
    loader.load(tiny_timeline, "timeline")
    assert loader.parsed_files == 6
    loader.load(tiny_timeline, "timeline")
    assert loader.parsed_files == 0
    edit(tiny_timeline, "2025-06-01-air-raid", "title: Air raid on the capital", "title: Air raid on the city")
    timeline = loader.load(tiny_timeline, "timeline")
    assert loader.parsed_files == 1
    assert timeline.events["2025-06-01-air-raid"].title == "Air raid on the city"


def test_a_broken_registry_is_reported_once_not_at_every_reference(tiny_timeline):
    path = tiny_timeline / "actors.yaml"
    path.write_text(path.read_text().replace("kind: group", "kind: gang"))
    found = problems(tiny_timeline)
    assert len(found) == 1
    assert found[0].startswith("timeline/actors.yaml:16:5: actors[3].kind: 'gang' is not an allowed value")


def test_a_broken_registry_still_reveals_unknown_ids_in_the_entries(tiny_timeline):
    path = tiny_timeline / "actors.yaml"
    path.write_text(path.read_text().replace("kind: group", "kind: gang"))
    edit(tiny_timeline, "2025-06-01-air-raid", "claimant: alpha-air-force", "claimant: alpha-airforce")
    found = [f.split("\n")[0] for f in problems(tiny_timeline)]
    assert found == ["timeline/actors.yaml:16:5: actors[3].kind: 'gang' is not an allowed value",
                     f"{EVENT}:18:5: claims[0].claimant: unknown actor 'alpha-airforce'"]


@pytest.mark.parametrize("measure, unit, value, message", [
    ("drones_launched", "percent", "250", "'250' is above 100, but the unit is a percentage from 0 to 100"),
    ("drones_launched", "count", "4.75", "'4.75' is not a whole number, but the unit is a count"),
    ("drones_launched", "text", "3", "this measure is in words (unit `text`), so a claim about it has no figure"),
])
def test_a_figure_must_fit_the_unit_of_its_measure(tiny_timeline, measure, unit, value, message):
    path = tiny_timeline / "measures.yaml"
    path.write_text(path.read_text().replace(f"  - id: {measure}\n", f"  - id: {measure}\n    unit: {unit}\n"))
    edit(tiny_timeline, "2025-06-01-air-raid", 'value: "407"', f'value: "{value}"')
    [found] = problems(tiny_timeline)
    assert message in found and "claims[0].value" in found


def test_a_figure_cannot_be_valid_for_a_moment_after_its_sources(tiny_timeline):
    edit(tiny_timeline, "2025-06-01-air-raid", 'value: "407"', 'value: "407"\n    as_of: 2025-08-01')
    [found] = problems(tiny_timeline)
    assert found.startswith(f"{EVENT}:18:5: claims[0].as_of: 2025-08-01 is after the event and the publication")


def test_references_are_checked_in_a_file_that_has_other_problems(tiny_timeline):
    edit(tiny_timeline, "2025-06-01-air-raid", "status: disputed", "status: unsure")
    edit(tiny_timeline, "2025-06-01-air-raid", "claimant: alpha-air-force", "claimant: alpha-airforce")
    edit(tiny_timeline, "2025-06-01-air-raid", "region: capital", "region: Capital")
    found = problems(tiny_timeline)
    assert [f.split("\n")[0] for f in found] == [
        f"{EVENT}:5:1: status: 'unsure' is not an allowed value",
        f"{EVENT}:8:5: locations[0].region: 'Capital' is not a valid id",  # reported once, by the model
        f"{EVENT}:18:5: claims[0].claimant: unknown actor 'alpha-airforce'",
    ]


def test_a_hint_is_kept_apart_from_a_message_that_contains_a_semicolon(tiny_timeline):
    edit(tiny_timeline, "2025-06-01-air-raid", 'value: "407"', 'value: "a; b"')
    [problem] = problems(tiny_timeline)
    assert problem.startswith(f"{EVENT}:17:5: claims[0].value: 'a; b' is not a figure\n    hint: write a number")


@pytest.mark.parametrize("sources", [
    "",  # the fixture's one source
    "  - id: second\n    title: Second report from the same wire\n    publisher: Example Wire\n",
    "  - id: second\n    title: A report without a named publisher\n",
])
def test_confirmed_needs_sources_from_two_publishers(tiny_timeline, sources):
    edit(tiny_timeline, "2025-06-01-air-raid", "status: disputed", "status: confirmed")
    edit(tiny_timeline, "2025-06-01-air-raid", "relations:\n", sources + "relations:\n")
    [problem] = problems(tiny_timeline)
    assert problem.startswith(f"{EVENT}:5:1: status: `confirmed` needs two independent sources, but the sources name "
                              "one publisher\n    hint: use `status: reported`")


def test_confirmed_with_two_publishers_is_accepted(tiny_timeline):
    edit(tiny_timeline, "2025-06-01-air-raid", "status: disputed", "status: confirmed")
    edit(tiny_timeline, "2025-06-01-air-raid", "relations:\n",
         "  - id: second\n    title: Broadcast on the air raid\n    publisher: Example Broadcaster\nrelations:\n")
    assert load_timeline(tiny_timeline, "timeline").events["2025-06-01-air-raid"].status == "confirmed"


def test_an_event_that_is_part_of_itself_through_another_is_refused(tiny_timeline):
    edit(tiny_timeline, "2025-06-01-air-raid", "relations:\n", "relations:\n  part_of: [2025-06-02-retaliation]\n")
    found = problems(tiny_timeline)
    retaliation = "timeline/events/2025-06-02-retaliation.yaml"
    cycle = (f"'2025-06-01-air-raid' is part of '2025-06-02-retaliation' ({EVENT}:37:13); "
             f"'2025-06-02-retaliation' is part of '2025-06-01-air-raid' ({retaliation}:18:13)")
    assert found == [
        f"{EVENT}:37:13: relations.part_of[0]: these relations make '2025-06-01-air-raid' part of itself: {cycle}\n"
        "    hint: a relation records what a source says; remove the one no source supports",
        f"{retaliation}:18:13: relations.part_of[0]: these relations make '2025-06-02-retaliation' part of itself: "
        f"{cycle}\n    hint: a relation records what a source says; remove the one no source supports"]


def test_a_chain_of_follow_ups_that_returns_to_its_start_is_refused(tiny_timeline):
    edit(tiny_timeline, "2024-03-border-clash", "status: reported", "status: reported\nrelations:\n"
         "  response_to: [2025-06-02-retaliation]")
    found = problems(tiny_timeline)
    cycle = [p for p in found if "before itself: '2024-03-border-clash' responds to '2025-06-02-retaliation'" in p]
    assert len(cycle) == 3  # each of the three links in the cycle, in its own file
    assert any(p.startswith(f"{EVENT}:37:13: relations.follows[0]:") for p in cycle)
    [dates] = [p for p in found if p not in cycle]  # and a response dated before what it answers
    assert "'2024-03-border-clash' (2024-03) ended before '2025-06-02-retaliation' (2025-06-02/2025-06-03)" in dates


def test_a_follow_up_dated_before_what_it_follows_is_refused(tiny_timeline):
    edit(tiny_timeline, "2025-06-01-air-raid", "date: 2025-06-01", "date: 2023-06-01")
    assert problems(tiny_timeline) == [
        f"{EVENT}:37:13: relations.follows[0]: '2025-06-01-air-raid' follows '2024-03-border-clash', "
        "but '2025-06-01-air-raid' (2023-06-01) ended before '2024-03-border-clash' (2024-03) began\n"
        "    hint: check both dates, or remove the relation if no source says so"]


@pytest.mark.parametrize("time", ["03:00+03:00", "07:27:01+03:00", "22:15Z", "23:59:59-05:00"])
def test_a_time_of_day_may_have_seconds(tiny_timeline, time):
    edit(tiny_timeline, "2025-06-01-air-raid", "date: 2025-06-01\n", f"date: 2025-06-01\ntime: {time}\n")
    assert load_timeline(tiny_timeline, "timeline").events["2025-06-01-air-raid"].time == time


@pytest.mark.parametrize("time, hint", [
    ("07:27", "add the UTC offset the source's clock was on, e.g. +03:00 for Kyiv in summer; write the local time"),
    ("7.27 am", "write the local time with its UTC offset, e.g. 03:00+03:00, 07:27:01+03:00 or 22:15Z"),
    ("25:00+03:00", "write the local time with its UTC offset, e.g. 03:00+03:00"),
])
def test_a_bad_time_gets_an_example_not_a_pattern(tiny_timeline, time, hint):
    edit(tiny_timeline, "2025-06-01-air-raid", "date: 2025-06-01\n", f"date: 2025-06-01\ntime: '{time}'\n")
    [problem] = problems(tiny_timeline)
    assert problem.startswith(f"{EVENT}:4:1: time: '{time}' is not a time of day with its UTC offset\n    hint: {hint}")
    assert "^" not in problem and "\\d" not in problem


def test_an_episode_ends_after_it_starts_or_on_a_later_day(tiny_timeline):
    edit(tiny_timeline, "2025-06-01-air-raid", "date: 2025-06-01\n",
         "date: 2025-06-01\ntime: 23:10+03:00\nend_time: 01:40+03:00\n")
    assert problems(tiny_timeline) == [
        f"{EVENT}:5:1: end_time: ends at 01:40+03:00, not after it starts at 23:10+03:00 on the same day\n"
        "    hint: if it ended the next day, write the date as an interval, e.g. 2025-06-05/2025-06-06"]
    edit(tiny_timeline, "2025-06-01-air-raid", "date: 2025-06-01\n", "date: 2025-06-01/2025-06-02\n")
    event = load_timeline(tiny_timeline, "timeline").events["2025-06-01-air-raid"]
    assert (event.time, event.end_time) == ("23:10+03:00", "01:40+03:00")


def test_an_end_time_needs_a_start_time(tiny_timeline):
    edit(tiny_timeline, "2025-06-01-air-raid", "date: 2025-06-01\n", "date: 2025-06-01\nend_time: 09:45+03:00\n")
    assert problems(tiny_timeline) == [
        f"{EVENT}:4:1: end_time: an end time needs a start time\n"
        "    hint: add `time:` for when it began, e.g. `time: 09:45+03:00`"]


def test_the_events_of_one_day_are_in_time_order_and_those_without_a_time_come_after(tiny_timeline):
    from chronicle.index import build_index

    source = (tiny_timeline / "events" / "2025-06-01-air-raid.yaml").read_text()
    for ident, time in [("2025-06-01-alert-b", "09:30:15+03:00"), ("2025-06-01-alert-a", "07:27:01+03:00"),
                        ("2025-06-01-alert-c", None)]:
        text = source.replace("id: 2025-06-01-air-raid", f"id: {ident}")
        if time:
            text = text.replace("date: 2025-06-01\n", f"date: 2025-06-01\ntime: {time}\n")
        write(tiny_timeline / "events" / f"{ident}.yaml", text)
    events = build_index(load_timeline(tiny_timeline, "timeline")).events
    order = [e.id for e in events if e.id.startswith("2025-06-01")]
    assert order == ["2025-06-01-alert-a", "2025-06-01-alert-b", "2025-06-01-air-raid", "2025-06-01-alert-c"]


def test_an_unknown_id_that_is_another_name_of_an_entry_names_its_id(tmp_path):
    import shutil

    from conftest import FIXTURES
    timeline = tmp_path / "timeline"
    shutil.copytree(FIXTURES / "realistic", timeline)
    path = next((timeline / "events").rglob("2025-07-04-drone-and-missile-attack-on-kyiv.yaml"))
    text = path.read_text(encoding="utf-8")
    assert "region: kyiv\n" in text
    path.write_text(text.replace("region: kyiv\n", "region: kiev\n", 1), encoding="utf-8")
    [found] = problems(timeline)
    assert "unknown region 'kiev'" in found
    assert "hint: 'kiev' is another name of 'kyiv': use its id" in found
