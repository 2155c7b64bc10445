from chronicle.dates import parse_date
from chronicle.listings import plan_listing


def dated(texts):
    return [parse_date(t) for t in texts]


def test_short_listing_stays_on_one_page():
    items = dated(["2024-01-01", "2025-02"])
    listing = plan_listing(items, lambda d: d, "x.md", "x", limit=5)
    assert listing.items == items and listing.parts == []


def test_chronology_gets_a_page_per_year_once_entries_span_years():
    items = dated(["2024-01-01", "2025-02"])
    listing = plan_listing(items, lambda d: d, "c/index.md", "c", limit=5, by_year=True)
    assert [(p.uri, p.label, p.count) for p in listing.parts] == [("c/2024.md", "2024", 1), ("c/2025.md", "2025", 1)]


def test_long_listing_splits_by_year_then_month_then_parts():
    items = dated(["2023"] + ["2024-03-01"] * 2 + ["2025-01-05"] * 3 + ["2025-02"] * 7)
    listing = plan_listing(items, lambda d: d, "r.md", "r", limit=3)
    pages = {p.uri: (p.label, len(p.items), p.count) for p in listing.pages()}
    assert pages == {
        "r.md": ("", 0, 13),
        "r/2023.md": ("2023", 1, 1),
        "r/2024.md": ("2024", 2, 2),
        "r/2025.md": ("2025", 0, 10),
        "r/2025-01.md": ("January 2025", 3, 3),
        "r/2025-02.md": ("February 2025, part 1", 3, 3),
        "r/2025-02-part-2.md": ("February 2025, part 2", 3, 3),
        "r/2025-02-part-3.md": ("February 2025, part 3", 1, 1),
    }
    assert all(len(p.items) <= 3 for p in listing.pages())
    assert sum(len(p.items) for p in listing.pages()) == len(items)
