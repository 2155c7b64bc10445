"""`make new`: a new entry starts in the right place, with the right id, and validates once filled in."""

import re

import pytest

from chronicle.catalog import load_timeline
from chronicle.errors import TimelineError
from chronicle.models import ID_PATTERN, ActorRole, Claim, Event, Location, Relations, Source
from chronicle.scaffold import SLUG_MAX_LENGTH, ScaffoldError, create_event, slugify

# Values a contributor would write for each field left empty by the scaffold.
REQUIRED = {
    "summary": "Betaland launched drones at the capital, according to the Alphaland air force.",
    "status": "reported",
    "type": "strike",
    "title": "Wire report on the drone attack",
}
# Example ids in the scaffold's optional lines, swapped for ids of the fixture timeline.
FIXTURE_IDS = {
    "region: kyiv": "region: capital",
    "actor: russia": "actor: beta",
    "claimant: ukrainian-air-force": "claimant: alpha-air-force",
    "part_of: [2025-06-01-operation-spider-web]": "part_of: [2025-06-01-air-raid]",
}


def fill_required(text: str) -> str:
    """Write a value into every empty field marked (required), keeping the comment."""
    def fill(match: re.Match) -> str:
        return f"{match['indent']}{match['key']}: {REQUIRED[match['key']]}  #"
    return re.sub(r"(?m)^(?P<indent>[ -]*)(?P<key>\w+): +#(?= \(required\))", fill, text)


def uncomment_optional(text: str) -> str:
    """Use every optional line: after `id:`, delete the leading "# " as the header says."""
    head, _, rest = text.partition("\nid: ")
    rest = re.sub(r"(?m)^# ", "", rest)
    for example, fixture in FIXTURE_IDS.items():
        assert example in rest, example
        rest = rest.replace(example, fixture)
    return f"{head}\nid: {rest}"


def test_the_file_goes_to_the_year_folder_with_an_id_from_date_and_title(tiny_timeline):
    path = create_event(tiny_timeline, "Drone attack on the capital", "2025-06-07")
    assert path == tiny_timeline / "events" / "2025" / "2025-06-07-drone-attack-on-the-capital.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../../../schema/event.schema.json"
    assert "id: 2025-06-07-drone-attack-on-the-capital" in lines
    assert 'title: "Drone attack on the capital"' in lines
    assert "date: 2025-06-07" in lines


@pytest.mark.parametrize("date, expected_id, year_folder", [
    ("2025-06", "2025-06-talks-stall", "2025"),
    ("2014", "2014-talks-stall", "2014"),
    ("2025-06-05/2025-06-06", "2025-06-05-talks-stall", "2025"),
    ("2024-12-31/2025-01-02", "2024-12-31-talks-stall", "2024"),
    ("2025-06~", "2025-06-talks-stall", "2025"),
])
def test_the_id_is_no_more_precise_than_the_date(tiny_timeline, date, expected_id, year_folder):
    path = create_event(tiny_timeline, "Talks stall", date)
    assert path.relative_to(tiny_timeline).as_posix() == f"events/{year_folder}/{expected_id}.yaml"
    assert f"date: {date}" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("title, slug", [
    ("Масована атака дронів на Київ", "masovana-ataka-droniv-na-kiiv"),
    ("Удар по аэродрому «Оленья»", "udar-po-aerodromu-olenya"),
    ("Operation “Spider Web”: strikes on air bases", "operation-spider-web-strikes-on-air-bases"),
    ("Türkiye hosts talks in İstanbul", "turkiye-hosts-talks-in-istanbul"),
])
def test_titles_in_any_script_give_ascii_slugs(title, slug):
    assert slugify(title) == slug
    assert re.fullmatch(ID_PATTERN, slug)


def test_long_titles_are_cut_at_a_word_boundary():
    slug = slugify("Russia and Ukraine agree on a further exchange of prisoners of war after talks in Istanbul")
    assert slug == "russia-and-ukraine-agree-on-a-further-exchange-of-prisoners"
    assert len(slug) <= SLUG_MAX_LENGTH


def test_a_cyrillic_title_is_kept_as_written_in_the_title_field(tiny_timeline):
    title = 'Заява: "перемовини" тривають'
    path = create_event(tiny_timeline, title, "2025-06-03")
    assert path.name == "2025-06-03-zayava-peremovini-trivayut.yaml"
    path.write_text(fill_required(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert load_timeline(tiny_timeline).events[path.stem].title == title


def test_the_filled_in_scaffold_passes_the_check(tiny_timeline):
    path = create_event(tiny_timeline, "Drone attack on the capital", "2025-06-07")
    path.write_text(fill_required(path.read_text(encoding="utf-8")), encoding="utf-8")
    event = load_timeline(tiny_timeline).events["2025-06-07-drone-attack-on-the-capital"]
    assert (event.status, event.type, event.sources[0].title) == ("reported", "strike", REQUIRED["title"])


def test_every_optional_line_is_valid_once_uncommented(tiny_timeline):
    path = create_event(tiny_timeline, "Drone attack on the capital", "2025-06-07")
    path.write_text(uncomment_optional(fill_required(path.read_text(encoding="utf-8"))), encoding="utf-8")
    (tiny_timeline / "series.yaml").write_text(
        "series:\n  - id: general-staff-daily-losses\n    label: Daily figures\n    measure: drones_launched\n"
        "    claimant: alpha-air-force\n", encoding="utf-8")
    event = load_timeline(tiny_timeline).events["2025-06-07-drone-attack-on-the-capital"]
    assert event.series == "general-staff-daily-losses"
    assert event.locations[0].region == "capital"
    assert event.claims[0].claimant == "alpha-air-force"
    assert event.sources[0].archive_url.startswith("https://web.archive.org/")
    assert event.relations.part_of == ["2025-06-01-air-raid"]


def test_the_scaffold_names_every_field_of_the_model(tiny_timeline):
    text = create_event(tiny_timeline, "Drone attack", "2025-06-07").read_text(encoding="utf-8")
    keys = set(re.findall(r"(?m)^[#\s-]*(\w+):", text.partition("\nid: ")[2])) | {"id"}
    for model in (Event, Source, Claim, Location, ActorRole, Relations):
        missing = set(model.model_fields) - keys
        assert not missing, f"{model.__name__} fields missing from the scaffold: {missing}"


def test_the_unfilled_scaffold_names_each_field_still_to_fill(tiny_timeline):
    path = create_event(tiny_timeline, "Drone attack", "2025-06-07")
    with pytest.raises(TimelineError) as error:
        load_timeline(tiny_timeline, "timeline")
    shown = "timeline/events/2025/2025-06-07-drone-attack.yaml"
    assert [str(p) for p in error.value.problems] == [
        f"{shown}:13:1: summary: has no value\n"
        "    hint: write the value after `summary:`; see CONTRIBUTING.md for the field's form",
        f"{shown}:16:1: status: has no value\n    hint: use one of: confirmed, reported, disputed",
        f"{shown}:17:1: type: has no value\n    hint: use one of: strike, air-defence, covert-operation, "
        "ground-operation, invasion, annexation, occupation, prisoner-exchange, negotiation, statement, "
        "security-incident, disruption, assessment, alert, tally, other",
        f"{shown}:39:5: sources[0].title: has no value\n"
        "    hint: write the value after `title:`; see CONTRIBUTING.md for the field's form",
    ]
    assert path.read_text(encoding="utf-8").splitlines()[12].startswith("summary:")


def test_an_existing_entry_is_never_overwritten(tiny_timeline):
    path = create_event(tiny_timeline, "Drone attack", "2025-06-07")
    path.write_text("edited by hand\n", encoding="utf-8")
    with pytest.raises(ScaffoldError) as error:
        create_event(tiny_timeline, "Drone attack", "2025-06-07")
    assert error.value.report() == (
        f"id: an entry with id '2025-06-07-drone-attack' already exists: {path.as_posix()}\n"
        "    hint: edit that file, or choose a different title or date")
    assert path.read_text(encoding="utf-8") == "edited by hand\n"


def test_an_entry_with_the_same_id_in_another_folder_counts_as_existing(tiny_timeline):
    with pytest.raises(ScaffoldError, match="already exists: .*/events/2025-06-01-air-raid.yaml"):
        create_event(tiny_timeline, "Air raid", "2025-06-01")
    assert not (tiny_timeline / "events" / "2025").exists()


@pytest.mark.parametrize("date", ["2025-02-30", "2025-13", "06/01/2025", "2025-06-06/2025-06-05"])
def test_an_invalid_date_gives_the_same_message_as_the_check(tiny_timeline, date):
    with pytest.raises(ScaffoldError) as refused:
        create_event(tiny_timeline, "Drone attack", date)
    event = tiny_timeline / "events" / "2025-06-01-air-raid.yaml"
    event.write_text(event.read_text().replace("date: 2025-06-01", f"date: {date}"))
    with pytest.raises(TimelineError) as checked:
        load_timeline(tiny_timeline, "timeline")
    [problem] = checked.value.problems
    assert str(problem) == f"timeline/events/2025-06-01-air-raid.yaml:3:1: {refused.value.report()}"
    assert not (tiny_timeline / "events" / "2025").exists()


def test_an_invalid_date_names_the_accepted_forms():
    with pytest.raises(ScaffoldError) as error:
        create_event("unused", "Drone attack", "1 June 2025")
    assert error.value.report() == (
        "date: '1 June 2025' is not a date\n"
        "    hint: use YYYY-MM-DD, YYYY-MM or YYYY, optionally ending in ~ (approximate) or ? (uncertain), "
        "or an interval START/END such as 2025-06-05/2025-06-06")


@pytest.mark.parametrize("title, message", [
    ("", "title: must not be empty"),
    ("   ", "title: must not be empty"),
    ("!!!", "title: '!!!' has no letters or digits to make an id from"),
])
def test_a_title_without_words_is_refused(tiny_timeline, title, message):
    with pytest.raises(ScaffoldError) as error:
        create_event(tiny_timeline, title, "2025-06-07")
    assert error.value.report().splitlines()[0] == message
