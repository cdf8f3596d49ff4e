from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.dashboard.period import Panel


def figure_choices(panels: list[Panel]) -> list[tuple[str, str]]:
    """Each panel's headline, and each indicator of the official statistics."""
    choices = [(p.key, f"{p.title}: {p.headline.label}") for p in panels if p.key != "statistics"]
    for panel in panels:
        if panel.key == "statistics":
            choices += [
                (f"stat:{item['key']}", f"{panel.title}: {row[0]}")
                for item, row in zip(panel.items, panel.rows, strict=True)
            ]
    return choices


class AnnotationForm(forms.Form):
    figure = forms.ChoiceField(label=_("Figure"))
    text = forms.CharField(
        label=_("What is behind this number?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown with your name and the date; the neighbourhood management moderates."),
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["figure"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices
