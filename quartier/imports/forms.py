from collections.abc import Sequence
from typing import Any

from django import forms
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _

from quartier.imports.importers import GROUPS, Importer
from quartier.imports.models import ImportKind
from quartier.imports.parsing import MAX_BYTES, too_large_message
from quartier.imports.services import can_import


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV (separated by semicolons or commas) or Excel (.xlsx), at most 10 MB and "
            "20,000 rows. The first row holds the column headers."
        ),
        widget=forms.FileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
        error_messages={
            "required": _("Choose a file."),
            "empty": _("The file is empty."),
        },
    )
    kind = forms.ChoiceField(
        label=_("The file contains"),
        choices=ImportKind.choices,
        initial=ImportKind.ACTORS,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        # Everybody sees what they may import; a forged choice still gets a clear answer.
        allowed = [(k, label) for k, label in ImportKind.choices if can_import(user, k)]
        self.fields["kind"].widget.choices = allowed

    def clean_kind(self) -> str:
        kind: str = self.cleaned_data["kind"]
        if not can_import(self.user, kind):
            if kind == ImportKind.NEIGHBOURHOODS:
                raise forms.ValidationError(
                    _("Only platform administrators may import neighbourhoods.")
                )
            raise forms.ValidationError(_("You may not import this kind of data."))
        return kind

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(too_large_message())
        return upload


class MappingForm(forms.Form):
    """One select per target field, listing the file's columns."""

    def __init__(
        self,
        *args: Any,
        importer: type[Importer],
        headers: Sequence[str],
        mapping: dict[str, int],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.importer = importer
        columns = [("", _("– do not import –"))] + [
            (str(index), header) for index, header in enumerate(headers)
        ]
        for target in importer.targets:
            initial = mapping.get(target.name)
            self.fields[target.name] = forms.ChoiceField(
                label=target.label,
                choices=columns,
                required=target.required,
                initial="" if initial is None else str(initial),
                help_text=target.help_text,
                error_messages={"required": _("Choose the column that holds this field.")},
            )

    def mapping(self) -> dict[str, int]:
        return {name: int(value) for name, value in self.cleaned_data.items() if value != ""}

    def groups(self) -> list[tuple[Any, list[BoundField]]]:
        """The fields grouped for fieldsets, in the order of GROUPS."""
        grouped: dict[str, list[BoundField]] = {key: [] for key in GROUPS}
        for target in self.importer.targets:
            grouped[target.group].append(self[target.name])
        return [(GROUPS[key], fields) for key, fields in grouped.items() if fields]
