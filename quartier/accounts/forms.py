from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "notification_mode"]


class PasswordConfirmationForm(forms.Form):
    """A form for an action that needs the password again (a token, deleting the account)."""

    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(
        self, *args: object, user: User, throttled_for: int | None = None, **kwargs: object
    ) -> None:
        """`throttled_for`: seconds the user must wait (PASSWORD_CONFIRMATION_RATE); until
        then the password is not even checked."""
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.user = user
        self.throttled_for = throttled_for

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if self.throttled_for is None and not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password

    def clean(self) -> dict[str, object] | None:
        if self.throttled_for is not None:
            raise forms.ValidationError(
                _("Too many attempts. Please try again in %(minutes)s minutes."),
                params={"minutes": max(1, -(-self.throttled_for // 60))},
                code="throttled",
            )
        return super().clean()


class TokenCreateForm(PasswordConfirmationForm):
    name = forms.CharField(
        label=_("Name of the token"),
        max_length=100,
        help_text=_("So that you recognise it later, e.g. “Spreadsheet import”."),
    )
    field_order = ["name", "password"]


class DeleteAccountForm(PasswordConfirmationForm):
    confirm = forms.BooleanField(
        label=_("I understand that my account and my personal data will be deleted for good."),
    )
