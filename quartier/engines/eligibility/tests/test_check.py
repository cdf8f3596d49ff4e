from datetime import date

import pytest

from quartier.engines.eligibility import (
    ELIGIBLE,
    MET,
    MISSING,
    NOT_ELIGIBLE,
    NOT_MET,
    UNCLEAR,
    WITH_TRUSTEE,
    Deadline,
    Profile,
    Programme,
    check,
    rank,
)

TODAY = date(2026, 12, 3)


def condition(programme: Programme, profile: Profile, key: str):
    result = check(programme, profile, TODAY)
    return next(c for c in result.conditions if c.key == key)


@pytest.mark.parametrize(
    ("programme", "met", "not_met", "missing", "key", "reasons"),
    [
        (
            Programme("p", "P", legal_forms=frozenset({"ev", "ggmbh"})),
            Profile(legal_form="ev"),
            Profile(legal_form="informal"),
            Profile(),
            "legal_form",
            ("e.V. darf beantragen", "Gruppe ohne Rechtsform gehört nicht dazu", "nicht angegeben"),
        ),
        (
            Programme("p", "P", non_profit_required=True),
            Profile(non_profit=True),
            Profile(non_profit=False),
            Profile(),
            "non_profit",
            ("gemeinnützig anerkannt", "Nur gemeinnützige", "nicht angegeben"),
        ),
        (
            Programme("p", "P", seat_regions=("DE-SN",)),
            Profile(seat_region="DE-SN-14713000"),
            Profile(seat_region="DE-BY"),
            Profile(),
            "seat",
            ("liegt im Fördergebiet", "liegt nicht in DE-SN", "nicht angegeben"),
        ),
        (
            Programme("p", "P", min_age_months=24),
            Profile(founded_on=date(2020, 1, 1)),
            Profile(founded_on=date(2026, 1, 15)),
            Profile(),
            "age",
            ("seit 83 Monaten", "erst seit 10 Monaten; verlangt sind 24", "Gründungsdatum fehlt"),
        ),
        (
            Programme("p", "P", topics=frozenset({"kultur", "jugend"})),
            Profile(topics=frozenset({"kultur", "sport"})),
            Profile(topics=frozenset({"sport"})),
            Profile(),
            "topic",
            ("Thema passt (kultur)", "nur die Themen jugend, kultur", "nicht angegeben"),
        ),
        (
            Programme("p", "P", regions=("DE",)),
            Profile(region="DE-ST"),
            Profile(region="AT-9"),
            Profile(),
            "region",
            ("DE-ST liegt im Fördergebiet", "AT-9 liegt nicht im Fördergebiet", "nicht angegeben"),
        ),
        (
            Programme("p", "P", phases=frozenset({"trial"})),
            Profile(phase="trial"),
            Profile(phase="completed"),
            Profile(),
            "phase",
            ("passt", "nur andere Projektphasen", "nicht angegeben"),
        ),
        (
            Programme("p", "P", min_amount=100_000, max_amount=5_000_000),
            Profile(total_costs=1_200_000, own_funds=200_000),
            Profile(requested=50_000),
            Profile(),
            "amount",
            (
                "10.000 € liegt im Förderrahmen",
                "unter der Mindestförderung von 1.000 €",
                "nicht angegeben",
            ),
        ),
        (
            Programme("p", "P", own_share_bp=1000),
            Profile(total_costs=1_200_000, own_funds=120_000),
            Profile(total_costs=1_200_000, own_funds=0),
            Profile(total_costs=1_200_000),
            "own_share",
            (
                "10 % (1.200 €) ist gedeckt",
                "Eigenanteil von 10 % fehlt: 1.200 €",
                "nicht angegeben",
            ),
        ),
        (
            Programme("p", "P", deadline=Deadline("fixed", (date(2026, 1, 1), date(2027, 3, 1)))),
            Profile(),
            None,
            None,
            "deadline",
            ("Nächste Frist: 01.03.2027",),
        ),
    ],
)
def test_each_condition_answers_met_not_met_or_missing_with_a_german_reason(
    programme, met, not_met, missing, key, reasons
):
    for profile, status, reason in zip(
        (met, not_met, missing), (MET, NOT_MET, MISSING), reasons, strict=False
    ):
        if profile is None:
            continue
        result = condition(programme, profile, key)
        assert result.status == status, (key, status, result)
        assert reason in result.reason, (result.reason, reason)


def test_a_passed_fixed_deadline_is_not_met_and_a_rolling_one_is_always_open():
    over = Programme("p", "P", deadline=Deadline("fixed", (date(2026, 1, 1),)))
    assert condition(over, Profile(), "deadline").status == NOT_MET
    assert check(over, Profile(), TODAY).overall == NOT_ELIGIBLE
    rolling = Programme("p", "P")
    assert condition(rolling, Profile(), "deadline").reason == "Anträge sind jederzeit möglich."


def test_a_yearly_call_is_next_year_once_this_years_date_has_passed():
    yearly = Deadline("yearly", month=3, day=31)
    assert yearly.next_on(TODAY) == date(2027, 3, 31)
    assert yearly.next_on(date(2027, 3, 31)) == date(2027, 3, 31)


def test_an_initiative_without_legal_form_is_eligible_with_a_non_profit_trustee():
    programme = Programme(
        "p",
        "Soziokultur",
        legal_forms=frozenset({"ev"}),
        non_profit_required=True,
        trustee_allowed=True,
    )
    result = check(programme, Profile(legal_form="informal", non_profit=False), TODAY)
    assert result.overall == WITH_TRUSTEE
    assert result.overall_label == "förderfähig mit Treuhänder"
    assert result.remedies[0] == "mit einem gemeinnützigen Träger als Treuhänder förderfähig"
    strict = Programme("q", "Q", legal_forms=frozenset({"ev"}))
    assert check(strict, Profile(legal_form="informal"), TODAY).overall == NOT_ELIGIBLE


def test_the_remedy_names_the_missing_own_share_in_euros():
    programme = Programme("p", "P", own_share_bp=1000)
    result = check(programme, Profile(total_costs=1_200_000, own_funds=0), TODAY)
    assert result.overall == NOT_ELIGIBLE
    assert "Eigenanteil von 10 % fehlt: 1.200 €" in result.remedies


def test_volunteer_hours_count_as_own_share_only_where_the_programme_allows_it():
    profile = Profile(total_costs=1_000_000, own_funds=0, volunteer_value=100_000)
    assert (
        check(Programme("p", "P", own_share_bp=1000, volunteer_counts=True), profile, TODAY).overall
        == ELIGIBLE
    )
    assert check(Programme("p", "P", own_share_bp=1000), profile, TODAY).overall == NOT_ELIGIBLE


def test_missing_details_make_the_result_unclear_and_say_which():
    result = check(Programme("p", "P", topics=frozenset({"kultur"})), Profile(), TODAY)
    assert result.overall == UNCLEAR
    assert result.remedies == ("fehlende Angaben ergänzen: Thema",)


def test_ranking_puts_eligible_first_then_fit_then_nearest_deadline_then_amount():
    profile = Profile(legal_form="informal", topics=frozenset({"kultur"}), requested=100_000)
    programmes = [
        Programme("trustee", "T", legal_forms=frozenset({"ev"}), trustee_allowed=True),
        Programme(
            "late",
            "L",
            topics=frozenset({"kultur"}),
            deadline=Deadline("fixed", (date(2027, 6, 1),)),
        ),
        Programme(
            "soon",
            "S",
            topics=frozenset({"kultur"}),
            deadline=Deadline("fixed", (date(2027, 1, 10),)),
        ),
        Programme("big", "B", topics=frozenset({"kultur"}), max_amount=10_000_000),
        Programme("small", "K", topics=frozenset({"kultur"}), max_amount=500_000),
        Programme("no", "N", topics=frozenset({"sport"})),
    ]
    ranked = [r.programme.id for r in rank(programmes, profile, TODAY)]
    assert ranked[:2] == ["soon", "late"]
    assert ranked[2:4] == ["big", "small"]
    assert ranked[-1] == "trustee"
    assert "no" not in ranked
    assert len(rank(programmes, profile, TODAY, include_not_eligible=True)) == 6


def test_the_quick_screen_of_the_ranking_agrees_with_the_full_check():
    import random

    from quartier.engines.eligibility.check import OVERALL_ORDER

    rng = random.Random(7)
    forms = ["ev", "informal", "gmbh", None]
    programmes = [
        Programme(
            f"p{i}",
            "P",
            legal_forms=frozenset(rng.sample(["ev", "gmbh", "ggmbh"], 2))
            if rng.random() < 0.7
            else None,
            non_profit_required=rng.random() < 0.5,
            seat_regions=("DE-SN",) if rng.random() < 0.3 else None,
            min_age_months=rng.choice([0, 12]),
            topics=frozenset({"kultur"}) if rng.random() < 0.5 else None,
            regions=("DE",) if rng.random() < 0.5 else None,
            phases=frozenset({"trial"}) if rng.random() < 0.3 else None,
            max_amount=rng.choice([None, 1_000_000]),
            own_share_bp=rng.choice([0, 1000]),
            volunteer_counts=rng.random() < 0.5,
            trustee_allowed=rng.random() < 0.5,
            deadline=rng.choice([Deadline(), Deadline("fixed", (date(2026, 1, 1),))]),
        )
        for i in range(200)
    ]
    for _ in range(30):
        profile = Profile(
            legal_form=rng.choice(forms),
            non_profit=rng.choice([True, False, None]),
            seat_region=rng.choice(["DE-SN", "DE-BY", None]),
            founded_on=rng.choice([date(2020, 1, 1), date(2026, 6, 1), None]),
            topics=rng.choice([frozenset({"kultur"}), frozenset({"sport"}), None]),
            region=rng.choice(["DE-SN-1", None]),
            phase=rng.choice(["trial", "idea", None]),
            total_costs=rng.choice([None, 500_000, 2_000_000]),
            own_funds=rng.choice([None, 0, 100_000]),
            volunteer_value=rng.choice([0, 60_000]),
        )
        full = sorted(
            (OVERALL_ORDER[r.overall], -r.fit, r.programme.id)
            for r in (check(p, profile, TODAY) for p in programmes)
        )
        ranked = sorted(
            (OVERALL_ORDER[r.overall], -r.fit, r.programme.id)
            for r in rank(programmes, profile, TODAY, include_not_eligible=True)
        )
        assert ranked == full


def test_with_a_trustee_what_is_unknown_about_the_initiative_itself_no_longer_matters():
    programme = Programme(
        "p", "P", legal_forms=frozenset({"ev"}), non_profit_required=True, trustee_allowed=True,
        topics=frozenset({"kultur"}),
    )  # fmt: skip
    assert (
        check(programme, Profile(legal_form="informal"), TODAY).overall == UNCLEAR
    )  # topic unknown
    profile = Profile(legal_form="informal", topics=frozenset({"kultur"}))
    assert check(programme, profile, TODAY).overall == WITH_TRUSTEE
