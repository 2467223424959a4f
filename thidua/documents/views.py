"""Document pages: the list, generating a draft, editing it, issuing it, downloading .docx and .pdf."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.actions import run_action
from thidua.core.history import history_entries
from thidua.documents import services, templating
from thidua.documents.forms import DocumentForm, GenerateForm, IssueForm, TemplateForm
from thidua.documents.models import Document, DocumentTemplate
from thidua.documents.pdf import PdfError
from thidua.documents.registry import KINDS, readable_kinds
from thidua.org.access import get_for_user, get_rw_for_user, organization_for, require
from thidua.org.roles import Capability

PAGE_SIZE = 50
FORMATS = {
    "docx": ("docx", services.DOCX, services.docx_bytes),
    "pdf": ("pdf", "application/pdf", services.pdf_bytes),
}


@login_required
def document_list(request):
    organization = organization_for(request)
    require(request.user, Capability.VIEW_DOCUMENTS, organization)
    documents = (
        Document.objects.visible_to(request.user)
        .filter(organization=organization, kind__in=readable_kinds(request.user, organization))
        .select_related("plan")
    )
    can_manage = request.user.can(Capability.MANAGE_DOCUMENTS, organization)
    form = (
        GenerateForm(organization=organization, initial={"as_of": timezone.localdate()})
        if can_manage
        else None
    )
    context = {
        "organization": organization,
        "page": Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page")),
        "form": form,
    }
    return render(request, "documents/list.html", context)


@login_required
@require_POST
def document_generate(request):
    organization = organization_for(request)
    require(request.user, Capability.MANAGE_DOCUMENTS, organization)
    form = GenerateForm(request.POST, organization=organization)
    if not form.is_valid():
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
        return redirect("documents:list")
    document = services.document_generate(
        kind=form.cleaned_data["kind"],
        subject=form.cleaned_data["plan"],
        as_of=form.cleaned_data["as_of"],
        user=request.user,
    )
    messages.success(request, _("Đã tạo dự thảo từ số liệu; hãy rà soát, sửa rồi ban hành."))
    return redirect(document)


def _readable(document: Document, user) -> Document:
    """A reward document is read by those who see the rewards, not every reader of the reports."""
    kind = KINDS.get(document.kind)
    if kind is not None:
        require(user, kind.read_capability, document.organization)
    return document


@login_required
@require_POST
def document_generate_for(request, kind: str, pk: int):
    """A draft of `kind` about one decision, proposal, meeting or nomination, from its page."""
    if kind not in KINDS:
        raise Http404
    spec = KINDS[kind]
    subject = get_for_user(spec.model._default_manager.all(), request.user, pk=pk)
    require(request.user, Capability.MANAGE_DOCUMENTS, subject.organization)
    require(request.user, spec.read_capability, subject.organization)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, require_https=request.is_secure()):
        back = "documents:list"
    return run_action(
        request,
        lambda: services.document_generate(
            kind=kind, subject=subject, as_of=timezone.localdate(), user=request.user
        ),
        errors=(ValidationError,),
        success=_("Đã tạo dự thảo từ số liệu; hãy rà soát, sửa rồi ban hành."),
        to=back,
        then=lambda document: document,
    )


@login_required
def document_detail(request, pk: int):
    document = get_for_user(Document.objects.select_related("plan", "organization"), request.user, pk=pk)
    _readable(document, request.user)
    can_manage = request.user.can(Capability.MANAGE_DOCUMENTS, document.organization)
    context = {
        "document": document,
        "blocks": services.nd30.numbered(document.body()),
        "can_manage": can_manage and not document.is_issued,
        "issue_form": IssueForm(initial={"dated_on": timezone.localdate()}),
        "history": history_entries(Document.history.filter(id=document.pk)),
    }
    return render(request, "documents/detail.html", context)


@login_required
def document_edit(request, pk: int):
    document = get_rw_for_user(Document.objects.all(), request.user, Capability.MANAGE_DOCUMENTS, pk=pk)
    if document.is_issued:
        messages.error(request, services.ALREADY_ISSUED)
        return redirect(document)
    form = DocumentForm(request.POST or None, instance=document)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_edit(
                document=document, user=request.user, fields=form.header_fields(), texts=form.texts()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu dự thảo."))
            return redirect(document)
    return render(request, "documents/edit.html", {"document": document, "form": form})


@login_required
@require_POST
def document_issue(request, pk: int):
    document = get_rw_for_user(Document.objects.all(), request.user, Capability.MANAGE_DOCUMENTS, pk=pk)
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
        return redirect(document)
    return run_action(
        request,
        lambda: services.document_issue(document=document, user=request.user, **form.cleaned_data),
        errors=(ValidationError,),
        success=_("Đã ban hành văn bản; tệp đã ban hành được lưu giữ nguyên."),
        to=document,
    )


@login_required
def document_download(request, pk: int, fmt: str):
    if fmt not in FORMATS:
        raise Http404
    document = _readable(get_for_user(Document.objects.all(), request.user, pk=pk), request.user)
    extension, content_type, make = FORMATS[fmt]
    try:
        data = make(document)
    except PdfError as error:
        messages.error(request, str(error))
        return redirect(document)
    response = HttpResponse(data, content_type=content_type)
    disposition = content_disposition_header(True, services.file_name(document, extension))
    response["Content-Disposition"] = disposition or "attachment"
    return response


# ——— The agency's own templates ———


@login_required
def template_list(request):
    """Each kind, whether the agency uses its own .docx for it, the names a template may use, and the
    forms to upload one or go back to the built-in layout."""
    organization = organization_for(request)
    require(request.user, Capability.MANAGE_DOCUMENTS, organization)
    own = {t.kind: t for t in DocumentTemplate.objects.filter(organization=organization)}
    kinds = [
        {
            "kind": kind,
            "template": own.get(code),
            "placeholders": templating.offered(kind),
            "form": TemplateForm(prefix=code),
        }
        for code, kind in KINDS.items()
    ]
    context = {"organization": organization, "kinds": kinds}
    return render(request, "documents/templates.html", context)


@login_required
@require_POST
def template_upload(request, kind: str):
    if kind not in KINDS:
        raise Http404
    organization = organization_for(request)
    require(request.user, Capability.MANAGE_DOCUMENTS, organization)
    form = TemplateForm(request.POST, request.FILES, prefix=kind)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("documents:templates")
    return run_action(
        request,
        lambda: services.template_replace(
            organization=organization, kind=kind, upload=form.cleaned_data["file"], user=request.user
        ),
        errors=(ValidationError,),
        success=_("Đã dùng mẫu của cơ quan cho “{label}”.").format(label=KINDS[kind].label),
        to="documents:templates",
    )


@login_required
@require_POST
def template_reset(request, kind: str):
    organization = organization_for(request)
    require(request.user, Capability.MANAGE_DOCUMENTS, organization)
    template = DocumentTemplate.objects.filter(organization=organization, kind=kind).first()
    if template is None:
        raise Http404
    services.template_reset(template=template, user=request.user)
    messages.success(request, _("Đã dùng lại mẫu mặc định."))
    return redirect("documents:templates")
