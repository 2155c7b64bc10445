"""Generate a large, valid synthetic ``timeline/`` folder for the benchmark, in one of two workloads.

``news`` (the default) is shaped like the hand-written entries, so that every
code path is loaded: the registries are the repository's own (with extra
oblasts, cities and bodies appended, as a growing timeline would have), dates
spread over 2014–2026 with day, month and year precision, qualifiers and
intervals, claims with conflicting claimants and denials, relations to earlier
events (storylines, follow-ups, responses) and 1–3 sources with https URLs.

``tallies`` is shaped like the public datasets a timeline also takes in, where
routine figures outnumber news. Of N events, about 15 % are a claimant's daily
running totals of losses over two years (one ``tally`` a day, one claim per
cumulative measure with the level and its signed change since the day before,
now and then revised down); one a month is an independent counter's minimum of
some of the same losses (``bound: lower``, 30–40 % of the claimed totals, so
consistent with them); about 65 % are air-raid alerts per oblast from two
monitors: ``alert`` episodes with start and end times (to the second for one
monitor, across midnight as an interval date), several per oblast and day, and
per oblast and day a ``tally`` of both monitors' figures side by side, which
differ the way counting methods do, except for a few pairs (about 1 in 200)
that cannot both be true; the remaining fifth are ``news`` entries. The
measures, actors and series (``series.yaml``) these need are added to the
registries. No entry or source is dated after :data:`TALLY_END`, and no source
before the start of its event.

Every entry says it is synthetic; none of it is a statement about real events.
The same seed and workload always give the same files.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import math
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

HOOKS = Path(__file__).resolve().parent.parent / "hooks"
if str(HOOKS) not in sys.path:
    sys.path.insert(0, str(HOOKS))  # `make bench` runs from the repository root, where the core is not importable
from chronicle.catalog import REGISTRIES  # noqa: E402

# Extra registry entries: (id, name, kind, parent). No ISO codes: they are optional,
# and a benchmark has no business guessing them.
EXTRA_OBLASTS = [
    ("kharkiv-oblast", "Kharkiv Oblast"), ("donetsk-oblast", "Donetsk Oblast"),
    ("luhansk-oblast", "Luhansk Oblast"), ("zaporizhzhia-oblast", "Zaporizhzhia Oblast"),
    ("kherson-oblast", "Kherson Oblast"), ("mykolaiv-oblast", "Mykolaiv Oblast"),
    ("odesa-oblast", "Odesa Oblast"), ("dnipropetrovsk-oblast", "Dnipropetrovsk Oblast"),
    ("zhytomyr-oblast", "Zhytomyr Oblast"), ("vinnytsia-oblast", "Vinnytsia Oblast"),
    ("rivne-oblast", "Rivne Oblast"), ("ivano-frankivsk-oblast", "Ivano-Frankivsk Oblast"),
    ("zakarpattia-oblast", "Zakarpattia Oblast"), ("chernivtsi-oblast", "Chernivtsi Oblast"),
    ("kirovohrad-oblast", "Kirovohrad Oblast"),
]
EXTRA_SUBJECTS = [
    ("belgorod-oblast", "Belgorod Oblast", "RU-BEL"), ("kursk-oblast", "Kursk Oblast", "RU-KRS"),
    ("bryansk-oblast", "Bryansk Oblast", "RU-BRY"), ("rostov-oblast", "Rostov Oblast", "RU-ROS"),
    ("krasnodar-krai", "Krasnodar Krai", "RU-KDA"), ("voronezh-oblast", "Voronezh Oblast", "RU-VOR"),
]
EXTRA_CITIES = [  # with the point maps draw them at
    ("kharkiv-city", "Kharkiv", "kharkiv-oblast", 49.99, 36.23), ("odesa-city", "Odesa", "odesa-oblast", 46.48, 30.73),
    ("dnipro-city", "Dnipro", "dnipropetrovsk-oblast", 48.46, 35.05),
    ("zaporizhzhia-city", "Zaporizhzhia", "zaporizhzhia-oblast", 47.84, 35.14),
    ("mykolaiv-city", "Mykolaiv", "mykolaiv-oblast", 46.97, 32.0),
    ("kherson-city", "Kherson", "kherson-oblast", 46.64, 32.62), ("lviv-city", "Lviv", "lviv-oblast", 49.84, 24.03),
    ("sumy-city", "Sumy", "sumy-oblast", 50.91, 34.8), ("belgorod-city", "Belgorod", "belgorod-oblast", 50.6, 36.59),
    ("kursk-city", "Kursk", "kursk-oblast", 51.73, 36.19),
]
EXTRA_ACTORS = [
    ("ukrainian-navy", "Ukrainian Navy", "armed-forces", "ukrainian-armed-forces", "ukraine"),
    ("general-staff-of-ukraine", "General Staff of the Armed Forces of Ukraine", "armed-forces",
     "ukrainian-armed-forces", "ukraine"),
    ("security-service-of-ukraine", "Security Service of Ukraine", "government-body", "ukraine", "ukraine"),
    ("black-sea-fleet", "Black Sea Fleet", "armed-forces", "russian-armed-forces", "russia"),
    ("russian-foreign-ministry", "Russian Ministry of Foreign Affairs", "government-body",
     "russian-government", "russia"),
    ("ukrainian-foreign-ministry", "Ministry of Foreign Affairs of Ukraine", "government-body", "ukraine", "ukraine"),
    ("iaea", "International Atomic Energy Agency", "organisation", None, None),
    ("united-nations", "United Nations", "organisation", None, None),
    ("icrc", "International Committee of the Red Cross", "organisation", None, None),
    ("european-union", "European Union", "organisation", None, None),
    ("nato", "NATO", "organisation", None, None),
    ("turkish-foreign-ministry", "Ministry of Foreign Affairs of Türkiye", "government-body", "turkey", "turkey"),
]

TAGS = ["air-strikes", "drones", "missiles", "air-defence", "casualties", "energy", "infrastructure",
        "diplomacy", "prisoners", "sanctions", "front-line", "shelling", "civilians", "nuclear-safety",
        "black-sea", "grain", "cross-border", "sabotage", "evacuation", "humanitarian", "air-bases",
        "railways", "ports", "occupation"]
TYPES = {  # event type -> (title phrase, measures that fit it)
    "strike": ("Reported strike", ["drones_launched", "missiles_launched", "killed", "injured", "sites_hit",
                                   "damage_reported", "regions_affected"]),
    "air-defence": ("Reported air-defence engagement", ["drones_neutralised", "missiles_neutralised",
                                                        "sites_damaged_by_debris", "airports_closed"]),
    "ground-operation": ("Reported ground fighting", ["killed", "injured", "territory_occupied"]),
    "prisoner-exchange": ("Reported prisoner exchange", ["prisoners_exchanged", "prisoners_to_be_exchanged"]),
    "negotiation": ("Reported talks", ["stated_position", "prisoners_to_be_exchanged"]),
    "statement": ("Statement", ["stated_position", "stated_aim"]),
    "security-incident": ("Reported security incident", ["individuals_neutralised", "damage_reported"]),
    "disruption": ("Reported disruption", ["airports_closed", "damage_reported"]),
    "assessment": ("Assessment", ["territory_occupied", "aircraft_destroyed", "stated_position"]),
    "covert-operation": ("Reported covert operation", ["aircraft_hit", "aircraft_destroyed", "air_bases_struck"]),
}
TEXT_CLAIMS = {
    "asserts": ["Described the action as a response to earlier attacks.",
                "Said the situation remained under control.",
                "Said talks would continue at a later date."],
    "denies": ["Denied the reported losses.", "Denied any involvement.", "Said the figures were exaggerated."],
}
PUBLISHERS = ["Wire service", "Public broadcaster", "Regional newspaper", "Official channel", "News agency"]
SENTENCES = [
    "Officials cited in the report gave no further detail.",
    "Accounts of the damage differ between the sides.",
    "The figures could not be independently verified.",
    "Local authorities reported disruption to power and water supplies.",
    "Air-raid alerts were reported in several regions during the night.",
    "Both sides described the events in different terms.",
    "The report attributes each figure to the side that stated it.",
    "Emergency services said work at the site continued into the next day.",
]


WORKLOADS = ("news", "tallies")
"""The shapes of data :func:`generate` writes; ``news`` is the default."""

# ---------------------------------------------------------------- the tallies workload

TALLY_END = datetime.date(2026, 11, 30)
"""The last day an entry or a source of the tallies workload is dated."""
LOSSES_SINCE = datetime.date(2022, 2, 24)
NEWS_SHARE = 0.2
DAILY_SHARE = 0.146
"""Share of the daily running totals: two years of them at 5,000 events."""
CLAIMANT = "general-staff-of-ukraine"
COUNTER = "independent-loss-count"
MONITORS = ("alert-monitor-a", "alert-monitor-b")
TALLY_ACTORS = [  # (id, name, description)
    (COUNTER, "Independent loss count (synthetic)",
     "Synthetic counter of losses confirmed one by one from published imagery, for build benchmarks."),
    (MONITORS[0], "Air-raid alert monitor A (synthetic)",
     "Synthetic monitor logging air-raid alerts per district, to the second, for build benchmarks."),
    (MONITORS[1], "Air-raid alert monitor B (synthetic)",
     "Synthetic monitor logging air-raid alerts per oblast, to the minute, for build benchmarks."),
]
LOSSES = [  # (measure id, label, mean daily increase, also in the independent count)
    ("russian_personnel_losses_cumulative", "Russian personnel losses", 1000.0, False),
    ("russian_tanks_lost_cumulative", "Russian tanks lost", 3.0, True),
    ("russian_armoured_vehicles_lost_cumulative", "Russian armoured combat vehicles lost", 6.0, True),
    ("russian_artillery_systems_lost_cumulative", "Russian artillery systems lost", 25.0, True),
    ("russian_rocket_launchers_lost_cumulative", "Russian multiple rocket launchers lost", 0.8, False),
    ("russian_air_defence_systems_lost_cumulative", "Russian air-defence systems lost", 0.5, False),
    ("russian_aircraft_lost_cumulative", "Russian aircraft lost", 0.03, True),
    ("russian_helicopters_lost_cumulative", "Russian helicopters lost", 0.02, True),
    ("russian_drones_lost_cumulative", "Russian operational-tactical drones lost", 90.0, False),
    ("russian_cruise_missiles_lost_cumulative", "Russian cruise missiles lost", 1.2, False),
    ("russian_warships_lost_cumulative", "Russian warships and boats lost", 0.02, False),
    ("russian_submarines_lost_cumulative", "Russian submarines lost", 0.001, False),
    ("russian_vehicles_lost_cumulative", "Russian vehicles and fuel tanks lost", 60.0, False),
    ("russian_special_equipment_lost_cumulative", "Russian special equipment lost", 2.0, False),
]
ALERTS, ALERT_HOURS = "alerts", "alert_duration_hours"
ALERT_OBLASTS = {  # oblast -> mean alert episodes a day
    "kharkiv-oblast": 3.0, "sumy-oblast": 2.5, "donetsk-oblast": 2.0, "zaporizhzhia-oblast": 2.0,
    "dnipropetrovsk-oblast": 1.6, "kyiv-oblast": 1.2,
}
ALERT_END = TALLY_END - datetime.timedelta(days=1)
"""The last day an alert starts, so that one crossing midnight still ends by :data:`TALLY_END`."""
CONTRADICTION_RATE = 1 / 200
"""Share of oblast-days on which the monitors' counts of alerts cannot both be true."""
DAILY_SERIES, COUNT_SERIES, FIGURES_SERIES = (
    "synthetic-general-staff-daily-losses", "synthetic-independent-loss-count", "synthetic-alert-daily-figures")
EPISODE_SERIES = {MONITORS[0]: "synthetic-alerts-monitor-a", MONITORS[1]: "synthetic-alerts-monitor-b"}
TALLY_SERIES = [
    {"id": DAILY_SERIES, "label": "General Staff daily loss figures (synthetic)",
     "description": "Synthetic daily running totals of claimed losses, for build benchmarks.",
     "measure": LOSSES[0][0], "claimant": CLAIMANT},
    {"id": COUNT_SERIES, "label": "Independent monthly loss count (synthetic)",
     "description": "Synthetic monthly minimum of confirmed losses, for build benchmarks.",
     "measure": LOSSES[1][0], "claimant": COUNTER},
    {"id": EPISODE_SERIES[MONITORS[0]], "label": "Air-raid alerts logged by monitor A (synthetic)",
     "description": "Synthetic air-raid alert episodes per oblast, for build benchmarks.",
     "measure": ALERT_HOURS, "claimant": MONITORS[0]},
    {"id": EPISODE_SERIES[MONITORS[1]], "label": "Air-raid alerts logged by monitor B (synthetic)",
     "description": "Synthetic air-raid alert episodes per oblast, for build benchmarks.",
     "measure": ALERT_HOURS, "claimant": MONITORS[1]},
    {"id": FIGURES_SERIES, "label": "Daily air-raid alert figures per oblast (synthetic)",
     "description": "Synthetic daily figures of both monitors side by side, for build benchmarks.",
     "measure": ALERTS, "claimant": MONITORS[0]},
]


@dataclass
class Registries:
    """Ids available to synthetic events, read from the generated registry files."""

    actors: list[str]
    regions: dict[str, str]
    """Region id -> name."""
    measures: dict[str, str]
    """Measure id -> unit (``count``, ``percent``, ``years`` or ``text``)."""


def write_registries(source: Path, target: Path, workload: str = "news") -> Registries:
    """Copy the repository's registries into ``target`` and append the extra entries the workload needs.

    Optional registries the repository does not have (``series.yaml``) are left out, unless the workload
    writes entries into them.
    """
    if workload not in WORKLOADS:
        raise ValueError(f"unknown workload {workload!r}; choose one of {', '.join(WORKLOADS)}")
    target.mkdir(parents=True, exist_ok=True)
    for name in REGISTRIES:
        if (source / f"{name}.yaml").is_file():
            shutil.copyfile(source / f"{name}.yaml", target / f"{name}.yaml")
    written = yaml.safe_load((target / "regions.yaml").read_text(encoding="utf-8"))["regions"]
    known = {region["id"] for region in written}
    regions = [{"id": i, "name": n, "kind": "oblast", "parent": "ukraine", "map": "parent"}
               for i, n in EXTRA_OBLASTS if i not in known]
    regions += [{"id": i, "name": n, "kind": "federal-subject", "parent": "russia", "iso_code": code}
                for i, n, code in EXTRA_SUBJECTS if i not in known]
    regions += [{"id": i, "name": n, "kind": "city", "parent": parent, "lat": lat, "lon": lon}
                for i, n, parent, lat, lon in EXTRA_CITIES]
    _append(target / "regions.yaml", regions)
    actors = [_without_none({"id": i, "name": n, "kind": k, "parent": p, "country": c})
              for i, n, k, p, c in EXTRA_ACTORS]
    actors += [{"id": f"{i.removesuffix('-oblast')}-regional-administration",
                "name": f"{n} Regional Military Administration", "kind": "government-body",
                "parent": "ukraine", "country": "ukraine"} for i, n in EXTRA_OBLASTS]
    if workload == "tallies":
        actors += [{"id": i, "name": n, "kind": "organisation", "description": d} for i, n, d in TALLY_ACTORS]
        _append(target / "measures.yaml", _tally_measures())
        _append(target / "series.yaml", TALLY_SERIES)
    _append(target / "actors.yaml", actors)

    def ids_and(field: str, name: str) -> dict[str, str]:
        items = yaml.safe_load((target / name).read_text(encoding="utf-8"))[name.removesuffix(".yaml")]
        return {item["id"]: item.get(field) for item in items}

    return Registries(actors=list(ids_and("kind", "actors.yaml")), regions=ids_and("name", "regions.yaml"),
                      measures={m: unit or "count" for m, unit in ids_and("unit", "measures.yaml").items()})


def _without_none(item: dict) -> dict:
    return {k: v for k, v in item.items() if v is not None}


def _append(path: Path, items: list[dict]) -> None:
    """Append list items to a registry file written as ``name:`` followed by ``  - ...`` items.

    A missing file is started with its schema line and its ``name:`` key.
    """
    if not path.is_file():
        path.write_text(f"# yaml-language-server: $schema=../schema/{path.stem}.schema.json\n{path.stem}:\n",
                        encoding="utf-8")
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n  # Added by the benchmark's generator\n"
    for item in items:
        lines = _dump(item).splitlines()
        text += "  - " + lines[0] + "\n" + "".join(f"    {line}\n" for line in lines[1:])
    path.write_text(text, encoding="utf-8")


class _EntryDumper(yaml.SafeDumper):
    """Writes multi-line text as ``|`` blocks and keeps keys in the given order, like a contributor would."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_EntryDumper.add_representer(str, _represent_text)


def _dump(data: dict) -> str:
    return yaml.dump(data, Dumper=_EntryDumper, sort_keys=False, allow_unicode=True, width=100)


def write_events(folder: Path, count: int, registries: Registries, seed: int = 2025, first: int = 1) -> list[Path]:
    """Write ``count`` synthetic news entries under ``folder/<year>/``, numbered from ``first``; return their paths."""
    rng = random.Random(seed)
    starts = sorted(_random_day(rng) for _ in range(count))
    written: list[Path] = []
    earlier: list[str] = []
    storylines: list[str] = []
    for number, start in enumerate(starts, first):
        event = _event(rng, number, start, registries, earlier, storylines)
        written.append(_write(folder, event))
        earlier.append(event["id"])
        if rng.random() < 0.04:
            storylines.append(event["id"])
    return written


def _write(folder: Path, event: dict) -> Path:
    path = folder / event["date"][:4] / f"{event['id']}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# yaml-language-server: $schema=../../../schema/event.schema.json\n" + _dump(event),
                    encoding="utf-8")
    return path


def generate(source_timeline: Path, target: Path, count: int, seed: int = 2025, workload: str = "news") -> list[Path]:
    """Write a complete timeline folder with ``count`` events of ``workload`` (one of :data:`WORKLOADS`)."""
    registries = write_registries(source_timeline, target, workload)
    if workload == "tallies":
        return write_tallies(target / "events", count, registries, seed)
    return write_events(target / "events", count, registries, seed)


def _random_day(rng: random.Random) -> tuple[int, int, int]:
    # Most entries fall after the full-scale invasion, as in any chronicle of the war.
    year = rng.choice(range(2014, 2022)) if rng.random() < 0.15 else rng.choice(range(2022, 2027))
    month = rng.randint(1, 11 if year == 2026 else 12)
    return year, month, rng.randint(1, calendar.monthrange(year, month)[1])


def _date(rng: random.Random, start: tuple[int, int, int]) -> str:
    year, month, day = start
    roll = rng.random()
    qualifier = rng.choice("~?") if rng.random() < 0.05 else ""
    if roll < 0.62:
        return f"{year:04d}-{month:02d}-{day:02d}{qualifier}"
    if roll < 0.82:
        return f"{year:04d}-{month:02d}{qualifier}"
    if roll < 0.88:
        return f"{year:04d}{qualifier}"
    if roll < 0.96:  # a night or a few days
        last = calendar.monthrange(year, month)[1]
        end = min(day + rng.randint(1, 4), last)
        if end == day:
            return f"{year:04d}-{month:02d}-{day:02d}"
        return f"{year:04d}-{month:02d}-{day:02d}/{year:04d}-{month:02d}-{end:02d}"
    end_month = min(month + rng.randint(1, 5), 11 if year == 2026 else 12)  # a campaign over months, none ending later
    if end_month == month:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}/{year:04d}-{end_month:02d}"


def _event(rng: random.Random, number: int, start: tuple[int, int, int], registries: Registries,
           earlier: list[str], storylines: list[str]) -> dict:
    kind = rng.choice(list(TYPES))
    phrase, measures = TYPES[kind]
    places = rng.sample(list(registries.regions), rng.choice([0, 1, 1, 1, 2, 2, 3]))
    year, month, day = start
    event_id = f"{year:04d}-{month:02d}-{day:02d}-synthetic-{kind}-{number:05d}"
    where = f" in {registries.regions[places[0]]}" if places else ""
    sources = [{"id": f"source-{n}", "title": f"Synthetic report {number}-{n}",
                "publisher": rng.choice(PUBLISHERS),
                "url": f"https://news.example.org/{year}/{month:02d}/synthetic-{number}-{n}",
                "date": f"{year:04d}-{month:02d}"} for n in range(1, rng.choice([1, 1, 2, 2, 3]) + 1)]
    source_ids = [s["id"] for s in sources]
    actors = rng.sample(registries.actors, rng.randint(1, 4))
    roles = ["perpetrator", "target", "party", "claimant", "responder", "commentator", "affected"]
    event: dict = {
        "id": event_id,
        "title": f"{phrase}{where} (synthetic entry {number})",
        "date": _date(rng, start),
        "summary": f"Synthetic entry {number} for build benchmarks. {rng.choice(SENTENCES)}",
        "status": _status(rng.choice(["confirmed", "reported", "reported", "disputed"]), sources),
        "type": kind,
    }
    if rng.random() < 0.6:
        event["body"] = "\n\n".join(
            " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 5))) for _ in range(rng.randint(1, 4)))
    if places:
        event["locations"] = [_without_none({"region": r, "place": "Reported site" if rng.random() < 0.2 else None})
                              for r in places]
    event["actors"] = [{"actor": a, "role": rng.choice(roles)} for a in actors]
    claims = _claims(rng, measures, registries, actors, source_ids)
    if claims:
        event["claims"] = claims
    event["sources"] = sources
    relations = _relations(rng, earlier, storylines)
    if relations:
        event["relations"] = relations
    event["tags"] = rng.sample(TAGS, rng.randint(0, 4))
    if not event["tags"]:
        del event["tags"]
    return event


def _status(wanted: str, sources: list[dict]) -> str:
    """``confirmed`` needs sources from two publishers; with fewer, the entry is ``reported``."""
    return "reported" if wanted == "confirmed" and len({s["publisher"] for s in sources}) < 2 else wanted


def _claims(rng: random.Random, measures: list[str], registries: Registries, actors: list[str],
            source_ids: list[str]) -> list[dict]:
    claims: list[dict] = []
    for _ in range(rng.choice([0, 0, 1, 1, 2, 2, 3, 4])):
        measure = rng.choice([m for m in measures if m in registries.measures] or list(registries.measures))
        claimant = rng.choice(actors)
        claims.append(_claim(rng, measure, registries.measures[measure], claimant, "asserts", source_ids))
        if rng.random() < 0.2 and len(claims) < 4:  # a second side disputes the figure
            other = rng.choice([a for a in registries.actors if a != claimant])
            stance = "denies" if rng.random() < 0.4 else rng.choice(["asserts", "estimates"])
            claims.append(_claim(rng, measure, registries.measures[measure], other, stance, source_ids))
        if len(claims) >= 4:
            break
    return claims


def _claim(rng: random.Random, measure: str, unit: str, claimant: str, stance: str,
           source_ids: list[str]) -> dict:
    claim: dict = {"measure": measure}
    if unit == "text" or stance == "denies":
        claim["text"] = rng.choice(TEXT_CLAIMS["denies" if stance == "denies" else "asserts"])
    else:
        low = rng.randint(1, 100 if unit == "percent" else 500)
        high = min(low + rng.randint(1, 50), 100 if unit == "percent" else 550)  # a percentage stops at 100
        claim["value"] = rng.choice([f"{low}", f"~{low}", f">={low}", f">{low}",
                                     f"{low}-{high}" if high > low else f"{low}"])
    claim["claimant"] = claimant
    claim["stance"] = stance
    claim["sources"] = rng.sample(source_ids, rng.randint(1, len(source_ids)))
    return claim


def _relations(rng: random.Random, earlier: list[str], storylines: list[str]) -> dict:
    relations: dict[str, list[str]] = {}
    if storylines and rng.random() < 0.15:
        relations["part_of"] = [rng.choice(storylines)]
    recent = earlier[-50:]
    for name, chance in (("follows", 0.1), ("response_to", 0.08), ("related", 0.1)):
        if recent and rng.random() < chance:
            relations[name] = sorted(set(rng.sample(recent, min(len(recent), rng.randint(1, 2)))))
    return relations


# ---------------------------------------------------------------- the tallies workload


def _tally_measures() -> list[dict]:
    """The cumulative loss measures and the per-day alert measures of the tallies workload."""
    measures = [{"id": measure, "label": f"{label}, running total (synthetic)",
                 "description": f"Synthetic measure for build benchmarks: {label} since 24 February 2022, "
                                "as counted by the claimant.",
                 "subject": "russian-armed-forces", "unit": "count", "counting": "cumulative",
                 "since": LOSSES_SINCE.isoformat()} for measure, label, _, _ in LOSSES]
    measures.append({"id": ALERTS, "label": "Air-raid alerts in a day (synthetic)",
                     "description": "Synthetic measure for build benchmarks: air-raid alerts declared in one region "
                                    "during one day, as counted by the monitor (per district or per oblast).",
                     "unit": "count", "counting": "per_period", "period": "day"})
    measures.append({"id": ALERT_HOURS, "label": "Hours under air-raid alert in a day (synthetic)",
                     "description": "Synthetic measure for build benchmarks: time one region spent under air-raid "
                                    "alert during one day, as counted by the monitor.",
                     "unit": "hours", "counting": "per_period", "period": "day"})
    return measures


def write_tallies(folder: Path, count: int, registries: Registries, seed: int = 2025) -> list[Path]:
    """Write ``count`` entries of the tallies workload under ``folder/<year>/``; return their paths."""
    if count < 30:
        raise ValueError("the tallies workload needs at least 30 events, three for each series")
    rng = random.Random(f"tallies-{seed}")
    daily = max(3, round(count * DAILY_SHARE))
    monthly = max(3, round(daily / 30.4))
    levels, changes = _losses(rng, daily)
    events: list[dict] = []
    last = (TALLY_END - LOSSES_SINCE).days
    for day in range(last - daily + 1, last + 1):
        events.append(_daily_total(len(events) + 1, day, levels, changes))
    events.extend(_independent_count(rng, len(events) + 1, _month_ends(TALLY_END, monthly), levels))
    budget = count - round(count * NEWS_SHARE) - len(events)
    events.extend(_alerts(rng, len(events) + 1, budget, registries))
    written = [_write(folder, event) for event in events]
    return written + write_events(folder, count - len(events), registries, seed, first=len(events) + 1)


def _poisson(rng: random.Random, rate: float) -> int:
    """A count with mean ``rate``: Poisson for small rates, a wider normal spread for large ones."""
    if rate >= 30:
        return max(0, round(rng.gauss(rate, rate / 4)))
    limit, found, product = math.exp(-rate), 0, rng.random()
    while product > limit:
        found += 1
        product *= rng.random()
    return found


def _signed(number: int) -> str:
    return f"{number:+d}"


def _losses(rng: random.Random, window: int) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """Level and daily change of every loss measure for each day from :data:`LOSSES_SINCE` to :data:`TALLY_END`.

    The mean daily increase (:data:`LOSSES`) is reached after the first thousand days. About one day in
    forty revises one total down; the last ``window`` days have at least one such revision.
    """
    days = (TALLY_END - LOSSES_SINCE).days + 1
    pace = [(0.3 + 0.7 * min(1.0, day / 1000)) * (1 + 0.25 * math.sin(2 * math.pi * day / 365.25))
            for day in range(days)]  # slower in the first years, and with the seasons
    changes = {measure: [_poisson(rng, rate * pace[day]) for day in range(days)] for measure, _, rate, _ in LOSSES}
    for day in range(1, days):
        revisable = [(measure, rate) for measure, _, rate, _ in LOSSES if rate * day >= 100]
        if revisable and rng.random() < 1 / 40:
            measure, rate = rng.choice(revisable)
            changes[measure][day] = -max(1, round(rate * rng.uniform(0.02, 0.3)))
    if not any(change < 0 for series in changes.values() for change in series[days - window:]):
        changes[LOSSES[0][0]][days - 1 - window // 2] = -25
    levels = {measure: [0] * days for measure in changes}
    for measure, series in changes.items():
        total = 0
        for day, change in enumerate(series):
            total += change
            levels[measure][day] = total
    return levels, changes


def _daily_total(number: int, day: int, levels: dict[str, list[int]], changes: dict[str, list[int]]) -> dict:
    """The claimant's running totals on day ``day`` after :data:`LOSSES_SINCE`: one claim per loss measure."""
    date = (LOSSES_SINCE + datetime.timedelta(days=day)).isoformat()
    claims = []
    for measure, _, _, _ in LOSSES:
        change = changes[measure][day]
        claim = {"measure": measure, "value": str(levels[measure][day]), "change": _signed(change),
                 "claimant": CLAIMANT, "stance": "asserts", "sources": ["report"]}
        if change < 0:
            claim["note"] = f"Synthetic revision: the claimant lowered its total by {-change} after rechecking."
        claims.append(claim)
    return {
        "id": f"{date}-synthetic-daily-losses-{number:05d}",
        "title": f"Daily loss figures claimed by the General Staff (synthetic entry {number})",
        "date": date,
        "series": DAILY_SERIES,
        "summary": f"Synthetic entry {number} for build benchmarks: claimed running totals of losses, "
                   "each with its change since the day before.",
        "status": "reported",
        "type": "tally",
        "actors": [{"actor": CLAIMANT, "role": "claimant"}, {"actor": "russian-armed-forces", "role": "affected"}],
        "claims": claims,
        "sources": [{"id": "report", "title": f"Synthetic daily loss report {number}", "publisher": "Official channel",
                     "url": f"https://news.example.org/tallies/daily-losses/{date}", "date": date}],
        "tags": ["casualties"],
    }


def _month_ends(last: datetime.date, count: int) -> list[datetime.date]:
    """The last ``count`` month ends on or before ``last``, oldest first."""
    end = last if (last + datetime.timedelta(days=1)).day == 1 else last.replace(day=1) - datetime.timedelta(days=1)
    ends = []
    while len(ends) < count:
        ends.append(end)
        end = end.replace(day=1) - datetime.timedelta(days=1)
    return ends[::-1]


def _independent_count(rng: random.Random, first: int, ends: list[datetime.date],
                       levels: dict[str, list[int]]) -> list[dict]:
    """The independent counter's monthly minimum of some losses: 30–40 % of the claimed totals, never falling.

    No change is given: one over a month is not comparable with the claimant's change over a day.
    """
    counted = [measure for measure, _, _, counts in LOSSES if counts]
    shares = {measure: rng.uniform(0.31, 0.36) for measure in counted}
    previous: dict[str, int] = {}
    events = []
    for number, end in enumerate(ends, first):
        day = (end - LOSSES_SINCE).days
        claims = []
        for measure in counted:
            shares[measure] = min(0.4, max(0.3, shares[measure] + rng.gauss(0, 0.004)))
            level = levels[measure][day]
            value = min(max(int(level * shares[measure]), previous.get(measure, 0)), int(level * 0.4))
            previous[measure] = value
            claims.append({"measure": measure, "value": str(value), "claimant": COUNTER, "stance": "asserts",
                           "bound": "lower", "sources": ["count"],
                           "note": "Synthetic minimum: only losses confirmed one by one from published imagery count."})
        date = end.isoformat()
        events.append({
            "id": f"{date}-synthetic-loss-count-{number:05d}",
            "title": f"Monthly count of confirmed losses (synthetic entry {number})",
            "date": date,
            "series": COUNT_SERIES,
            "summary": f"Synthetic entry {number} for build benchmarks: a minimum of losses, each confirmed "
                       "from published imagery, as of the end of the month.",
            "status": "reported",
            "type": "tally",
            "actors": [{"actor": COUNTER, "role": "claimant"}, {"actor": "russian-armed-forces", "role": "affected"}],
            "claims": claims,
            "sources": [{"id": "count", "title": f"Synthetic monthly loss count {number}",
                         "publisher": "Independent counter",
                         "url": f"https://count.example.org/monthly/{date}", "date": date}],
            "tags": ["casualties"],
        })
    return events


def _alerts(rng: random.Random, first: int, budget: int, registries: Registries) -> list[dict]:
    """At most ``budget`` alert entries on consecutive days up to :data:`ALERT_END`, numbered from ``first``.

    Each day, every oblast of :data:`ALERT_OBLASTS` has a random number of episodes, each logged by one of
    the monitors, and when it has any, an entry of both monitors' figures for the day. Numbers are shuffled
    within a day, so that the order of ids is not the order of times. On the middle day, the first
    oblast has an episode running past midnight and a pair of figures that cannot both be true.
    """
    expected = sum(rate + 1 - math.exp(-rate) for rate in ALERT_OBLASTS.values())
    span = max(1, round(budget / expected))
    day = ALERT_END - datetime.timedelta(days=span - 1)
    middle = day + datetime.timedelta(days=span // 2)
    free = dict.fromkeys(ALERT_OBLASTS, 0)  # oblast -> first minute of the day with no alert still running
    events: list[dict] = []
    while budget - len(events) >= 2 and day <= ALERT_END:
        counts = {oblast: min(8, _poisson(rng, rate)) for oblast, rate in ALERT_OBLASTS.items()}
        marked = next(iter(ALERT_OBLASTS)) if day == middle else None
        if marked:
            counts[marked] = max(2, counts[marked])
        for oblast in reversed(list(counts)):  # keep within the budget: each oblast with episodes adds its figures
            while counts[oblast] and sum(counts.values()) + sum(map(bool, counts.values())) > budget - len(events):
                counts[oblast] -= 1
        makers = []
        for oblast, count in counts.items():
            if not count:
                free[oblast] = 0
                continue
            name = registries.regions[oblast]
            episodes = _episodes(rng, day, count, free[oblast], cross=oblast == marked)
            end = episodes[-1][1]
            free[oblast] = end.hour * 60 + end.minute + 5 if end.date() > day else 0
            makers += [functools.partial(_alert_event, oblast=oblast, name=name, start=start, end=end,
                                         monitor=MONITORS[0] if rng.random() < 0.6 else MONITORS[1])
                       for start, end, _ in episodes]
            claims = _alert_figures(rng, oblast, [seconds for _, _, seconds in episodes],
                                    contradiction=oblast == marked or rng.random() < CONTRADICTION_RATE)
            makers.append(functools.partial(_figures_event, oblast=oblast, name=name, day=day, claims=claims))
        numbers = list(range(first + len(events), first + len(events) + len(makers)))
        rng.shuffle(numbers)
        events.extend(make(number) for make, number in sorted(zip(makers, numbers), key=lambda pair: pair[1]))
        day += datetime.timedelta(days=1)
    return events


def _kyiv_clock(utc: datetime.datetime) -> datetime.datetime:
    """The naive UTC time ``utc`` on Kyiv's clocks: summer time (+03:00) from the last Sunday of March to
    that of October, at 01:00 UTC, as in the rest of Europe."""
    def last_sunday(month: int) -> datetime.datetime:
        last = datetime.date(utc.year, month, calendar.monthrange(utc.year, month)[1])
        return datetime.datetime.combine(last - datetime.timedelta(days=(last.weekday() - 6) % 7), datetime.time(1))

    hours = 3 if last_sunday(3) <= utc < last_sunday(10) else 2
    return (utc + datetime.timedelta(hours=hours)).replace(tzinfo=datetime.timezone(datetime.timedelta(hours=hours)))


def _episodes(rng: random.Random, day: datetime.date, count: int, free_from: int,
              cross: bool) -> list[tuple[datetime.datetime, datetime.datetime, int]]:
    """``count`` alert episodes in one oblast on ``day``, in time order: start and end on Kyiv's clocks, and
    the seconds between.

    None starts before minute ``free_from`` of the day; with ``cross`` the last one runs past midnight.
    """
    latest = 1390 if cross else 1425
    slots = list(range(free_from, latest, 15))
    count = max(1, min(count, len(slots)))
    minutes = sorted(rng.sample(slots, count - 1 if cross else count)) + ([1400 + rng.randint(0, 30)] if cross else [])
    minutes = [minute + rng.randint(0, 4) for minute in minutes]
    local = datetime.datetime.combine(day, datetime.time())
    summer = _kyiv_clock(local - datetime.timedelta(hours=3)).utcoffset() == datetime.timedelta(hours=3)
    midnight = local - datetime.timedelta(hours=3 if summer else 2)  # in UTC
    episodes = []
    for i, minute in enumerate(minutes):
        room = minutes[i + 1] - minute - 2 if i + 1 < len(minutes) else 360
        length = max(8, min(room, round(rng.lognormvariate(math.log(45), 0.7))))
        if cross and i == len(minutes) - 1:
            length = max(length, 1460 - minute)
        start = midnight + datetime.timedelta(minutes=minute, seconds=rng.randint(0, 59))
        seconds = length * 60 + rng.randint(0, 59)
        episodes.append((_kyiv_clock(start), _kyiv_clock(start + datetime.timedelta(seconds=seconds)), seconds))
    return episodes


def _clock(moment: datetime.datetime, seconds: bool) -> str:
    """A time on Kyiv's clocks with its UTC offset, to the second or to the minute: ``02:14:07+03:00``."""
    return (f"{moment:%H:%M:%S}" if seconds else f"{moment:%H:%M}") + moment.strftime("%z")[:3] + ":00"


def _alert_event(number: int, *, oblast: str, name: str, start: datetime.datetime, end: datetime.datetime,
                 monitor: str) -> dict:
    """One alert episode as a monitor logged it: monitor A to the second, monitor B to the minute."""
    day, letter = start.date(), monitor[-1]
    slug = oblast.removesuffix("-oblast")
    to_the_second = monitor == MONITORS[0]
    return {
        "id": f"{day}-synthetic-alert-{slug}-{number:05d}",
        "title": f"Air-raid alert in {name} (synthetic entry {number})",
        "date": day.isoformat() if end.date() == day else f"{day}/{end.date()}",
        "time": _clock(start, to_the_second),
        "end_time": _clock(end, to_the_second),
        "series": EPISODE_SERIES[monitor],
        "summary": f"Synthetic entry {number} for build benchmarks: one air-raid alert episode, as a monitor "
                   "logged it.",
        "status": "reported",
        "type": "alert",
        "locations": [{"region": oblast}],
        "actors": [{"actor": monitor, "role": "claimant"}],
        "sources": [{"id": "log", "title": f"Synthetic alert log {number}",
                     "publisher": f"Alert monitor {letter.upper()}",
                     "url": f"https://alerts.example.org/{letter}/{day:%Y/%m/%d}/{slug}-{number}",
                     "date": day.isoformat()}],
        "tags": ["air-raid-alerts"],
    }


def _alert_figures(rng: random.Random, oblast: str, durations: list[int], contradiction: bool) -> list[dict]:
    """Both monitors' figures for one oblast and day, from its episodes' ``durations`` in seconds.

    Monitor A counts alerts per district, B per oblast, and they time them differently: where their figures
    differ, both are estimates close enough to overlap. With ``contradiction``, A counts none and B more
    than ten.
    """
    count_a = sum(rng.choice((1, 1, 2, 3)) for _ in durations)
    differs = count_a >= 2 and rng.random() < 0.5
    count_b = count_a - (rng.randint(1, max(1, count_a // 20)) if differs else 0)
    hours_a = max(0.1, round(sum(durations) / 3600, 1))
    hours_b = round(hours_a * (1 - rng.uniform(0.005, 0.04)), 1) if rng.random() < 0.6 else hours_a
    if hours_b <= 0 or abs(hours_a - hours_b) > 0.05 * hours_a:
        hours_b = hours_a

    def claim(measure: str, value: str, monitor: str, estimate: bool, note: str | None = None) -> dict:
        found: dict = {"measure": measure, "value": value, "region": oblast, "claimant": monitor, "stance": "asserts"}
        if estimate:
            found["bound"] = "estimate"
        found["sources"] = [f"monitor-{monitor[-1]}"]
        if note:
            found["note"] = note
        return found

    if contradiction:
        counts = [claim(ALERTS, "0", MONITORS[0], False),
                  claim(ALERTS, ">10", MONITORS[1], False, "Synthetic contradiction: no alerts and more than ten "
                                                           "for the same oblast and day cannot both be true.")]
    else:
        counts = [claim(ALERTS, str(count_a), MONITORS[0], differs),
                  claim(ALERTS, str(count_b), MONITORS[1], differs,
                        "Synthetic figure: the monitors count differently, A per district and B per oblast."
                        if differs else None)]
    timed = hours_b != hours_a
    return counts + [claim(ALERT_HOURS, f"{hours_a:.1f}", MONITORS[0], timed),
                     claim(ALERT_HOURS, f"{hours_b:.1f}", MONITORS[1], timed,
                           "Synthetic figure: the monitors time alerts differently, A to the second and B to the "
                           "minute." if timed else None)]


def _figures_event(number: int, *, oblast: str, name: str, day: datetime.date, claims: list[dict]) -> dict:
    """Both monitors' figures for one oblast and day, side by side."""
    slug, date = oblast.removesuffix("-oblast"), day.isoformat()
    return {
        "id": f"{date}-synthetic-alert-figures-{slug}-{number:05d}",
        "title": f"Air-raid alert figures for {name} (synthetic entry {number})",
        "date": date,
        "series": FIGURES_SERIES,
        "summary": f"Synthetic entry {number} for build benchmarks: alerts and hours under alert in one oblast "
                   "on one day, as counted by two monitors.",
        "status": "reported",
        "type": "tally",
        "locations": [{"region": oblast}],
        "actors": [{"actor": monitor, "role": "claimant"} for monitor in MONITORS],
        "claims": claims,
        "sources": [{"id": f"monitor-{letter}", "title": f"Synthetic daily alert figures {number}-{letter}",
                     "publisher": f"Alert monitor {letter.upper()}",
                     "url": f"https://alerts.example.org/{letter}/{day:%Y/%m/%d}/{slug}-figures-{number}",
                     "date": date} for letter in "ab"],
        "tags": ["air-raid-alerts"],
    }
