"""The fair-pay statement of a project: its honoraria against the fee floors, public once
the project's owners publish it (their consent), a preview for them before."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quartier.accounts.viewer import signed_in, viewer
from quartier.funding import forms, selectors, services


def fair_pay_statement(request: HttpRequest, pk: int) -> HttpResponse:
    fair_pay = selectors.access_fair_pay(viewer(request), pk)
    owner = viewer(request).has_perm("funding.manage_project_funding", fair_pay.project)
    note = fair_pay.statement.note if fair_pay.statement else ""
    return render(
        request,
        "funding/fair_pay.html",
        {
            "fair_pay": fair_pay,
            "project": fair_pay.project,
            "is_owner": owner,
            "form": forms.FairPayForm(initial={"note": note}) if owner else None,
        },
    )


@login_required
@require_POST
def fair_pay_publish(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    fair_pay = selectors.access_fair_pay(user, pk, "funding.manage_project_funding")
    if request.POST.get("withdraw"):
        services.withdraw_fair_pay_statement(fair_pay.project, by=user)
        messages.success(request, _("The fair-pay statement is no longer public."))
        return redirect("funding:fair_pay", pk=pk)
    form = forms.FairPayForm(request.POST)
    if form.is_valid():
        try:
            services.publish_fair_pay_statement(
                fair_pay.project, by=user, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The fair-pay statement is public now."))
    else:
        messages.error(request, _("The note is too long (at most 2,000 characters)."))
    return redirect("funding:fair_pay", pk=pk)
