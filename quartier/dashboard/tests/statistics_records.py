"""A municipality with four statistical areas, two of them in the neighbourhood, and two
status indicators over two years."""

from decimal import Decimal

from quartier.dashboard.models import StatisticalArea, StatisticIndicator, StatisticValue

UNEMPLOYMENT = {2024: [5, 6, 5, 20], 2025: [5, 6, 5, 26]}
EMPLOYMENT = {2024: [60, 58, 61, 40], 2025: [60, 59, 61, 38]}


def statistics_for(neighbourhood) -> dict:
    jobless = StatisticIndicator.objects.create(
        key="arbeitslosigkeit",
        title="Arbeitslosigkeit",
        unit="%",
        source="Statistikamt",
        direction="lower_is_better",
    )
    working = StatisticIndicator.objects.create(
        key="beschaeftigung",
        title="Beschäftigung",
        unit="%",
        source="Statistikamt",
        direction="higher_is_better",
    )
    areas = [
        StatisticalArea.objects.create(
            municipality=neighbourhood.municipality,
            key=f"0{i}",
            name=f"Gebiet {i}",
            neighbourhood=neighbourhood if i >= 2 else None,
        )
        for i in range(4)
    ]
    for indicator, table in ((jobless, UNEMPLOYMENT), (working, EMPLOYMENT)):
        for year, values in table.items():
            for area, value in zip(areas, values, strict=True):
                StatisticValue.objects.create(
                    area=area, indicator=indicator, year=year, value=Decimal(value)
                )
    return {"areas": areas, "indicators": [jobless, working]}
