import pytest

from chronicle.dates import DateError, Precision, parse_date


@pytest.mark.parametrize("text, shown, precision", [
    ("2025-06-01", "1 June 2025", Precision.DAY),
    ("2025-05", "May 2025", Precision.MONTH),
    ("2014", "2014", Precision.YEAR),
    ("2014-03~", "about March 2014", Precision.MONTH),
    ("2022?", "2022 (uncertain)", Precision.YEAR),
    ("2025-06-05/2025-06-06", "5–6 June 2025", Precision.DAY),
    ("2025-05-30/2025-06-02", "30 May – 2 June 2025", Precision.DAY),
    ("2023-12~/2025-06-01", "about December 2023 – 1 June 2025", Precision.MONTH),
])
def test_dates_read_no_more_precisely_than_written(text, shown, precision):
    date = parse_date(text)
    assert date.text() == shown
    assert date.precision is precision
    assert date.edtf() == text


def test_month_and_year_span_their_whole_period():
    assert str(parse_date("2024-02").latest) == "2024-02-29"
    assert str(parse_date("2014").earliest) == "2014-01-01"
    assert str(parse_date("2014").latest) == "2014-12-31"


def test_within_a_period_the_precise_dates_come_first_then_what_is_known_only_to_the_period():
    written = ["2025", "2025-06", "2025-06-30", "2025-06-05/2025-06-06", "2025-06-05", "2025-07-01", "2025-05",
               "2024-12-31", "2025-06-01"]
    in_order = sorted(written, key=lambda text: parse_date(text).sort_key)
    assert in_order == ["2024-12-31", "2025-05", "2025-06-01", "2025-06-05", "2025-06-05/2025-06-06", "2025-06-30",
                        "2025-06", "2025-07-01", "2025"]


@pytest.mark.parametrize("text, message, hint", [
    ("2024-02-30", "'2024-02-30' has day 30, but February 2024 has 29 days", "write a day from 01 to 29"),
    ("2025-13", "'2025-13' has month 13", "months run from 01 to 12"),
    ("June 2025", "'June 2025' is not a date", "use YYYY-MM-DD, YYYY-MM or YYYY"),
    ("2025-06-05; 2025-06-07", "'2025-06-05; 2025-06-07' is not a date", "use YYYY-MM-DD"),
    ("2025-06-06/2025-06-05", "interval '2025-06-06/2025-06-05' ends before it starts", "write the earlier date first"),
])
def test_invalid_dates_say_what_is_wrong_and_how_to_fix_it(text, message, hint):
    with pytest.raises(DateError) as error:
        parse_date(text)
    assert error.value.message == message
    assert error.value.hint.startswith(hint)
