"""From the council's result to the reward book: the Director's decisions and the proposals upward.

- Who decides a form is the `decided_by` parameter of its title rule in force (Luật 2022 Điều 80
  khoản 1: the Director decides LĐTT, CSTĐCS, TTLĐTT and Giấy khen; the Chủ tịch UBND tỉnh the rest),
  with its basis in the rule's `authority_basis`.
- A decision is drafted (its list, bonus per line shown as it would be today), then issued with its
  number, date and signer: each line becomes a line of the reward book (`Award`), its bonus the
  multiple of the form × the base salary in force on the decision's date, rounded up to 10.000 đồng.
- A proposal is drafted, sent (tờ trình number and date), and its outcome recorded when the province
  answers: the accepted lines become lines of the reward book under the province's decision.
- Refused throughout: a second reward for the same achievement (same person or unit, year, form and
  kind), and anyone under a hold flag (Nghị định 152/2025: no reward, no proposal).

Every change is audited; only the office (Capability.MANAGE_AWARDS) writes.
"""

import datetime
import math
from collections.abc import Callable, Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards import engine
from thidua.awards.models import (
    Award,
    BaseSalary,
    BonusMultiple,
    Decision,
    DecisionLine,
    HoldFlag,
    Nomination,
    Proposal,
    ProposalLine,
    SubjectKind,
    TitleRule,
)
from thidua.core.audit import save_audited
from thidua.org.access import require
from thidua.org.roles import Capability

DIRECTOR, PROVINCE = "director", "province"
BONUS_STEP = 10_000  # Nghị định 98/2023 Điều 54: rounded up to the next 10.000 đồng
MANAGE = Capability.MANAGE_AWARDS


# ——— Authority and bonus, as data ———


def authority(organization, title: str, day: datetime.date) -> tuple[str | None, str]:
    """Who decides `title` on `day` ("director" or "province") and on what basis; (None, "") when no
    rule of the title is in force."""
    rule = TitleRule.objects.in_force_by_title(organization, day).get(title)
    if rule is None:
        return None, ""
    basis = rule.parameters.get("authority_basis") or rule.legal_basis
    return rule.parameters.get("decided_by"), basis


def round_up(amount: Decimal, step: int = BONUS_STEP) -> int:
    return math.ceil(Decimal(amount) / step) * step


def bonus_for(organization, title: str, subject: str, day: datetime.date) -> int:
    """The bonus of a form for a person or a unit, by the tables in force on `day` (the decision's)."""
    salary = BaseSalary.objects.in_force(organization, day)
    if salary is None:
        raise ValidationError(
            _("Chưa có mức lương cơ sở áp dụng ngày %(day)s: bổ sung bảng mức lương cơ sở.")
            % {"day": day.strftime("%d/%m/%Y")}
        )
    row = BonusMultiple.objects.in_force_by_form(organization, day).get((title, subject))
    if row is None:
        raise ValidationError(
            _("Chưa có hệ số tiền thưởng của “%(title)s” áp dụng ngày %(day)s.")
            % {"title": _title_label(title), "day": day.strftime("%d/%m/%Y")}
        )
    return round_up(row.multiple * salary.amount)


def _title_label(title: str) -> str:
    from thidua.awards.models import Title

    return str(Title(title).label) if title in Title.values else title


# ——— Checks shared by decisions and proposals ———


def _subject(line) -> dict:
    return {"person_id": line.person_id} if line.person_id else {"unit_id": line.unit_id}


def held(line, day: datetime.date) -> bool:
    open_then = Q(closed_on__isnull=True) | Q(closed_on__gt=day)
    return HoldFlag.objects.filter(open_then, opened_on__lte=day, **_subject(line)).exists()


def _duplicate(line, year: int, kind: str) -> str | None:
    """Why `line` would reward an achievement already rewarded or already on another list, or None."""
    subject = _subject(line)
    same = {"year": year, "title": line.title, **subject}
    if Award.objects.filter(kind=kind, **same).exists():
        return _("%(subject)s đã được khen “%(title)s” cho thành tích năm %(year)s.")
    pending = DecisionLine.objects.filter(
        decision__year=year, decision__kind=kind, title=line.title, **subject
    )
    pending = pending.filter(decision__status=Decision.Status.DRAFT)
    proposed = ProposalLine.objects.filter(
        proposal__year=year, proposal__kind=kind, title=line.title, **subject
    ).filter(outcome=ProposalLine.Outcome.PENDING)
    if line.pk:
        pending = pending.exclude(pk=line.pk) if isinstance(line, DecisionLine) else pending
        proposed = proposed.exclude(pk=line.pk) if isinstance(line, ProposalLine) else proposed
    if pending.exists() or proposed.exists():
        return _("%(subject)s đã có trong một quyết định hoặc tờ trình khác về “%(title)s” năm %(year)s.")
    return None


def _check_line(line, paper, day: datetime.date, wanted: str) -> None:
    """Refuse a line: wrong authority, a second reward for the same achievement, a hold flag."""
    names = {"subject": line.subject, "title": line.get_title_display(), "year": paper.year}
    decider, basis = authority(paper.organization, line.title, day)
    if decider is None:
        raise ValidationError(_("“%(title)s” chưa có tiêu chuẩn đang có hiệu lực.") % names)
    if decider != wanted:
        names["basis"] = basis
        if wanted == DIRECTOR:
            raise ValidationError(
                _(
                    "“%(title)s” do Chủ tịch UBND tỉnh quyết định (%(basis)s): "
                    "lập tờ trình, không ra quyết định."
                )
                % names
            )
        raise ValidationError(
            _("“%(title)s” thuộc thẩm quyền của Giám đốc Sở (%(basis)s): ra quyết định, không lập tờ trình.")
            % names
        )
    duplicate = _duplicate(line, paper.year, paper.kind)
    if duplicate:
        raise ValidationError(duplicate % names)
    if held(line, day):
        raise ValidationError(
            _(
                "%(subject)s đang bị tạm dừng xét khen thưởng (kỷ luật, thanh tra, khiếu nại…): "
                "không thể khen thưởng hoặc đề nghị."
            )
            % names
        )


def _line_for(model, paper, *, title: str, person=None, unit=None, nomination=None):
    line = model(
        organization=paper.organization,
        person=person,
        unit=unit if person is None else None,
        title=title,
        nomination=nomination,
        **{"decision" if model is DecisionLine else "proposal": paper},
    )
    line.full_clean(exclude=["bonus"])
    return line


# ——— The council's result ———


def passed_nominations(organization, year: int) -> list[Nomination]:
    """The year's nominations the council carried (their latest agenda item passed), not yet on a list."""
    on_lists = set(
        DecisionLine.objects.filter(organization=organization, nomination__isnull=False).values_list(
            "nomination_id", flat=True
        )
    ) | set(
        ProposalLine.objects.filter(organization=organization, nomination__isnull=False).values_list(
            "nomination_id", flat=True
        )
    )
    rows = (
        Nomination.objects.filter(
            organization=organization,
            year=year,
            status=Nomination.Status.SUBMITTED,
            agenda_items__passed=True,
        )
        .select_related("person", "unit")
        .distinct()
        .order_by("unit__position", "unit__name", "title", "pk")
    )
    return [n for n in rows if n.pk not in on_lists]


@transaction.atomic
def draft_from_council(
    *, organization, user, year: int
) -> tuple[Decision | None, Proposal | None, list[str]]:
    """The office drafts, from the nominees the council carried, one decision (the Director's forms)
    and one proposal (the others). Nominees that cannot be listed are skipped, each with the reason."""
    require(user, MANAGE, organization)
    today = timezone.localdate()
    decision: Decision | None = None
    proposal: Proposal | None = None
    skipped: list[str] = []
    for nomination in passed_nominations(organization, year):
        decider, _basis = authority(organization, nomination.title, today)
        if decider == DIRECTOR:
            if decision is None:
                decision = decision_create(
                    organization=organization,
                    user=user,
                    year=year,
                    content=_("Tặng danh hiệu thi đua, Giấy khen năm %(year)s") % {"year": year},
                )
            paper: Decision | Proposal = decision
            add: Callable[..., object] = decision_add_line
        elif decider == PROVINCE:
            if proposal is None:
                proposal = proposal_create(
                    organization=organization,
                    user=user,
                    year=year,
                    content=_("Đề nghị Chủ tịch UBND tỉnh khen thưởng năm %(year)s") % {"year": year},
                )
            paper, add = proposal, proposal_add_line
        else:
            skipped.append(
                _("%(subject)s: “%(title)s” chưa có tiêu chuẩn đang có hiệu lực.") % _names(nomination)
            )
            continue
        try:
            with transaction.atomic():
                add(paper, user=user, title=nomination.title, nomination=nomination)
        except ValidationError as error:
            skipped.append(" ".join(error.messages))
    return decision, proposal, skipped


def _names(nomination) -> dict:
    return {"subject": nomination.subject, "title": nomination.get_title_display()}


# ——— Decisions ———


def _check_draft(paper) -> None:
    if paper.status != paper.Status.DRAFT:
        raise ValidationError(_("Chỉ sửa được khi còn là dự thảo."))


def _create(model, reason: str, *, organization, user, year: int, content: str, kind: str):
    require(user, MANAGE, organization)
    paper = model(organization=organization, year=year, kind=kind, content=content.strip(), created_by=user)
    return save_audited(paper, user=user, reason=reason)


def _add_line(model, paper, wanted: str, reason: str, *, user, title: str, person, unit, nomination):
    """Add a person or unit (a nomination's, when given) to a draft paper, for a form `wanted` decides."""
    require(user, MANAGE, paper.organization)
    _check_draft(paper)
    if nomination is not None:
        person, unit = nomination.person, nomination.unit
    line = _line_for(model, paper, title=title, person=person, unit=unit, nomination=nomination)
    _check_line(line, paper, paper.signed_on or timezone.localdate(), wanted)
    return save_audited(line, user=user, reason=reason)


@transaction.atomic
def decision_create(
    *, organization, user, year: int, content: str, kind: str = engine.AwardKind.ANNUAL
) -> Decision:
    reason = _("Lập dự thảo quyết định khen thưởng")
    return _create(
        Decision, reason, organization=organization, user=user, year=year, content=content, kind=kind
    )


@transaction.atomic
def decision_add_line(
    decision: Decision, *, user, title: str, person=None, unit=None, nomination=None
) -> DecisionLine:
    """Add a person or unit to a draft decision, for a form the Director decides."""
    reason = _("Thêm vào dự thảo quyết định khen thưởng")
    return _add_line(
        DecisionLine,
        decision,
        DIRECTOR,
        reason,
        user=user,
        title=title,
        person=person,
        unit=unit,
        nomination=nomination,
    )


@transaction.atomic
def line_remove(line, *, user) -> None:
    paper = line.decision if isinstance(line, DecisionLine) else line.proposal
    require(user, MANAGE, paper.organization)
    _check_draft(paper)
    line.delete()


@transaction.atomic
def decision_issue(
    decision: Decision, *, user, number: str, signed_on: datetime.date, signer: str
) -> Decision:
    """Record the signed decision: its number, date and signer; every line is checked again on that date,
    gets its bonus, and becomes a line of the reward book."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    require(user, MANAGE, decision.organization)
    _check_draft(decision)
    lines = list(decision.lines.select_related("person", "unit").order_by("pk"))
    if not lines:
        raise ValidationError(_("Quyết định chưa có ai trong danh sách."))
    decision.number, decision.signed_on, decision.signer = number.strip(), signed_on, signer.strip()
    if not decision.number or not decision.signer:
        raise ValidationError(_("Ghi số quyết định và người ký."))
    decision.status = Decision.Status.ISSUED
    decision.issued_by, decision.issued_at = user, timezone.now()
    save_audited(decision, user=user, reason=_("Ban hành quyết định khen thưởng"))
    for line in lines:
        _check_line(line, decision, signed_on, DIRECTOR)
        line.bonus = bonus_for(decision.organization, line.title, line.subject_kind, signed_on)
        save_audited(line, user=user, reason=_("Tính tiền thưởng"))
        _write_award(line, decision, number=decision.number, day=signed_on, signer=decision.signer, user=user)
    return decision


def _write_award(line, paper, *, number: str, day, signer: str, user) -> Award:
    award = Award(
        organization=paper.organization,
        person=line.person,
        unit=line.unit,
        year=paper.year,
        title=line.title,
        kind=paper.kind,
        decision_number=number,
        decision_date=day,
        signer=signer,
        bonus=line.bonus,
        decision=paper if isinstance(paper, Decision) else None,
        proposal=paper if isinstance(paper, Proposal) else None,
    )
    return save_audited(award, user=user, reason=_("Ghi sổ khen thưởng"))


# ——— Proposals ———


@transaction.atomic
def proposal_create(
    *, organization, user, year: int, content: str, kind: str = engine.AwardKind.ANNUAL
) -> Proposal:
    reason = _("Lập dự thảo tờ trình đề nghị khen thưởng")
    return _create(
        Proposal, reason, organization=organization, user=user, year=year, content=content, kind=kind
    )


@transaction.atomic
def proposal_add_line(
    proposal: Proposal, *, user, title: str, person=None, unit=None, nomination=None
) -> ProposalLine:
    """Add a person or unit to a draft proposal, for a form the province decides."""
    reason = _("Thêm vào dự thảo tờ trình")
    return _add_line(
        ProposalLine,
        proposal,
        PROVINCE,
        reason,
        user=user,
        title=title,
        person=person,
        unit=unit,
        nomination=nomination,
    )


@transaction.atomic
def proposal_send(
    proposal: Proposal, *, user, number: str, signed_on: datetime.date, signer: str
) -> Proposal:
    """The tờ trình goes to the province: no one under a hold flag on that day may be on it."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    require(user, MANAGE, proposal.organization)
    _check_draft(proposal)
    lines = list(proposal.lines.select_related("person", "unit"))
    if not lines:
        raise ValidationError(_("Tờ trình chưa có ai trong danh sách."))
    for line in lines:
        _check_line(line, proposal, signed_on, PROVINCE)
    proposal.number, proposal.signed_on, proposal.signer = number.strip(), signed_on, signer.strip()
    if not proposal.number or not proposal.signer:
        raise ValidationError(_("Ghi số tờ trình và người ký."))
    proposal.status = Proposal.Status.SENT
    return save_audited(proposal, user=user, reason=_("Trình UBND tỉnh"))


@transaction.atomic
def proposal_outcome(
    proposal: Proposal,
    *,
    user,
    accepted: Iterable[int],
    number: str = "",
    decided_on: datetime.date | None = None,
    signer: str = "",
    note: str = "",
) -> Proposal:
    """The province's answer: the lines accepted (by id) go into the reward book under the province's
    decision (number, date, signer needed then); the others are marked refused."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    require(user, MANAGE, proposal.organization)
    if proposal.status != Proposal.Status.SENT:
        raise ValidationError(_("Chỉ ghi kết quả cho tờ trình đã trình và chưa có kết quả."))
    lines = list(proposal.lines.select_related("person", "unit").order_by("pk"))
    accepted = set(accepted)
    if not accepted <= {line.pk for line in lines}:
        raise ValidationError(_("Danh sách được khen thưởng không khớp với tờ trình."))
    if accepted and (not number.strip() or decided_on is None):
        raise ValidationError(_("Ghi số và ngày quyết định khen thưởng của tỉnh."))
    if decided_on is not None and proposal.signed_on and decided_on < proposal.signed_on:
        raise ValidationError(_("Quyết định của tỉnh không thể trước ngày trình."))
    if not accepted:
        proposal.status = Proposal.Status.REFUSED
    else:
        proposal.status = Proposal.Status.ACCEPTED if len(accepted) == len(lines) else Proposal.Status.PARTLY
    proposal.result_number, proposal.result_date = number.strip(), decided_on
    proposal.result_signer, proposal.result_note = signer.strip(), note.strip()
    proposal.recorded_by = user
    save_audited(
        proposal,
        user=user,
        reason=_("Ghi kết quả tờ trình: %(status)s") % {"status": proposal.get_status_display()},
    )
    for line in lines:
        if line.pk in accepted:
            assert decided_on is not None
            if held(line, decided_on):
                raise ValidationError(
                    _("%(subject)s đang bị tạm dừng xét khen thưởng: không thể ghi sổ khen thưởng.")
                    % {"subject": line.subject}
                )
            line.outcome = ProposalLine.Outcome.ACCEPTED
            line.bonus = bonus_for(proposal.organization, line.title, line.subject_kind, decided_on)
        else:
            line.outcome = ProposalLine.Outcome.REFUSED
        save_audited(line, user=user, reason=_("Kết quả tờ trình"))
        if line.pk in accepted:
            assert decided_on is not None
            _write_award(
                line,
                proposal,
                number=proposal.result_number,
                day=decided_on,
                signer=proposal.result_signer,
                user=user,
            )
    return proposal


def bonus_preview(paper, lines, day: datetime.date | None = None) -> dict[int, int | None]:
    """What each line would bring if signed `day` (today by default); None where a table is missing."""
    day = day or timezone.localdate()
    salary = BaseSalary.objects.in_force(paper.organization, day)
    multiples = BonusMultiple.objects.in_force_by_form(paper.organization, day)
    preview: dict[int, int | None] = {}
    for line in lines:
        row = multiples.get((line.title, SubjectKind.PERSON if line.person_id else SubjectKind.UNIT))
        preview[line.pk] = round_up(row.multiple * salary.amount) if row and salary else None
    return preview
