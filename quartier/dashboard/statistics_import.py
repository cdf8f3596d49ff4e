"""The import of official small-area statistics (CSV or XLSX: area key, indicator, year,
value) through the shared import steps of `quartier.imports` – all or nothing, with a
report that names every bad row."""

from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from quartier.dashboard.models import StatisticalArea, StatisticIndicator
from quartier.dashboard.services import NewValue, save_statistic_values
from quartier.imports.importers import (
    CheckResult,
    Importer,
    Problem,
    RowProblems,
    Target,
    normalise,
    whole_number,
)
from quartier.imports.parsing import parse_decimal
from quartier.imports.report import issue

FIRST_YEAR, LAST_YEAR = 1950, 2100


def invalid(text: str) -> Problem:
    return Problem("invalid", text=text)


class StatisticsImporter(Importer):
    kind = "statistics"
    targets = (
        Target(
            "area",
            pgettext_lazy("column", "Area key"),
            ("Gebietsschlüssel", "Gebiet", "Planungsraum", "PLR", "Raumschlüssel", "area key"),
            "basic",
            required=True,
        ),
        Target(
            "indicator",
            pgettext_lazy("column", "Indicator"),
            ("Indikator", "Merkmal", "Kennzahl", "indicator"),
            "basic",
            required=True,
            help_text=pgettext_lazy("import help", "The indicator's key or title."),
        ),
        Target("year", pgettext_lazy("column", "Year"), ("Jahr", "year"), "basic", required=True),
        Target(
            "value",
            pgettext_lazy("column", "Value"),
            ("Wert", "value"),
            "basic",
            required=True,
            help_text=pgettext_lazy("import help", "A number; a decimal comma is fine."),
        ),
    )

    def prepare(self) -> None:
        areas = StatisticalArea.objects.all()
        if not self.user.is_superuser:
            areas = areas.filter(Q(municipality__neighbourhoods__managers=self.user)).distinct()
        self.areas: dict[str, list[tuple[int, int | None, int | None]]] = {}
        for pk, key, since, until in areas.values_list("pk", "key", "valid_from", "valid_until"):
            self.areas.setdefault(key.strip().casefold(), []).append((pk, since, until))
        self.indicators: dict[str, int] = {}
        for pk, key, title in StatisticIndicator.objects.values_list("pk", "key", "title"):
            self.indicators[normalise(key)] = pk
            self.indicators.setdefault(normalise(title), pk)
        self.indicator_keys = ", ".join(
            StatisticIndicator.objects.order_by("key").values_list("key", flat=True)
        )

    def clean_row(self, row: int, values: dict[str, str]) -> tuple[Any, RowProblems]:
        p = RowProblems()
        key = values.get("area", "").strip()
        year = p.run("year", lambda: self._year(values.get("year", "")))
        area = p.run("area", lambda: self._area(key, year))
        indicator = p.run("indicator", lambda: self._indicator(values.get("indicator", "")))
        value = p.run("value", lambda: self._value(values.get("value", "")))
        if p:
            return None, p
        return (row, NewValue(area, indicator, year, value)), p

    def _year(self, text: str) -> int:
        if not text.strip():
            raise Problem("required")
        year = whole_number(text)
        if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
            raise Problem("out_of_range", value=text.strip(), low=FIRST_YEAR, high=LAST_YEAR)
        return year

    def _area(self, key: str, year: int | None) -> int:
        if not key:
            raise Problem("required")
        found = self.areas.get(key.casefold(), [])
        if not found:
            raise invalid(
                _("no statistical area of your municipalities has the key “%(key)s”") % {"key": key}
            )
        if len(found) > 1:
            raise invalid(_("several municipalities use the area key “%(key)s”") % {"key": key})
        pk, since, until = found[0]
        if year is not None and (
            (since is not None and year < since) or (until is not None and year > until)
        ):
            raise invalid(
                _("the area “%(key)s” did not exist in %(year)s (it was redrawn)")
                % {"key": key, "year": year}
            )
        return pk

    def _indicator(self, text: str) -> int:
        if not text.strip():
            raise Problem("required")
        pk = self.indicators.get(normalise(text))
        if pk is None:
            raise invalid(
                _("“%(value)s” is not a known indicator; known are: %(keys)s")
                % {"value": text.strip(), "keys": self.indicator_keys}
            )
        return pk

    @staticmethod
    def _value(text: str) -> Decimal:
        if not text.strip():
            raise Problem("required")
        try:
            number = parse_decimal(text)
        except ValueError:
            raise Problem("not_a_number", value=text.strip()) from None
        if abs(number) >= 1e10:
            raise Problem("out_of_range", value=text.strip(), low=-1e10, high=1e10)
        return Decimal(str(round(number, 4)))

    def check_all(self, result: CheckResult, columns: dict[str, str]) -> None:
        """An area, indicator and year appear once in a file."""
        column = columns.get("value", str(self.label_of("value")))
        first: dict[tuple[int, int, int], int] = {}
        bad = set()
        for row, value in result.items:
            key = (value.area_id, value.indicator_id, value.year)
            if key in first:
                result.error(
                    issue(
                        row,
                        column,
                        "invalid",
                        text=_("this area, indicator and year already appear in row %(first)s")
                        % {"first": first[key]},
                    )
                )
                bad.add(row)
            else:
                first[key] = row
        result.items = [item for item in result.items if item[0] not in bad]

    def save(self, items: list[tuple[int, NewValue]], job_label: str) -> int:
        return save_statistic_values(
            [value for _row, value in items], by=self.user, source=job_label
        )
