"""Pages of the funding area: the navigator, programmes, a project's fitting programmes,
deadlines, grants with their ledger, fee floors and the fee calculator."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from quartier.accounts.viewer import signed_in, viewer
from quartier.actors.models import Actor
from quartier.core.pagination import paginate
from quartier.engines import eligibility as engine
from quartier.funding import forms, grant_services, ical, reports, selectors, services
from quartier.funding.csv_formats import programmes_csv
from quartier.funding.models import FundingProgramme, Grant, IncomeLine
from quartier.funding.sachbericht import draft_report_text
from quartier.funding.xml_format import programmes_xml


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# Navigator -----------------------------------------------------------------------------------


def programme_list(request: HttpRequest) -> HttpResponse:
    form = forms.NavigatorFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    programmes = selectors.programmes_for_navigator(filters, viewer(request))
    page = paginate(request, programmes)
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request,
        "funding/list.html",
        {
            "form": form,
            "page": page,
            "total": page.paginator.count,
            "page_query": query.urlencode(),
            "today": date.today(),
        },
    )


def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = selectors.access_programme(viewer(request), slug)
    return render(
        request,
        "funding/programme.html",
        {
            "programme": programme,
            "conditions": selectors.programme_conditions_json(programme),
            "can_edit": request.user.has_perm("funding.change_programme"),
        },
    )


def _programme_form(request: HttpRequest, programme: FundingProgramme) -> HttpResponse:
    user = signed_in(request)
    if not user.has_perm("funding.change_programme"):
        raise PermissionDenied
    form = forms.ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_programme(form.instance, by=user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The programme was saved."))
            return redirect(saved)
    return render(request, "funding/programme_form.html", {"form": form, "programme": programme})


@login_required
def programme_create(request: HttpRequest) -> HttpResponse:
    return _programme_form(request, FundingProgramme())


@login_required
def programme_edit(request: HttpRequest, slug: str) -> HttpResponse:
    return _programme_form(
        request, selectors.access_programme(viewer(request), slug, "funding.change_programme")
    )


@login_required
def programme_import(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    if not user.has_perm("funding.change_programme"):
        raise PermissionDenied
    form = forms.ProgrammeUploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = services.import_programmes(
            upload.read(settings.IMPORT_MAX_UPLOAD_BYTES + 1), by=user
        )
        if report.ok:
            messages.success(
                request, _("%(count)d programmes imported.") % {"count": report.written}
            )
            return redirect("funding:list")
    return render(
        request, "funding/import.html", {"form": form, "report": report, "kind": "programmes"}
    )


def programme_export(request: HttpRequest) -> HttpResponse:
    form = forms.NavigatorFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    programmes = selectors.programmes_for_navigator(filters, viewer(request)).iterator()
    if request.GET.get("format") == "xml":
        response = HttpResponse(programmes_xml(programmes), content_type="application/xml")
        response["Content-Disposition"] = 'attachment; filename="foerderprogramme.xml"'
        return response
    response = HttpResponse(programmes_csv(programmes), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="foerderprogramme.csv"'
    return response


def deadlines(request: HttpRequest) -> HttpResponse:
    today = date.today()
    page = paginate(request, selectors.upcoming_deadlines(viewer(request), today))
    return render(request, "funding/deadlines.html", {"page": page, "today": today})


def deadlines_ics(request: HttpRequest) -> HttpResponse:
    programmes = selectors.upcoming_deadlines(viewer(request), date.today())[:500]
    body = ical.deadlines_calendar(programmes, "Quartier – Förderfristen")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="foerderfristen.ics"'
    return response


# A project's funding -------------------------------------------------------------------------


@login_required
def project_funding(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    project = selectors.access_project_funding(user, pk)
    profile = selectors.funding_profile_of(project)
    owners = project.owners.all()
    if request.method == "POST":
        form = forms.FundingProfileForm(request.POST, instance=profile, owners=owners)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items()}
            try:
                services.save_funding_profile(project, by=user, **data)
            except ValidationError as error:
                _errors(request, error)
            else:
                messages.success(request, _("The funding profile was saved."))
                return redirect("funding:project", pk=project.pk)
    else:
        form = forms.FundingProfileForm(instance=profile, owners=owners)
    today = date.today()
    fitting = selectors.fitting_programmes(project, profile, user, today)
    trustees = selectors.trustee_suggestions(project, user)
    return render(
        request,
        "funding/project.html",
        {
            "project": project,
            "form": form,
            "fitting": fitting,
            "trustees": trustees,
            "watches": selectors.watches_of(project),
            "grants": selectors.grants_for_list(user, project),
            "today": today,
        },
    )


@login_required
@require_POST
def project_watch(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    user = signed_in(request)
    project = selectors.access_project_funding(user, pk)
    programme = selectors.access_programme(user, slug)
    if request.POST.get("stop"):
        services.unwatch_programme(project, programme, by=user)
        messages.success(request, _("You no longer watch this programme."))
    else:
        services.watch_programme(project, programme, by=user)
        messages.success(request, _("You will be reminded of the deadline."))
    return redirect("funding:project", pk=project.pk)


@login_required
def grant_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    project = selectors.access_project_funding(user, pk)
    trustee_ids = [a.pk for a in selectors.trustee_suggestions(project, user, limit=20)]
    form = forms.GrantCreateForm(
        request.POST or None,
        initial={
            "programme": request.GET.get("programm"),
            "trustee": request.GET.get("traeger"),
            "initiative": next(iter(project.owners.all()), None),
        },
        programmes=selectors.visible_programmes(user).filter(is_published=True),
        owners=project.owners.all(),
        trustees=Actor.objects.filter(pk__in=trustee_ids).order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        trustee = form.cleaned_data["trustee"]
        initiative = form.cleaned_data["initiative"]
        try:
            grant = grant_services.create_grant(
                project,
                form.cleaned_data["programme"],
                applicant=trustee or initiative,
                initiative=initiative if trustee else None,
                by=user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The application was created. Now draft the finance plan."))
            return redirect(grant)
    return render(request, "funding/grant_new.html", {"form": form, "project": project})


# Grants --------------------------------------------------------------------------------------


@login_required
def grant_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.grants_for_list(viewer(request)))
    return render(request, "funding/grants.html", {"page": page})


@login_required
def grant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    grant = selectors.access_grant(user, pk)
    today = date.today()
    ledger = selectors.ledger_of(grant, today)
    lines = grant.plan_lines.order_by("category", "pk")
    floors = selectors.current_fee_floors(today)
    volunteer_lines = grant.income_lines.filter(kind=IncomeLine.Kind.VOLUNTEER)
    receipts_page = paginate(
        request,
        grant.receipts.select_related("plan_line").order_by("number"),
        per_page=50,
        param="belege",
    )
    can_plan = user.has_perm("funding.change_plan", grant)
    keeps = user.has_perm("funding.keep_ledger", grant)
    # the Sachbericht: the saved text; while none is saved (or on request) the draft from the
    # project's impact report, to be checked and saved
    report_text, drafted = grant.report_text, False
    if keeps and (not report_text.strip() or request.GET.get("sachbericht") == "entwurf"):
        report_text, drafted = draft_report_text(grant), True
    return render(
        request,
        "funding/grant.html",
        {
            "grant": grant,
            "ledger": ledger,
            "receipts_page": receipts_page,
            "can_plan": can_plan,
            "keeps_ledger": keeps,
            "plan_form": forms.PlanLineForm(floors=floors, prefix="plan"),
            "income_form": forms.IncomeLineForm(prefix="income"),
            "time_form": forms.VolunteerTimeForm(lines=volunteer_lines, prefix="time")
            if volunteer_lines.exists()
            else None,
            "decision_form": forms.DecisionForm(
                initial={
                    "approved_amount": grant.requested_amount,
                    "withheld_percent": Decimal("10"),
                    "period_start": today,
                }
            ),
            "draw_form": forms.DrawForm(
                initial={
                    "amount": engine.to_decimal(ledger.limit.may_draw) if ledger.limit else None
                }
            ),
            "receipt_form": forms.ReceiptForm(
                lines=lines, prefix="receipt", initial={"paid_on": today}
            ),
            "import_form": forms.UploadForm(prefix="import"),
            "report_form": forms.ReportForm(initial={"report_text": report_text}),
            "report_drafted": drafted,
            "steps": _steps(grant) if keeps else [],
        },
    )


STEP_LABELS = {
    "submit": gettext_lazy("Submit the application"),
    "reject": gettext_lazy("Record the rejection"),
    "start": gettext_lazy("Start the project"),
    "submit_report": gettext_lazy("Submit the statement of use"),
    "mark_checked": gettext_lazy("Record the funder's check"),
    "close": gettext_lazy("Close the grant"),
}


def _steps(grant: Grant) -> list[tuple[str, str]]:
    return [
        (action, str(STEP_LABELS[action]))
        for action, (source, _t) in grant_services.TRANSITIONS.items()
        if source == grant.status
    ]


def _grant_post(request: HttpRequest, pk: int) -> tuple[Any, Grant]:
    user = signed_in(request)
    return user, selectors.access_grant(user, pk)


@login_required
@require_POST
def grant_advance(request: HttpRequest, pk: int) -> HttpResponse:
    user, grant = _grant_post(request, pk)
    try:
        grant_services.advance_grant(grant, request.POST.get("action", ""), by=user)
        messages.success(
            request, _("The grant is now: %(status)s.") % {"status": grant.get_status_display()}
        )
    except ValidationError as error:
        _errors(request, error)
    return redirect(grant)


@login_required
@require_POST
def grant_decision(request: HttpRequest, pk: int) -> HttpResponse:
    user, grant = _grant_post(request, pk)
    form = forms.DecisionForm(request.POST)
    if form.is_valid():
        try:
            grant_services.record_decision(grant, by=user, **form.cleaned_data)
            messages.success(request, _("The approval was recorded."))
        except ValidationError as error:
            _errors(request, error)
    else:
        messages.error(
            request, _("Please check the approval: %(errors)s") % {"errors": form.errors.as_text()}
        )
    return redirect(grant)


@login_required
@require_POST
def plan_line_add(request: HttpRequest, pk: int) -> HttpResponse:
    user, grant = _grant_post(request, pk)
    form = forms.PlanLineForm(
        request.POST, floors=selectors.current_fee_floors(date.today()), prefix="plan"
    )
    if form.is_valid():
        try:
            grant_services.add_plan_line(grant, by=user, **form.cleaned_data)
            messages.success(request, _("The cost line was added."))
        except ValidationError as error:
            _errors(request, error)
    else:
        messages.error(
            request, _("Please check the cost line: %(errors)s") % {"errors": form.errors.as_text()}
        )
    return redirect(f"{grant.get_absolute_url()}#plan")


@login_required
def plan_line_edit(request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
    user, grant = _grant_post(request, pk)
    line = grant.plan_lines.filter(pk=line_pk).select_related("fee_floor__table").first()
    if line is None:
        raise Http404
    if not user.has_perm("funding.change_plan", grant):
        raise PermissionDenied
    floors = selectors.current_fee_floors(date.today())
    form = forms.PlanLineForm(request.POST or None, instance=line, floors=floors, prefix="plan")
    if request.method == "POST" and form.is_valid():
        try:
            if request.POST.get("delete"):
                grant_services.delete_plan_line(line, by=user)
                messages.success(request, _("The cost line was removed."))
            else:
                grant_services.update_plan_line(line, by=user, **form.cleaned_data)
                messages.success(request, _("The cost line was saved."))
            return redirect(f"{grant.get_absolute_url()}#plan")
        except ValidationError as error:
            form.add_error(None, error)
    return render(
        request, "funding/plan_line_form.html", {"form": form, "grant": grant, "line": line}
    )


@login_required
@require_POST
def income_line_add(request: HttpRequest, pk: int) -> HttpResponse:
    user, grant = _grant_post(request, pk)
    form = forms.IncomeLineForm(request.POST, prefix="income")
    if form.is_valid():
        data = form.cleaned_data
        try:
            grant_services.add_income_line(
                grant,
                by=user,
                kind=data["kind"],
                description=data["description"],
                amount=data["amount"] or Decimal("0"),
                hourly_value=data["hourly_value"],
            )
            messages.success(request, _("The income line was added."))
        except ValidationError as error:
            _errors(request, error)
    else:
        messages.error(
            request,
            _("Please check the income line: %(errors)s") % {"errors": form.errors.as_text()},
        )
    return redirect(f"{grant.get_absolute_url()}#plan")


@login_required
@require_POST
def volunteer_time_add(request: HttpRequest, pk: int) -> HttpResponse:
    user, grant = _grant_post(request, pk)
    form = forms.VolunteerTimeForm(
        request.POST, lines=grant.income_lines.filter(kind="volunteer"), prefix="time"
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            grant_services.add_volunteer_time(data.pop("line"), by=user, **data)
            messages.success(request, _("The hours were recorded."))
        except ValidationError as error:
            _errors(request, error)
    else:
        messages.error(request, form.errors.as_text())
    return redirect(f"{grant.get_absolute_url()}#plan")


@login_required
@require_POST
def draw_request(request: HttpRequest, pk: int) -> HttpResponse:
    user, grant = _grant_post(request, pk)
    form = forms.DrawForm(request.POST)
    if form.is_valid():
        try:
            grant_services.request_draw(
                grant, form.cleaned_data["amount"], by=user, note=form.cleaned_data["note"]
            )
            messages.success(request, _("The draw request was recorded."))
        except ValidationError as error:
            _errors(request, error)
    else:
        messages.error(request, form.errors.as_text())
    return redirect(f"{grant.get_absolute_url()}#draws")


@login_required
@require_POST
def receipt_add(request: HttpRequest, pk: int) -> HttpResponse:
    user, grant = _grant_post(request, pk)
    form = forms.ReceiptForm(
        request.POST, request.FILES, lines=grant.plan_lines.all(), prefix="receipt"
    )
    if form.is_valid():
        try:
            grant_services.add_receipt(grant, by=user, **form.cleaned_data)
            messages.success(request, _("The receipt was entered."))
        except ValidationError as error:
            _errors(request, error)
    else:
        messages.error(
            request, _("Please check the receipt: %(errors)s") % {"errors": form.errors.as_text()}
        )
    return redirect(f"{grant.get_absolute_url()}#receipts")


@login_required
def receipt_import(request: HttpRequest, pk: int) -> HttpResponse:
    user, grant = _grant_post(request, pk)
    if not user.has_perm("funding.keep_ledger", grant):
        raise PermissionDenied
    form = forms.UploadForm(request.POST or None, request.FILES or None, prefix="import")
    report = None
    if request.method == "POST" and form.is_valid():
        report = grant_services.import_receipts(grant, form.cleaned_data["file"].read(), by=user)
        if report.ok:
            messages.success(request, _("%(count)d receipts imported.") % {"count": report.written})
            return redirect(f"{grant.get_absolute_url()}#receipts")
    return render(
        request,
        "funding/import.html",
        {"form": form, "report": report, "kind": "receipts", "grant": grant},
    )


@login_required
@require_POST
def report_save(request: HttpRequest, pk: int) -> HttpResponse:
    user, grant = _grant_post(request, pk)
    form = forms.ReportForm(request.POST)
    if form.is_valid():
        grant_services.save_report_text(grant, form.cleaned_data["report_text"], by=user)
        messages.success(request, _("The factual report was saved."))
    return redirect(f"{grant.get_absolute_url()}#report")


@login_required
def receipt_file(request: HttpRequest, pk: int, number: int) -> FileResponse:
    """A receipt's file, only for those who may see the grant's ledger (never a public
    media address)."""
    grant = selectors.access_grant(viewer(request), pk)
    receipt = grant.receipts.filter(number=number).first()
    if receipt is None or not receipt.file:
        raise Http404
    return FileResponse(
        receipt.file.open("rb"), as_attachment=True, filename=receipt.file.name.rsplit("/", 1)[-1]
    )


@login_required
def statement_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    grant = selectors.access_grant(viewer(request), pk)
    response = HttpResponse(
        reports.statement_pdf(selectors.ledger_of(grant, date.today(), with_receipts=True)),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'attachment; filename="verwendungsnachweis-{grant.pk}.pdf"'
    return response


@login_required
def statement_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    grant = selectors.access_grant(viewer(request), pk)
    response = HttpResponse(
        reports.statement_xlsx(selectors.ledger_of(grant, date.today(), with_receipts=True)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="verwendungsnachweis-{grant.pk}.xlsx"'
    return response


# Fair pay ------------------------------------------------------------------------------------


def fee_floors(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "funding/fee_floors.html",
        {"tables": selectors.fee_floor_tables(date.today()), "today": date.today()},
    )


def fee_calculator(request: HttpRequest) -> HttpResponse:
    floors = selectors.current_fee_floors(date.today()).filter(unit="hour")
    form = forms.FeeCalculatorForm(request.GET or None, floors=floors)
    result = None
    if request.GET and form.is_valid():
        data = form.cleaned_data

        def minutes(hours: Decimal) -> int:
            return int(hours * 60)

        floor = data["floor"]
        result = engine.calculate_fee(
            preparation_minutes=minutes(data["preparation_hours"]),
            delivery_minutes=minutes(data["delivery_hours"]),
            follow_up_minutes=minutes(data["follow_up_hours"]),
            travel_minutes=minutes(data["travel_hours"]),
            hourly_rate=engine.to_cents(data["hourly_rate"]),
            travel_costs=engine.to_cents(data["travel_costs"]),
            hourly_floor=engine.to_cents(floor.amount) if floor else None,
        )
    return render(request, "funding/calculator.html", {"form": form, "result": result})
