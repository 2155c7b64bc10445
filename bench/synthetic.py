"""Generate a large, valid synthetic ``timeline/`` folder for the benchmark.

The output is shaped like the real data so that every code path is loaded:
the registries are the repository's own (with extra oblasts, cities and
bodies appended, as a growing timeline would have), dates spread over
2014–2026 with day, month and year precision, qualifiers and intervals,
claims with conflicting claimants and denials, relations to earlier events
(storylines, follow-ups, responses) and 1–3 sources with https URLs.

Every entry says it is synthetic; none of it is a statement about real events.
The same seed always gives the same files.
"""

from __future__ import annotations

import calendar
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
    ("belgorod-oblast", "Belgorod Oblast"), ("kursk-oblast", "Kursk Oblast"),
    ("bryansk-oblast", "Bryansk Oblast"), ("rostov-oblast", "Rostov Oblast"),
    ("krasnodar-krai", "Krasnodar Krai"), ("voronezh-oblast", "Voronezh Oblast"),
]
EXTRA_CITIES = [
    ("kharkiv-city", "Kharkiv", "kharkiv-oblast"), ("odesa-city", "Odesa", "odesa-oblast"),
    ("dnipro-city", "Dnipro", "dnipropetrovsk-oblast"), ("zaporizhzhia-city", "Zaporizhzhia", "zaporizhzhia-oblast"),
    ("mykolaiv-city", "Mykolaiv", "mykolaiv-oblast"), ("kherson-city", "Kherson", "kherson-oblast"),
    ("lviv-city", "Lviv", "lviv-oblast"), ("sumy-city", "Sumy", "sumy-oblast"),
    ("belgorod-city", "Belgorod", "belgorod-oblast"), ("kursk-city", "Kursk", "kursk-oblast"),
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


@dataclass
class Registries:
    """Ids available to synthetic events, read from the generated registry files."""

    actors: list[str]
    regions: dict[str, str]
    """Region id -> name."""
    measures: dict[str, str]
    """Measure id -> unit (``count``, ``percent``, ``years`` or ``text``)."""


def write_registries(source: Path, target: Path) -> Registries:
    """Copy the repository's registries into ``target`` and append the extra entries."""
    target.mkdir(parents=True, exist_ok=True)
    for name in REGISTRIES:
        shutil.copyfile(source / f"{name}.yaml", target / f"{name}.yaml")
    regions = [(i, n, "oblast", "ukraine") for i, n in EXTRA_OBLASTS]
    regions += [(i, n, "federal-subject", "russia") for i, n in EXTRA_SUBJECTS]
    regions += [(i, n, "city", parent) for i, n, parent in EXTRA_CITIES]
    _append(target / "regions.yaml", [{"id": i, "name": n, "kind": k, "parent": p} for i, n, k, p in regions])
    actors = [_without_none({"id": i, "name": n, "kind": k, "parent": p, "country": c})
              for i, n, k, p, c in EXTRA_ACTORS]
    actors += [{"id": f"{i.removesuffix('-oblast')}-regional-administration",
                "name": f"{n} Regional Military Administration", "kind": "government-body",
                "parent": "ukraine", "country": "ukraine"} for i, n in EXTRA_OBLASTS]
    _append(target / "actors.yaml", actors)

    def ids_and(field: str, name: str) -> dict[str, str]:
        items = yaml.safe_load((target / name).read_text(encoding="utf-8"))[name.removesuffix(".yaml")]
        return {item["id"]: item.get(field) for item in items}

    return Registries(actors=list(ids_and("kind", "actors.yaml")), regions=ids_and("name", "regions.yaml"),
                      measures={m: unit or "count" for m, unit in ids_and("unit", "measures.yaml").items()})


def _without_none(item: dict) -> dict:
    return {k: v for k, v in item.items() if v is not None}


def _append(path: Path, items: list[dict]) -> None:
    """Append list items to a registry file written as ``name:`` followed by ``  - ...`` items."""
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


def write_events(folder: Path, count: int, registries: Registries, seed: int = 2025) -> list[Path]:
    """Write ``count`` synthetic event files under ``folder/<year>/``; return their paths."""
    rng = random.Random(seed)
    starts = sorted(_random_day(rng) for _ in range(count))
    written: list[Path] = []
    earlier: list[str] = []
    storylines: list[str] = []
    for number, start in enumerate(starts, 1):
        event = _event(rng, number, start, registries, earlier, storylines)
        path = folder / str(start[0]) / f"{event['id']}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("# yaml-language-server: $schema=../../../schema/event.schema.json\n" + _dump(event),
                        encoding="utf-8")
        written.append(path)
        earlier.append(event["id"])
        if rng.random() < 0.04:
            storylines.append(event["id"])
    return written


def generate(source_timeline: Path, target: Path, count: int, seed: int = 2025) -> list[Path]:
    """Write a complete timeline folder with ``count`` events into ``target``."""
    registries = write_registries(source_timeline, target)
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
    end_month = min(month + rng.randint(1, 5), 12)  # a campaign over months
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
        claim["value"] = rng.choice([f"{low}", f"~{low}", f">={low}", f">{low}", f"{low}-{low + rng.randint(1, 50)}"])
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
