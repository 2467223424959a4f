"""Demo year-end 2026, the last step: from the nominations, the Director's decision (recorded, so the
reward book gains the 2026 lines) and a tờ trình to the province (Thanh Hóa's answered).

The nominations the council carried are taken when the council has met; otherwise every standing
nomination of the year. Nominations are added for those the engine finds eligible where the units have
not nominated them. Idempotent: an agency whose decision is already recorded is left as it is.
"""

import datetime
from typing import Any

from django.core.exceptions import ValidationError

from thidua.awards import decisions, services
from thidua.awards.models import Decision, DecisionLine, Nomination, Person, ProposalLine
from thidua.demo.dates import backdate
from thidua.org.models import Unit
from thidua.org.roles import Role

YEAR = 2026
D = datetime.date
PAPERS: dict[str, dict[str, Any]] = {
    "sxd-thanh-hoa": {
        "decision": ("245/QĐ-SXD", D(2026, 12, 3)),
        "proposal": ("118/TTr-SXD", D(2026, 12, 3)),
        # The province's answer: its decision, and the forms it did not grant.
        "outcome": ("3125/QĐ-UBND", D(2026, 12, 5), "Chủ tịch UBND tỉnh Thanh Hóa", {"bang_khen_tinh"}),
    },
    "sxd-lang-son": {
        "decision": ("198/QĐ-SXD", D(2026, 12, 4)),
        "proposal": ("95/TTr-SXD", D(2026, 12, 4)),
        "outcome": None,
    },
}
SUMMARY = "Hoàn thành tốt nhiệm vụ năm 2026; tích cực hưởng ứng phong trào thi đua của Sở."


def load_decisions(organization, people: dict) -> None:
    spec = PAPERS.get(organization.slug)
    if (
        spec is None
        or Decision.objects.filter(organization=organization, number=spec["decision"][0]).exists()
    ):
        return
    office, signer = people[Role.OFFICE], people[Role.LEADER].full_name
    decision = decisions.decision_create(
        organization=organization,
        user=office,
        year=YEAR,
        content=(
            "Tặng danh hiệu Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Tập thể lao động tiên tiến năm 2026"
        ),
    )
    proposal = decisions.proposal_create(
        organization=organization,
        user=office,
        year=YEAR,
        content="Đề nghị Chủ tịch UBND tỉnh tặng danh hiệu thi đua, Bằng khen năm 2026",
    )
    for nomination in _carried(organization, office):
        decider, _basis = decisions.authority(organization, nomination.title, spec["decision"][1])
        try:
            if decider == decisions.DIRECTOR:
                decisions.decision_add_line(
                    decision, user=office, title=nomination.title, nomination=nomination
                )
            else:
                decisions.proposal_add_line(
                    proposal, user=office, title=nomination.title, nomination=nomination
                )
        except ValidationError:
            continue  # a hold flag, or already rewarded: the list leaves them out, as the office would
    number, day = spec["decision"]
    decision = decisions.decision_issue(decision, user=office, number=number, signed_on=day, signer=signer)
    backdate(decision, issued_at=day)
    if not proposal.lines.exists():
        return
    number, day = spec["proposal"]
    proposal = decisions.proposal_send(proposal, user=office, number=number, signed_on=day, signer=signer)
    if spec["outcome"]:
        number, day, province_signer, refused = spec["outcome"]
        accepted = [line.pk for line in proposal.lines.all() if line.title not in refused]
        decisions.proposal_outcome(
            proposal,
            user=office,
            accepted=accepted,
            number=number,
            decided_on=day,
            signer=province_signer,
            note="Bằng khen của Chủ tịch UBND tỉnh: chưa đủ tiêu chuẩn, đề nghị xét lại năm sau."
            if refused
            else "",
        )


def _carried(organization, office) -> list[Nomination]:
    """The council's result when it has met, else every standing nomination of the year (with one for
    each subject the engine finds eligible where the unit nominated none)."""
    passed = decisions.passed_nominations(organization, YEAR)
    if passed:
        return passed
    _nominate(organization, office)
    listed = set(
        DecisionLine.objects.filter(organization=organization).values_list("nomination_id", flat=True)
    ) | set(ProposalLine.objects.filter(organization=organization).values_list("nomination_id", flat=True))
    return [
        n
        for n in Nomination.objects.filter(
            organization=organization, year=YEAR, status=Nomination.Status.SUBMITTED
        ).select_related("person", "unit")
        if n.pk not in listed
    ]


def _nominate(organization, office) -> None:
    """A nomination for each subject the engine does not find ineligible, where none exists yet."""
    units = {u.pk: u for u in Unit.objects.filter(organization=organization)}
    persons = {p.pk: p for p in Person.objects.filter(organization=organization)}
    for judgement in services.eligibility(organization, YEAR):
        if judgement.verdict == "not_eligible" or judgement.title == "giay_khen":
            continue  # Giấy khen goes to those the units single out, not to everyone eligible
        person = persons.get(judgement.key) if judgement.kind == "person" else None
        unit = person.unit if person else units.get(judgement.key)
        if unit is None:
            continue
        Nomination.objects.get_or_create(
            organization=organization,
            person=person,
            unit=unit,
            year=YEAR,
            title=judgement.title,
            defaults={"summary": SUMMARY, "created_by": office},
        )
