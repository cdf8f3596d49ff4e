from io import StringIO

from django.core.management import call_command


def test_the_daily_command_runs_every_daily_job(db):
    out = StringIO()
    call_command("daily", stdout=out)
    text = out.getvalue()
    assert "Vereinbarungen:" in text  # remind_agreements ran
    assert text.count("\n") >= 4  # and every other job reported a line
