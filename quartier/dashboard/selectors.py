"""Reads of the neighbourhood dashboard: the panels of one neighbourhood for one viewer and
period, each with its chart drawn from its table."""

from django.http import Http404
from django.utils.translation import gettext as _

from quartier.accounts.viewer import Viewer
from quartier.core.access import access_object
from quartier.dashboard.charts import bar_chart_svg, number_text
from quartier.dashboard.models import Annotation
from quartier.dashboard.panels import PANELS
from quartier.dashboard.period import Panel, Period
from quartier.dashboard.statistics import statistics_panel
from quartier.neighbourhoods.models import Neighbourhood


def draw_chart(panel: Panel) -> str:
    column = panel.chart_column
    if column < 1:
        return ""
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
    panels = [build(neighbourhood, viewer, period) for build in (*PANELS, statistics_panel)]
    if charts:
        for panel in panels:
            panel.chart = draw_chart(panel)
    return panels


def access_annotation(viewer: Viewer, pk: int, perm: str | None = None) -> Annotation:
    """An annotation the viewer may see (visible ones; hidden ones for its moderators); 403
    when `perm` is not allowed."""
    annotations = Annotation.objects.select_related("neighbourhood", "author")
    annotation = annotations.filter(pk=pk).first()
    if annotation is None or (
        annotation.status == Annotation.Status.HIDDEN
        and not viewer.has_perm("dashboard.moderate_annotation", annotation)
    ):
        raise Http404
    return access_object(annotations, viewer, perm=perm, pk=pk)
