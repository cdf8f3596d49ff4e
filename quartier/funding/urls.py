from django.urls import path

from quartier.funding import views, views_fair_pay

app_name = "funding"

urlpatterns = [
    path("", views.programme_list, name="list"),
    path("programme.csv", views.programme_export, name="export"),
    path("programm/neu/", views.programme_create, name="programme_create"),
    path("programm/import/", views.programme_import, name="programme_import"),
    path("programm/<slug:slug>/", views.programme_detail, name="programme"),
    path("programm/<slug:slug>/bearbeiten/", views.programme_edit, name="programme_edit"),
    path("fristen/", views.deadlines, name="deadlines"),
    path("fristen.ics", views.deadlines_ics, name="deadlines_ics"),
    path("projekt/<int:pk>/", views.project_funding, name="project"),
    path("projekt/<int:pk>/beobachten/<slug:slug>/", views.project_watch, name="watch"),
    path("projekt/<int:pk>/antrag/", views.grant_create, name="grant_create"),
    path("projekt/<int:pk>/fair-pay/", views_fair_pay.fair_pay_statement, name="fair_pay"),
    path(
        "projekt/<int:pk>/fair-pay/veroeffentlichen/",
        views_fair_pay.fair_pay_publish,
        name="fair_pay_publish",
    ),
    path("antraege/", views.grant_list, name="grants"),
    path("antrag/<int:pk>/", views.grant_detail, name="grant"),
    path("antrag/<int:pk>/schritt/", views.grant_advance, name="grant_advance"),
    path("antrag/<int:pk>/bewilligung/", views.grant_decision, name="grant_decision"),
    path("antrag/<int:pk>/ausgabe/", views.plan_line_add, name="plan_line_add"),
    path("antrag/<int:pk>/ausgabe/<int:line_pk>/", views.plan_line_edit, name="plan_line_edit"),
    path("antrag/<int:pk>/finanzierung/", views.income_line_add, name="income_line_add"),
    path("antrag/<int:pk>/stunden/", views.volunteer_time_add, name="volunteer_time_add"),
    path("antrag/<int:pk>/mittelabruf/", views.draw_request, name="draw"),
    path("antrag/<int:pk>/beleg/", views.receipt_add, name="receipt_add"),
    path("antrag/<int:pk>/beleg/<int:number>/datei/", views.receipt_file, name="receipt_file"),
    path("antrag/<int:pk>/belege/import/", views.receipt_import, name="receipt_import"),
    path("antrag/<int:pk>/sachbericht/", views.report_save, name="report"),
    path("antrag/<int:pk>/verwendungsnachweis.pdf", views.statement_pdf, name="statement_pdf"),
    path("antrag/<int:pk>/verwendungsnachweis.xlsx", views.statement_xlsx, name="statement_xlsx"),
    path("honoraruntergrenzen/", views.fee_floors, name="fee_floors"),
    path("honorarrechner/", views.fee_calculator, name="calculator"),
]
