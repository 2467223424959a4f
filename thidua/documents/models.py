"""Documents the agency issues from its data: generated as editable text, edited, then issued and frozen.

- `Document`: one document (a báo cáo sơ kết / tổng kết of a plan…): its header fields, its body as
  blocks (`nd30.Block` as JSON) the office edits before issuing, and once issued its number, date and
  the frozen .docx, kept privately so that it downloads again byte for byte.
- `DocumentTemplate`: an agency's own Word file for one kind, with named placeholders (docxtpl), used in
  place of the built-in layout; removing it returns to the built-in layout.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.documents import nd30
from thidua.org.models import Organization, TenantQuerySet, User
from thidua.org.roles import Capability
from thidua.org.tenancy import SameOrganization


def document_path(document, filename: str) -> str:
    return f"documents/{document.organization_id}/{document.pk or 'new'}/{filename}"


class DocumentQuerySet(TenantQuerySet):
    read_capability = Capability.VIEW_DOCUMENTS


class Document(SameOrganization, models.Model):
    """A document of the agency in the state format, from a draft the office edits to the issued file."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        ISSUED = "issued", _("Đã ban hành")

    class Authority(models.TextChoices):
        NONE = "", _("Người đứng đầu ký")
        TM = "TM.", _("TM. (thay mặt tập thể)")
        KT = "KT.", _("KT. (ký thay người đứng đầu)")
        Q = "Q.", _("Q. (quyền)")
        TL = "TL.", _("TL. (thừa lệnh)")
        TUQ = "TUQ.", _("TUQ. (thừa ủy quyền)")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    kind = models.CharField(_("loại văn bản"), max_length=40)
    plan = models.ForeignKey(
        "plans.Plan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kế hoạch"),
    )
    subject_id = models.PositiveBigIntegerField(
        _("mã đối tượng"),
        null=True,
        blank=True,
        help_text=_("Quyết định, tờ trình, cuộc họp… của loại văn bản"),
    )
    data = models.JSONField(
        _("số liệu cho mẫu"),
        default=dict,
        blank=True,
        help_text=_("Danh sách, số phiếu, tiền thưởng… khi tạo"),
    )
    as_of = models.DateField(_("số liệu tính đến ngày"))
    kind_title = models.CharField(_("tên loại"), max_length=100)
    summary = models.TextField(_("trích yếu"))
    symbol = models.CharField(_("ký hiệu"), max_length=40, help_text=_("Ví dụ BC-SXD"))
    number = models.CharField(_("số"), max_length=20, blank=True)
    place = models.CharField(_("địa danh"), max_length=100)
    dated_on = models.DateField(_("ngày văn bản"))
    issuer_parent = models.CharField(_("cơ quan chủ quản"), max_length=200, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200)
    signer_authority = models.CharField(
        _("thẩm quyền ký"), max_length=5, choices=Authority, default=Authority.KT, blank=True
    )
    signer_on_behalf_of = models.CharField(_("ký thay cho"), max_length=150, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=150)
    signer_name = models.CharField(_("họ tên người ký"), max_length=150)
    recipients = models.JSONField(_("nơi nhận"), default=list, blank=True)
    blocks = models.JSONField(_("nội dung"), default=list)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status, default=Status.DRAFT)
    file = models.FileField(_("tệp đã ban hành"), upload_to=document_path, blank=True)
    original_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    content_type = models.CharField(_("loại tệp"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("dung lượng (byte)"), null=True, blank=True)
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("người tạo")
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    issued_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người ban hành"),
    )
    issued_at = models.DateTimeField(_("ban hành lúc"), null=True, blank=True)

    objects = DocumentQuerySet.as_manager()
    history = HistoricalRecords()

    same_organization = ("plan",)

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.kind_title} {self.summary}"

    def get_absolute_url(self):
        return reverse("documents:document", args=[self.pk])

    @property
    def is_issued(self) -> bool:
        return self.status == self.Status.ISSUED

    @property
    def number_and_symbol(self) -> str:
        return f"{self.number}/{self.symbol}" if self.number else f"…/{self.symbol}"

    def body(self) -> list[nd30.Block]:
        return [nd30.Block.from_json(data) for data in self.blocks]

    def content(self) -> nd30.Content:
        """What the builder lays out: the stored header fields and the (edited) body."""
        return nd30.Content(
            issuer_parent=self.issuer_parent,
            issuer=self.issuer,
            symbol=self.symbol,
            place=self.place,
            dated=self.dated_on,
            kind_title=self.kind_title,
            summary=self.summary,
            blocks=self.body(),
            signature=nd30.Signature(
                title=self.signer_title,
                name=self.signer_name,
                authority=self.signer_authority,
                on_behalf_of=self.signer_on_behalf_of,
            ),
            recipients=list(self.recipients),
            number=self.number,
        )


def template_path(template, filename: str) -> str:
    return f"documents/{template.organization_id}/templates/{template.kind}.docx"


class DocumentTemplate(SameOrganization, models.Model):
    """An agency's own .docx for one kind of document, with named placeholders ({{ so_ky_hieu }}…) that
    Thi Đua fills; checked on upload against the names the kind offers."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("cơ quan")
    )
    kind = models.CharField(_("loại văn bản"), max_length=40)
    file = models.FileField(_("tệp mẫu"), upload_to=template_path)
    original_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    content_type = models.CharField(_("loại tệp"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("dung lượng (byte)"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("người tải lên")
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now=True)

    objects = DocumentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mẫu văn bản của cơ quan")
        verbose_name_plural = _("mẫu văn bản của cơ quan")
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "kind"],
                name="document_template_once",
                violation_error_message=_("Cơ quan đã có mẫu riêng cho loại văn bản này."),
            )
        ]

    def __str__(self):
        return f"{self.kind}: {self.original_name}"
