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


def test_coarser_dates_sort_before_finer_ones_on_the_same_start():
    month, day = parse_date("2025-06"), parse_date("2025-06-01")
    assert month.sort_key < day.sort_key


@pytest.mark.parametrize("text, message", [
    ("2024-02-30", "'2024-02-30' has day 30, but February 2024 has 29 days"),
    ("2025-13", "'2025-13' has month 13; months run from 01 to 12"),
    ("June 2025", "'June 2025' is not a date; use YYYY-MM-DD, YYYY-MM or YYYY"),
    ("2025-06-06/2025-06-05", "interval '2025-06-06/2025-06-05' ends before it starts"),
])
def test_invalid_dates_say_what_is_wrong(text, message):
    with pytest.raises(DateError) as error:
        parse_date(text)
    assert str(error.value).startswith(message)
