"""A proposal's dossier (hồ sơ đề nghị): the office adds the files sent up with the tờ trình while the
province has not answered, and removes one only while the proposal is a draft (what was sent stays).
Each change is audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.awards.models import Proposal, ProposalFile
from thidua.core.audit import delete_audited, save_audited
from thidua.core.uploads import save_private_file, validate_evidence
from thidua.org.access import require
from thidua.org.roles import Capability

ANSWERED = _("Tỉnh đã trả lời tờ trình: hồ sơ đề nghị không thay đổi được nữa.")
SENT = _("Tờ trình đã gửi: không bỏ được tệp đã gửi kèm; hãy thêm tài liệu bổ sung.")


@transaction.atomic
def proposal_file_add(*, proposal: Proposal, user, upload, kind: str) -> ProposalFile:
    """Add a file to the dossier, checked as every uploaded document is (type, size, content)."""
    require(user, Capability.MANAGE_AWARDS, proposal.organization)
    if proposal.answered:
        raise ValidationError(ANSWERED)
    validate_evidence(upload)
    row = ProposalFile(proposal=proposal, kind=kind, uploaded_by=user)
    save_private_file(row, upload)
    return save_audited(row, user=user, reason=_("Thêm tệp hồ sơ đề nghị"))


@transaction.atomic
def proposal_file_remove(*, row: ProposalFile, user) -> None:
    require(user, Capability.MANAGE_AWARDS, row.proposal.organization)
    if row.proposal.status != Proposal.Status.DRAFT:
        raise ValidationError(ANSWERED if row.proposal.answered else SENT)
    # The stored bytes stay, as for every removed upload: the history still names them.
    delete_audited(row, user=user, reason=_("Bỏ tệp hồ sơ đề nghị"))
