"""Forms of the staff register (a person, discipline, leave), the Excel uploads and a unit's ratings."""

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.awards.models import Discipline, HoldFlag, Leave, Person, Rating
from thidua.core.forms import BootstrapFormMixin
from thidua.core.uploads import validate_workbook
from thidua.org.models import Unit, User


class PersonForm(BootstrapFormMixin, forms.ModelForm):
    """A person of the register; the login account is one of the agency's accounts not yet linked."""

    class Meta:
        model = Person
        fields = ["full_name", "unit", "position", "category", "started_on", "user", "is_active"]

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organization = organization
        self.fields["unit"].queryset = Unit.objects.filter(organization=organization).order_by(
            "position", "name"
        )
        linked = Person.objects.filter(user__isnull=False).exclude(pk=self.instance.pk).values("user_id")
        self.fields["user"].queryset = (
            User.objects.filter(organization=organization, is_active=True)
            .exclude(pk__in=linked)
            .order_by("full_name", "username")
        )
        self.fields["user"].label_from_instance = lambda u: f"{u.full_name or u.username} ({u.username})"
        self.fields["user"].help_text = _("Tài khoản của chính người này trong cơ quan (nếu có).")


class DisciplineForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Discipline
        fields = ["measure", "decision_number", "starts_on", "ends_on", "reason"]
        widgets = {"reason": forms.Textarea({"rows": 3})}

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organization, self.instance.person = person.organization, person
        self.fields["decision_number"].required = True
        self.fields["ends_on"].help_text = _("Để trống khi quyết định chưa ghi ngày hết hiệu lực.")


class HoldFlagForm(BootstrapFormMixin, forms.ModelForm):
    """A hold on a person's or a unit's rewards (discipline review, inspection, complaint…): the note
    says why and under which paper; the hold ends with its closing date."""

    class Meta:
        model = HoldFlag
        fields = ["kind", "opened_on", "closed_on", "note"]
        widgets = {"note": forms.Textarea({"rows": 3})}

    def __init__(self, *args, person=None, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        subject = person if person is not None else unit
        self.instance.organization, self.instance.person, self.instance.unit = (
            subject.organization,
            person,
            unit,
        )
        self.fields["note"].required = True
        self.fields["note"].help_text = _("Lý do và văn bản căn cứ (số, ngày).")
        self.fields["closed_on"].help_text = _("Ghi ngày kết thúc khi việc xem xét đã xong.")

    def clean(self):
        data = super().clean()
        opened, closed = data.get("opened_on"), data.get("closed_on")
        if opened and closed and closed < opened:
            self.add_error("closed_on", _("Ngày kết thúc trước ngày bắt đầu."))
        return data


class LeaveForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Leave
        fields = ["kind", "starts_on", "ends_on", "counts_as_worked", "note"]
        widgets = {"note": forms.Textarea({"rows": 2})}

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.instance.organization, self.instance.person = person.organization, person

    def clean(self):
        data = super().clean()
        starts_on, ends_on, kind = data.get("starts_on"), data.get("ends_on"), data.get("kind")
        if starts_on and ends_on and ends_on >= starts_on:
            overlapping = Leave.objects.filter(
                person=self.person, starts_on__lte=ends_on, ends_on__gte=starts_on
            )
            if overlapping.exclude(pk=self.instance.pk).exists():
                raise forms.ValidationError(_("Thời gian nghỉ này trùng với một lần nghỉ đã ghi."))
        if kind and kind not in Leave.COUNTED_KINDS and data.get("counts_as_worked") and not data.get("note"):
            self.add_error(
                "note",
                _("Loại nghỉ này thường không được tính là thời gian công tác: ghi căn cứ nếu vẫn tính."),
            )
        return data


class WorkbookUploadForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"), validators=[validate_workbook])


class RatingsForm(BootstrapFormMixin, forms.Form):
    """One rating per person of the unit (locked once sent), and the unit's own."""

    def __init__(self, *args, current, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— Chưa xếp loại —")), *Rating.choices]
        self.people = current.people
        for person in current.people:
            entered = current.ratings.get(person.pk)
            self.fields[f"person-{person.pk}"] = forms.ChoiceField(
                label=person.full_name,
                choices=choices,
                required=False,
                initial=entered.rating if entered else "",
                disabled=entered is not None and not entered.editable,
            )
        unit_rating = current.unit_rating
        self.fields["unit_rating"] = forms.ChoiceField(
            label=_("Xếp loại tập thể đơn vị"),
            choices=choices,
            required=False,
            initial=unit_rating.rating if unit_rating else "",
            disabled=unit_rating is not None and not unit_rating.editable,
        )

    def _sent(self, name: str) -> bool:
        """A field the page sent and the unit may still change (a field not sent changes nothing)."""
        return name in self.data and not self.fields[name].disabled

    def person_ratings(self) -> dict[int, str]:
        return {
            person.pk: self.cleaned_data[f"person-{person.pk}"]
            for person in self.people
            if self._sent(f"person-{person.pk}")
        }

    def unit_rating(self) -> str | None:
        return self.cleaned_data["unit_rating"] if self._sent("unit_rating") else None
