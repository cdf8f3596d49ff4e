"""Reads of the neighbourhood dashboard: the panels of one neighbourhood for one viewer and
period, each with its chart drawn from its table."""

from django.utils.translation import gettext as _

from quartier.accounts.viewer import Viewer
from quartier.dashboard.charts import bar_chart_svg, number_text
from quartier.dashboard.panels import PANELS
from quartier.dashboard.period import Panel, Period
from quartier.neighbourhoods.models import Neighbourhood


def draw_chart(panel: Panel) -> str:
    column = panel.chart_column
    bars = [(str(row[0]), row[column]) for row in panel.rows]
    if not bars:
        return ""
    description = "; ".join(f"{label}: {number_text(value)}" for label, value in bars)
    title = _("%(panel)s: %(column)s") % {"panel": panel.title, "column": panel.columns[column]}
    return bar_chart_svg(title, description, bars, chart_id=f"chart-{panel.key}")


def dashboard_panels(
    neighbourhood: Neighbourhood, viewer: Viewer, period: Period, *, charts: bool = True
) -> list[Panel]:
    """Every panel of the dashboard; what the viewer may not see is not counted."""
    panels = [build(neighbourhood, viewer, period) for build in PANELS]
    if charts:
        for panel in panels:
            panel.chart = draw_chart(panel)
    return panels
