"""An enterprise's own page: what it sent and what came back, the dialogues it takes part in, its yearly
self-assessments with what is still to do, the dialogues to come it may sign up for, and the answers its
agency has published.

Read only. Every row comes through the models' `visible_to` narrowed to the person's own enterprise, so
another enterprise's feedback, dialogues or results cannot appear; of the dialogues to come only the title,
date and place show; the published answers are the public copies anyone reads at /cong-khai/.
"""

import datetime
from dataclasses import dataclass

from thidua.engagement.models import (
    Assessment,
    CriterionSet,
    Dialogue,
    Feedback,
    acts_for_enterprise,
)
from thidua.org.models import Enterprise, Organization
from thidua.org.roles import Capability

LIST_LIMIT = 10
PUBLISHED_LIMIT = 5


@dataclass(frozen=True)
class YearAssessment:
    """One year's criteria and where the enterprise stands with them."""

    criterion_set: CriterionSet
    assessment: Assessment | None
    this_year: int

    @property
    def to_do(self) -> bool:
        """The enterprise has still to score itself and send its points."""
        return self.assessment is None or self.assessment.state == Assessment.State.DRAFT

    @property
    def late(self) -> bool:
        """The year is over and nothing was sent: the office ranks the year without it."""
        return self.to_do and self.criterion_set.year < self.this_year


@dataclass(frozen=True)
class Portal:
    enterprise: Enterprise
    organization: Organization
    feedback: list[Feedback]
    feedback_total: int
    feedback_waiting: int
    upcoming_dialogues: list[Dialogue]
    open_dialogues: list[Dialogue]
    held_dialogues: list[Dialogue]
    years: list[YearAssessment]
    published: list[Feedback]
    can_send_feedback: bool
    can_self_assess: bool
    can_register: bool

    @property
    def to_do(self) -> list[YearAssessment]:
        return [year for year in self.years if year.to_do] if self.can_self_assess else []


def portal_for(user, today: datetime.date) -> Portal:
    """The portal of the enterprise `user` speaks for (the caller checks that they do)."""
    enterprise = user.enterprise
    organization = enterprise.organization
    feedback = (
        Feedback.objects.visible_to(user)
        .filter(enterprise=enterprise)
        .select_related("unit", "organization")
        .order_by("-received_on", "-pk")
    )
    dialogues = Dialogue.objects.visible_to(user).filter(enterprises=enterprise)
    upcoming = dialogues.open_for_registration(today).order_by("scheduled_on")
    registers = acts_for_enterprise(user, enterprise.pk, Capability.REGISTER_DIALOGUES, organization)
    return Portal(
        enterprise=enterprise,
        organization=organization,
        feedback=list(feedback[:LIST_LIMIT]),
        feedback_total=feedback.count(),
        feedback_waiting=feedback.filter(
            state__in=(Feedback.State.RECEIVED, Feedback.State.ASSIGNED)
        ).count(),
        upcoming_dialogues=list(upcoming[:LIST_LIMIT]),
        open_dialogues=list(
            Dialogue.objects.filter(organization=organization)
            .open_for_registration(today)
            .exclude(enterprises=enterprise)
            .order_by("scheduled_on")[:LIST_LIMIT]
        )
        if registers
        else [],
        held_dialogues=list(dialogues.held().order_by("-held_on")[:PUBLISHED_LIMIT]),
        years=_years(user, enterprise, organization, today),
        published=list(
            Feedback.objects.published()
            .filter(organization=organization)
            .select_related("organization")
            .order_by("-answered_on", "-pk")[:PUBLISHED_LIMIT]
        ),
        can_send_feedback=acts_for_enterprise(user, enterprise.pk, Capability.SEND_FEEDBACK, organization),
        can_self_assess=acts_for_enterprise(user, enterprise.pk, Capability.SELF_ASSESS, organization),
        can_register=registers,
    )


def _years(user, enterprise, organization, today: datetime.date) -> list[YearAssessment]:
    """Every year the agency has criteria for, newest first, with the enterprise's assessment if any."""
    own = {
        assessment.criterion_set_id: assessment
        for assessment in Assessment.objects.visible_to(user).filter(enterprise=enterprise)
    }
    sets = (
        CriterionSet.objects.filter(organization=organization, criteria__isnull=False)
        .distinct()
        .order_by("-year")
    )
    return [YearAssessment(s, own.get(s.pk), today.year) for s in sets]
