"""Plan workflows: read a document into a draft, review it, publish it. Each is one audited transaction."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.audit import save_audited
from thidua.core.formatting import format_date
from thidua.core.uploads import save_private_file
from thidua.org.models import Organization
from thidua.plans.checks import Span, plan_span, target_span
from thidua.plans.extraction import read_bytes, read_text
from thidua.plans.matching import match_unit, propose_lead_units
from thidua.plans.models import (
    Deadline,
    Movement,
    Phase,
    Plan,
    PlanDraft,
    Reference,
    Responsibility,
    Section,
    Target,
)
from thidua.plans.recurrence import occurrences


class PlanError(Exception):
    """A workflow rule refused the change; the message is for the user."""


def reader_limits() -> dict:
    """The plan reader's bounds from settings, for `read_bytes` (the reader itself knows no Django)."""
    return {
        "max_chars": settings.UPLOAD_PLAN_MAX_CHARS,
        "max_unpacked_bytes": settings.UPLOAD_OFFICE_MAX_UNPACKED_MB * 1024 * 1024,
    }


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def guess_deadline_kind(text: str) -> str:
    lowered = text.casefold()
    if "sơ kết" in lowered:
        return Deadline.Kind.INTERIM
    if "tổng kết" in lowered:
        return Deadline.Kind.FINAL
    if "kế hoạch" in lowered and "gửi" in lowered:
        return Deadline.Kind.UNIT_PLAN
    if "báo cáo" in lowered:
        return Deadline.Kind.REPORT
    return Deadline.Kind.OTHER


def _span(item: dict) -> dict:
    start, end = (item.get("span") or (None, None))[:2]
    return {"source_start": start, "source_end": end}


@transaction.atomic
def plan_create_from_draft(
    *, organization: Organization, draft: dict, user=None, source_file=None, reason: str = ""
) -> Plan:
    """Create a draft Plan with all its parts from a reader draft (format thidua.plan/v1)."""
    reason = reason or _("Nhập kế hoạch từ văn bản")
    document = draft["document"]
    movement = None
    if document.get("movement"):
        movement = Movement.objects.filter(organization=organization, name=document["movement"]).first()
        movement = movement or save_audited(
            Movement(organization=organization, name=document["movement"]), user=user, reason=reason
        )
    signer = document.get("signer") or {}
    span = plan_span(draft)
    if not span.is_ordered:
        raise PlanError(
            _(
                "Không ban hành được: thời gian của kế hoạch, đọc từ %(source)s, kết thúc ngày %(end)s "
                "trước khi bắt đầu ngày %(start)s. Sửa ngày ở mục đó rồi ban hành lại."
            )
            % {"source": span.source, "end": format_date(span.end), "start": format_date(span.start)}
        )
    plan = Plan(
        organization=organization,
        movement=movement,
        kind=document.get("kind") or "Kế hoạch",
        number=document.get("number") or "",
        title=document.get("title") or "",
        issued_on=_date(document.get("date")),
        issuer=document.get("issuer") or "",
        province=document.get("province") or "",
        signer_name=signer.get("name") or "",
        signer_position=signer.get("position") or "",
        signer_on_behalf_of=signer.get("on_behalf_of") or "",
        recipients=document.get("recipients") or [],
        source_text=draft.get("text") or "",
        starts_on=span.start,
        ends_on=span.end,
    )
    if source_file is not None:
        plan.source_file = source_file
    save_audited(plan, user=user, reason=reason)
    sections = _create_sections(plan, draft.get("sections") or [], user=user, reason=reason)
    _create_parts(plan, draft, sections, span, user=user, reason=reason)
    return plan


def _create_sections(plan: Plan, items: list[dict], *, user, reason: str) -> dict[str, Section]:
    sections: dict[str, Section] = {}
    for position, item in enumerate(items):
        sections[item["id"]] = save_audited(
            Section(
                plan=plan,
                parent=sections.get(item.get("parent")),
                label=item.get("label") or "",
                heading=item.get("heading") or "",
                position=position,
                source_start=item.get("start"),
                source_end=item.get("end"),
            ),
            user=user,
            reason=reason,
        )
    return sections


def _create_parts(
    plan: Plan, draft: dict, sections: dict[str, Section], span: Span, *, user, reason: str
) -> None:
    units = list(plan.organization.units.all())
    units_by_id = {unit.pk: unit for unit in units}
    seen_numbers = set()
    for position, item in enumerate(draft.get("references") or []):
        if item["number"] in seen_numbers:
            continue
        seen_numbers.add(item["number"])
        reference = Reference(
            plan=plan,
            kind=item.get("kind") or "",
            number=item["number"],
            issued_on=_date(item.get("date")),
            issuer=item.get("issuer") or "",
            position=position,
            **_span(item),
        )
        save_audited(reference, user=user, reason=reason)
    for position, item in enumerate(draft.get("targets") or []):
        starts_on, ends_on = target_span(item, span)
        target = Target(
            plan=plan,
            section=sections.get(item.get("section")),
            text=item["text"],
            comparator=item["comparator"],
            value=item["value"],
            value_max=item.get("value_max"),
            unit_of_measure=item.get("unit") or "",
            period_kind=item.get("period") or Target.PeriodKind.PLAN,
            per_unit=item.get("per") == "unit",
            starts_on=starts_on,
            ends_on=ends_on,
            lead_unit=units_by_id.get(item.get("lead_unit")),
            position=position,
            **_span(item),
        )
        save_audited(target, user=user, reason=reason)
    position = 0
    for item in draft.get("deadlines") or []:
        recurrence = item.get("recurrence") or Deadline.Recurrence.ONCE
        # A recurring deadline becomes one row per time it falls due, so the calendar, the
        # reminders and the overdue lists treat each time like any other deadline.
        for due_on in occurrences(_date(item["date"]), recurrence, span.end):
            deadline = Deadline(
                plan=plan,
                section=sections.get(item.get("section")),
                due_on=due_on,
                bound=item.get("bound") or Deadline.Bound.BEFORE,
                kind=guess_deadline_kind(item.get("text") or ""),
                recurrence=recurrence,
                text=item.get("text") or "",
                position=position,
                **_span(item),
            )
            save_audited(deadline, user=user, reason=reason)
            position += 1
    for position, item in enumerate(draft.get("phases") or []):
        phase = Phase(
            plan=plan,
            name=item.get("name") or _("Giai đoạn {number}").format(number=position + 1),
            starts_on=_date(item["start"]),
            ends_on=_date(item["end"]),
            position=position,
            **_span(item),
        )
        save_audited(phase, user=user, reason=reason)
    for position, item in enumerate(draft.get("responsibilities") or []):
        responsibility = Responsibility(
            plan=plan,
            section=sections.get(item.get("section")),
            unit_name=item["unit"],
            unit=match_unit(item["unit"], units),
            role=item.get("role") or Responsibility.Role.CARRY_OUT,
            text=item.get("text") or "",
            position=position,
        )
        save_audited(responsibility, user=user, reason=reason)


@transaction.atomic
def plan_publish(*, plan: Plan, user, reason: str = "") -> Plan:
    """Issue a draft plan: from now on its units carry it out and report on it."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != Plan.Status.DRAFT:
        raise PlanError(_("Chỉ kế hoạch ở trạng thái dự thảo mới được ban hành."))
    if not plan.title.strip():
        raise PlanError(_("Kế hoạch chưa có trích yếu."))
    plan.status = Plan.Status.PUBLISHED
    plan.published_at = timezone.now()
    return save_audited(plan, user=user, reason=reason or _("Ban hành kế hoạch"))


@transaction.atomic
def plan_draft_create(*, organization: Organization, user, upload=None, text: str = "") -> PlanDraft:
    """Read an uploaded document (or pasted text) into a draft for review.

    Raises the reader's ExtractionError, with its Vietnamese message, before anything is saved.
    """
    if upload is not None:
        data = read_bytes(upload.read(), upload.name, **reader_limits()).to_dict()
    else:
        data = read_text(text, max_chars=settings.UPLOAD_PLAN_MAX_CHARS).to_dict()
    propose_lead_units(data, organization.units.filter(is_active=True))
    draft = PlanDraft(organization=organization, data=data, source_name=upload.name if upload else "")
    if upload is not None:
        upload.seek(0)
        save_private_file(draft, upload, field="source_file")
    return save_audited(draft, user=user, reason=_("Đọc văn bản kế hoạch"))


@transaction.atomic
def plan_draft_update(*, draft: PlanDraft, user, document: dict, parts: dict[str, list]) -> PlanDraft:
    """Keep the office's corrections: the document facts and each part's reviewed items."""
    draft = PlanDraft.objects.select_for_update().get(pk=draft.pk)
    if not draft.is_open:
        raise PlanError(_("Bản nháp đã được ban hành hoặc đã hủy, không sửa được nữa."))
    draft.data = draft.data | parts | {"document": draft.data["document"] | document}
    return save_audited(draft, user=user, reason=_("Rà soát, chỉnh sửa bản nháp"))


@transaction.atomic
def plan_draft_publish(*, draft: PlanDraft, user) -> Plan:
    """Create the Plan with all its parts from the reviewed draft, and issue it."""
    draft = PlanDraft.objects.select_for_update().get(pk=draft.pk)
    if not draft.is_open:
        raise PlanError(_("Bản nháp đã được ban hành hoặc đã hủy."))
    plan = plan_create_from_draft(
        organization=draft.organization,
        draft=draft.data,
        user=user,
        source_file=draft.source_file.name or None,
    )
    plan = plan_publish(plan=plan, user=user)
    draft.status, draft.plan = PlanDraft.Status.PUBLISHED, plan
    save_audited(draft, user=user, reason=_("Ban hành kế hoạch"))
    return plan


@transaction.atomic
def plan_draft_discard(*, draft: PlanDraft, user) -> PlanDraft:
    draft = PlanDraft.objects.select_for_update().get(pk=draft.pk)
    if not draft.is_open:
        raise PlanError(_("Bản nháp đã được ban hành hoặc đã hủy."))
    draft.status = PlanDraft.Status.DISCARDED
    return save_audited(draft, user=user, reason=_("Hủy bản nháp"))


@transaction.atomic
def deadline_complete(*, deadline: Deadline, user, on: datetime.date | None = None) -> Deadline:
    """The office records that an agency obligation (an interim or final review…) was met."""
    if deadline.kind == Deadline.Kind.UNIT_PLAN:
        raise PlanError(_("Việc gửi kế hoạch được tính theo từng đơn vị khi kế hoạch của đơn vị đến."))
    deadline.completed_on = on or timezone.localdate()
    return save_audited(deadline, user=user, reason=_("Đánh dấu đã hoàn thành"))
