"""The dossier (hồ sơ đề nghị) sent up with a proposal to the province: the tờ trình as signed, the
council's minutes, the achievement reports, the lists. Kept privately; the office and the leaders read."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.awards.models.decisions import Proposal
from thidua.core.models import PrivateFile
from thidua.org.models import TenantQuerySet
from thidua.org.roles import Capability
from thidua.org.tenancy import SameOrganization


def proposal_file_path(row, filename: str) -> str:
    return f"awards/proposals/{row.proposal.organization_id}/{row.proposal_id}/{filename}"


class ProposalFileQuerySet(TenantQuerySet):
    """The office and the leaders of the proposal's agency read its dossier; nobody else."""

    organization_lookup = "proposal__organization"
    read_capability = Capability.VIEW_AWARDS


class ProposalFile(SameOrganization, PrivateFile):
    """One file of a proposal's dossier."""

    class Kind(models.TextChoices):
        SUBMISSION = "submission", _("Tờ trình")
        MINUTES = "minutes", _("Biên bản họp Hội đồng Thi đua – Khen thưởng")
        ACHIEVEMENTS = "achievements", _("Báo cáo thành tích")
        LIST = "list", _("Danh sách trích ngang")
        OTHER = "other", _("Tài liệu khác")

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="files", verbose_name=_("tờ trình")
    )
    kind = models.CharField(_("loại tài liệu"), max_length=20, choices=Kind, default=Kind.OTHER)
    file = models.FileField(_("tệp"), upload_to=proposal_file_path)

    objects = ProposalFileQuerySet.as_manager()
    history = HistoricalRecords()

    organization_from = "proposal"

    class Meta(PrivateFile.Meta):
        verbose_name = _("tệp hồ sơ đề nghị")
        verbose_name_plural = _("hồ sơ đề nghị")
