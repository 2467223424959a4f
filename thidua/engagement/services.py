"""Engagement workflows: dialogues held, feedback from receipt to answer, assessments verified and ranked.

Each function is one transaction that records who did it and why in the history.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.audit import delete_audited, save_audited
from thidua.core.scoring import rank_rows
from thidua.core.uploads import save_private_file
from thidua.core.workdays import add_working_days
from thidua.engagement import handoffs
from thidua.engagement.models import (
    Assessment,
    Criterion,
    CriterionSet,
    Dialogue,
    DialogueAttachment,
    Feedback,
    FeedbackRule,
    Score,
)
from thidua.tracking import standing

INDICATORS = ("engagement.dialogues_held", "engagement.feedback_on_time_rate")
NO_RULE = gettext_lazy("Chưa có quy định thời hạn trả lời phản ánh, kiến nghị áp dụng cho ngày {date}.")
CRITERIA_FIXED = gettext_lazy(
    "Đã có doanh nghiệp gửi bản tự chấm theo bộ tiêu chí năm {year} nên không thêm, sửa hay xóa "
    "tiêu chí được nữa."
)
YEAR_TAKEN = gettext_lazy("Cơ quan đã có bộ tiêu chí của năm {year}.")

# The plan's part II.2 a–d (Lạng Sơn, enterprises of the sector) as a starting point the office edits:
# the agency's own wording, saved as its data, hence not translated. Points add up to 100.
PLAN_CRITERIA = (
    (Criterion.Group.EFFICIENCY, "Tăng năng suất lao động, chất lượng sản phẩm, năng lực cạnh tranh", 8),
    (Criterion.Group.EFFICIENCY, "Nâng cao doanh thu", 8),
    (Criterion.Group.EFFICIENCY, "Nâng cao lợi nhuận", 7),
    (Criterion.Group.EFFICIENCY, "Mở rộng thị trường", 7),
    (Criterion.Group.COMPLIANCE, "Thực hiện đầy đủ nghĩa vụ thuế", 6),
    (Criterion.Group.COMPLIANCE, "Thực hiện đầy đủ nghĩa vụ bảo hiểm xã hội", 6),
    (Criterion.Group.COMPLIANCE, "Bảo đảm an toàn lao động", 6),
    (Criterion.Group.COMPLIANCE, "Bảo vệ môi trường", 6),
    (Criterion.Group.COMPLIANCE, "Bảo đảm phòng cháy chữa cháy", 6),
    (Criterion.Group.INNOVATION, "Đầu tư máy móc, công nghệ hiện đại", 7),
    (Criterion.Group.INNOVATION, "Áp dụng chuyển đổi số", 7),
    (Criterion.Group.INNOVATION, "Đổi mới mô hình quản trị doanh nghiệp", 6),
    (Criterion.Group.WORKERS, "Thực hiện tốt chế độ tiền lương", 7),
    (Criterion.Group.WORKERS, "Thực hiện tốt chế độ bảo hiểm, an sinh cho người lao động", 7),
    (Criterion.Group.WORKERS, "Nâng cao đời sống vật chất, tinh thần cho người lao động", 6),
)


class EngagementError(Exception):
    """A workflow rule refused the change; the message is for the user."""


# ——— Dialogues ———


@transaction.atomic
def dialogue_schedule(
    *, organization, title: str, scheduled_on: datetime.date, user, place: str = "", enterprises=(), units=()
) -> Dialogue:
    dialogue = Dialogue(
        organization=organization, title=title, scheduled_on=scheduled_on, place=place, created_by=user
    )
    save_audited(dialogue, user=user, reason=_("Lên lịch đối thoại doanh nghiệp"))
    dialogue.enterprises.set(enterprises)
    dialogue.units.set(units)
    dialogue.full_clean()  # now that they are set: enterprises and units of this agency only
    return dialogue


@transaction.atomic
def dialogue_register(*, dialogue: Dialogue, enterprise, user, today: datetime.date) -> Dialogue:
    """An enterprise of the agency signs up for a dialogue still to come: it joins those who attend."""
    dialogue = Dialogue.objects.select_for_update().get(pk=dialogue.pk)
    if not Dialogue.objects.filter(pk=dialogue.pk).open_for_registration(today).exists():
        raise EngagementError(_("Buổi đối thoại đã tổ chức, đã hủy hoặc đã qua ngày: không nhận đăng ký."))
    if enterprise.organization_id != dialogue.organization_id:
        raise EngagementError(_("Doanh nghiệp không thuộc ngành của cơ quan tổ chức đối thoại."))
    if dialogue.enterprises.filter(pk=enterprise.pk).exists():
        return dialogue  # already invited or registered: nothing to record
    dialogue.enterprises.add(enterprise)
    return save_audited(dialogue, user=user, reason=_("Doanh nghiệp đăng ký tham dự đối thoại"))


@transaction.atomic
def dialogue_hold(*, dialogue: Dialogue, held_on: datetime.date, minutes: str, user) -> Dialogue:
    """Record that the dialogue took place, with its minutes; it now counts for the year."""
    if dialogue.status == Dialogue.Status.CANCELLED:
        raise EngagementError(_("Buổi đối thoại đã bị hủy."))
    dialogue.status, dialogue.held_on, dialogue.minutes = Dialogue.Status.HELD, held_on, minutes
    save_audited(dialogue, user=user, reason=_("Ghi nhận đã tổ chức đối thoại"))
    standing.refresh_measured_by(dialogue.organization_id, *INDICATORS)
    return dialogue


@transaction.atomic
def dialogue_raise_issue(*, dialogue: Dialogue, enterprise, subject: str, content: str, user) -> Feedback:
    """An issue an enterprise raised at the dialogue: it becomes a feedback item to answer."""
    if dialogue.status != Dialogue.Status.HELD:
        raise EngagementError(_("Chỉ ghi vấn đề của buổi đối thoại đã tổ chức."))
    return feedback_receive(
        organization=dialogue.organization,
        channel=Feedback.Channel.DIALOGUE,
        enterprise=enterprise,
        subject=subject,
        content=content,
        received_on=dialogue.held_on,
        user=user,
        dialogue=dialogue,
    )


@transaction.atomic
def dialogue_attach(*, dialogue: Dialogue, upload, user) -> DialogueAttachment:
    attachment = DialogueAttachment(dialogue=dialogue, uploaded_by=user)
    save_private_file(attachment, upload)
    return save_audited(attachment, user=user, reason=_("Thêm tệp đối thoại"))


# ——— Feedback ———


@transaction.atomic
def feedback_receive(
    *,
    organization,
    channel: str,
    subject: str,
    content: str,
    user,
    enterprise=None,
    received_on: datetime.date | None = None,
    publish_consent: bool = False,
    dialogue: Dialogue | None = None,
) -> Feedback:
    """Receive a feedback; its answer deadline comes from the rule in force on the day it arrived."""
    received_on = received_on or timezone.localdate()
    rule = FeedbackRule.objects.in_force(organization, received_on)
    if rule is None:
        raise EngagementError(NO_RULE.format(date=received_on.strftime("%d/%m/%Y")))
    feedback = Feedback(
        organization=organization,
        channel=channel,
        enterprise=enterprise,
        dialogue=dialogue,
        subject=subject,
        content=content,
        received_on=received_on,
        rule=rule,
        answer_due_on=add_working_days(received_on, rule.answer_working_days),
        publish_consent=publish_consent,
        created_by=user,
    )
    save_audited(feedback, user=user, reason=_("Tiếp nhận phản ánh, kiến nghị"))
    handoffs.feedback_received(feedback, user)
    return feedback


@transaction.atomic
def feedback_assign(*, feedback: Feedback, unit, user) -> Feedback:
    if feedback.state not in (Feedback.State.RECEIVED, Feedback.State.ASSIGNED):
        raise EngagementError(_("Phản ánh, kiến nghị này đã được trả lời hoặc chuyển đi."))
    feedback.unit, feedback.state = unit, Feedback.State.ASSIGNED
    save_audited(feedback, user=user, reason=_("Giao đơn vị xử lý"))
    handoffs.feedback_assigned(feedback, user)
    return feedback


@transaction.atomic
def feedback_answer(
    *, feedback: Feedback, answer: str, user, answered_on: datetime.date | None = None
) -> Feedback:
    if feedback.state != Feedback.State.ASSIGNED:
        raise EngagementError(_("Chỉ trả lời phản ánh, kiến nghị đang xử lý."))
    if not answer.strip():
        raise EngagementError(_("Nhập nội dung trả lời."))
    feedback.answer, feedback.answered_by = answer.strip(), user
    feedback.answered_on = answered_on or timezone.localdate()
    feedback.state = Feedback.State.ANSWERED
    save_audited(feedback, user=user, reason=_("Trả lời phản ánh, kiến nghị"))
    standing.refresh_measured_by(feedback.organization_id, *INDICATORS)
    handoffs.feedback_answered(feedback, user)
    return feedback


@transaction.atomic
def feedback_forward(*, feedback: Feedback, authority: str, user) -> Feedback:
    """Beyond the agency's competence: sent to a higher authority, and out of the on-time rate."""
    if feedback.state not in (Feedback.State.RECEIVED, Feedback.State.ASSIGNED):
        raise EngagementError(_("Phản ánh, kiến nghị này đã được trả lời hoặc chuyển đi."))
    if not authority.strip():
        raise EngagementError(_("Nhập tên cơ quan cấp trên nhận chuyển."))
    feedback.forwarded_to, feedback.state = authority.strip(), Feedback.State.FORWARDED
    save_audited(feedback, user=user, reason=_("Chuyển cơ quan cấp trên"))
    standing.refresh_measured_by(feedback.organization_id, *INDICATORS)
    return feedback


@transaction.atomic
def feedback_close(*, feedback: Feedback, user) -> Feedback:
    if feedback.state != Feedback.State.ANSWERED:
        raise EngagementError(_("Chỉ kết thúc phản ánh, kiến nghị đã được trả lời."))
    feedback.state = Feedback.State.CLOSED
    return save_audited(feedback, user=user, reason=_("Kết thúc phản ánh, kiến nghị"))


@transaction.atomic
def feedback_publish(
    *, feedback: Feedback, user, subject: str = "", content: str = "", answer: str = ""
) -> Feedback:
    """Publish the office's version of the question and answer (the originals stay internal).

    Empty parts take the original text; publishing again replaces the public version.
    """
    feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
    if not feedback.publish_consent:
        raise EngagementError(_("Doanh nghiệp chưa đồng ý công khai câu hỏi và trả lời."))
    if feedback.state not in Feedback.ANSWERED_STATES:
        raise EngagementError(_("Chỉ công khai phản ánh, kiến nghị đã được trả lời."))
    reason = _("Sửa bản công khai") if feedback.is_published else _("Công khai trả lời")
    feedback.public_subject = subject.strip() or feedback.subject
    feedback.public_content = content.strip() or feedback.content
    feedback.public_answer = answer.strip() or feedback.answer
    feedback.is_published = True
    return save_audited(feedback, user=user, reason=reason)


# ——— Enterprise emulation criteria ———


def _lock_for_criteria(criterion_set: CriterionSet) -> CriterionSet:
    """Lock the set's row, so a criterion change and an enterprise's submission never cross."""
    return CriterionSet.objects.select_for_update().get(pk=criterion_set.pk)


def _refuse_if_fixed(criterion_set: CriterionSet) -> None:
    if _lock_for_criteria(criterion_set).submitted_count():
        raise EngagementError(CRITERIA_FIXED.format(year=criterion_set.year))


@transaction.atomic
def criterion_set_create(
    *,
    organization,
    year: int,
    name: str,
    user,
    legal_basis: str = "",
    from_plan: bool = False,
    copy_of: CriterionSet | None = None,
) -> CriterionSet:
    """A year's criteria: empty, started from the plan's four groups (part II.2), or copied from a year's."""
    if CriterionSet.objects.filter(organization=organization, year=year).exists():
        raise EngagementError(YEAR_TAKEN.format(year=year))
    if copy_of is not None and copy_of.organization_id != organization.pk:
        raise EngagementError(_("Chỉ sao chép bộ tiêu chí của chính cơ quan."))
    criterion_set = CriterionSet(organization=organization, year=year, name=name, legal_basis=legal_basis)
    if copy_of is not None:
        save_audited(
            criterion_set,
            user=user,
            reason=_("Sao chép bộ tiêu chí năm {year}").format(year=copy_of.year),
        )
        rows = [(c.group, c.text, c.max_points) for c in copy_of.criteria.order_by("position", "pk")]
        reason = _("Sao chép từ bộ tiêu chí năm {year}").format(year=copy_of.year)
    else:
        save_audited(criterion_set, user=user, reason=_("Tạo bộ tiêu chí thi đua doanh nghiệp"))
        rows = PLAN_CRITERIA if from_plan else ()
        reason = _("Khởi tạo theo 4 nhóm tiêu chí của kế hoạch (mục II.2)")
    for position, (group, text, points) in enumerate(rows, start=1):
        criterion = Criterion(
            criterion_set=criterion_set, group=group, text=text, max_points=Decimal(points), position=position
        )
        save_audited(criterion, user=user, reason=reason)
    return criterion_set


@transaction.atomic
def criterion_add(
    *, criterion_set: CriterionSet, group: str, text: str, max_points: Decimal, user, position=None
) -> Criterion:
    """A new criterion, at the end unless given a place; refused once an enterprise has submitted."""
    _refuse_if_fixed(criterion_set)
    criterion = Criterion(
        criterion_set=criterion_set,
        group=group,
        text=text,
        max_points=max_points,
        position=criterion_set.next_position() if position is None else position,
    )
    return save_audited(criterion, user=user, reason=_("Thêm tiêu chí"))


@transaction.atomic
def criterion_update(
    *, criterion: Criterion, group: str, text: str, max_points: Decimal, user, position=None
) -> Criterion:
    _refuse_if_fixed(criterion.criterion_set)
    criterion.group, criterion.text, criterion.max_points = group, text, max_points
    if position is not None:
        criterion.position = position
    return save_audited(criterion, user=user, reason=_("Sửa tiêu chí"))


@transaction.atomic
def criterion_remove(*, criterion: Criterion, user) -> None:
    _refuse_if_fixed(criterion.criterion_set)
    delete_audited(criterion, user=user, reason=_("Xóa tiêu chí"))


# ——— Assessments ———


@transaction.atomic
def assessment_start(*, criterion_set, enterprise, user) -> Assessment:
    """The enterprise's assessment of the year, created on first visit; an existing one is returned."""
    existing = Assessment.objects.filter(criterion_set=criterion_set, enterprise=enterprise).first()
    if existing is not None:
        return existing
    assessment = Assessment(
        organization=criterion_set.organization, enterprise=enterprise, criterion_set=criterion_set
    )
    return save_audited(assessment, user=user, reason=_("Bắt đầu tự chấm điểm thi đua"))


@transaction.atomic
def assessment_submit(
    *, assessment: Assessment, scores: dict, user, evidence: dict | None = None
) -> Assessment:
    """The enterprise's own points (criterion → points), with evidence files, sent for checking."""
    if assessment.state == Assessment.State.VERIFIED:
        raise EngagementError(_("Bản tự chấm đã được thẩm định, không sửa được."))
    evidence = evidence or {}
    _lock_for_criteria(assessment.criterion_set)
    criteria = list(assessment.criterion_set.criteria.all())
    if not criteria:
        raise EngagementError(
            _("Bộ tiêu chí năm {year} chưa có tiêu chí nào.").format(year=assessment.criterion_set.year)
        )
    missing = [c for c in criteria if c not in scores]
    if missing:
        raise EngagementError(_("Chưa chấm tiêu chí “{text}”.").format(text=missing[0].text))
    for criterion in criteria:
        score = Score.objects.filter(assessment=assessment, criterion=criterion).first()
        score = score or Score(assessment=assessment, criterion=criterion)
        score.self_score = scores[criterion]
        if criterion in evidence:
            save_private_file(score, evidence[criterion], field="evidence")
        save_audited(score, user=user, reason=_("Tự chấm điểm"))
    assessment.self_total = sum((Decimal(scores[c]) for c in criteria), Decimal(0))
    assessment.state, assessment.submitted_at = Assessment.State.SUBMITTED, timezone.now()
    return save_audited(assessment, user=user, reason=_("Gửi bản tự chấm"))


@transaction.atomic
def assessment_verify(*, assessment: Assessment, scores: dict, user) -> Assessment:
    """The office's points per criterion; the total is theirs, and the year's ranking is redone."""
    if assessment.state != Assessment.State.SUBMITTED:
        raise EngagementError(_("Chỉ thẩm định bản tự chấm đã gửi."))
    total = Decimal(0)
    for score in assessment.scores.select_related("criterion"):
        score.verified_score = scores.get(score.criterion, score.self_score)
        save_audited(score, user=user, reason=_("Thẩm định điểm"))
        total += score.verified_score
    assessment.total, assessment.state = total, Assessment.State.VERIFIED
    assessment.verified_by, assessment.verified_at = user, timezone.now()
    save_audited(assessment, user=user, reason=_("Thẩm định kết quả thi đua"))
    assessments_rank(criterion_set=assessment.criterion_set, user=user)
    assessment.refresh_from_db()
    return assessment


@transaction.atomic
def assessments_rank(*, criterion_set, user) -> list[Assessment]:
    """Rank the verified assessments of a year by total, ties sharing a rank (1, 2, 2, 4)."""
    verified = list(
        criterion_set.assessments.filter(state=Assessment.State.VERIFIED).order_by(
            "-total", "enterprise__name", "pk"
        )
    )
    for assessment, rank in rank_rows(verified, lambda a: a.total):
        if assessment.rank != rank:
            assessment.rank = rank
            save_audited(assessment, user=user, reason=_("Xếp hạng thi đua doanh nghiệp"))
    return verified
