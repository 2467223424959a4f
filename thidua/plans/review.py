"""The review page's forms for one draft: document facts plus one formset per part."""

from thidua.plans.checks import draft_warnings
from thidua.plans.drafts import PART_FIELDS, initial_rows, merge_rows
from thidua.plans.forms import PART_FORMSETS, DocumentForm, kept_rows


class DraftReview:
    def __init__(self, draft, data=None):
        self.draft = draft
        units = draft.organization.units.filter(is_active=True)
        self.document = DocumentForm(
            data, initial=DocumentForm.initial_from(draft.data["document"]), prefix="doc"
        )
        self.formsets = {
            part: formset(
                data, initial=initial_rows(draft.data, part), prefix=part, form_kwargs={"units": units}
            )
            for part, formset in PART_FORMSETS.items()
        }
        self.warnings = draft_warnings(draft.data)

    def is_valid(self) -> bool:
        results = [self.document.is_valid(), *(formset.is_valid() for formset in self.formsets.values())]
        return all(results)

    def changes(self) -> dict:
        return {
            "document": self.document.to_document(),
            "parts": {
                part: merge_rows(self.draft.data, part, kept_rows(fs)) for part, fs in self.formsets.items()
            },
        }

    @property
    def parts(self):
        """(part, formset, [(form, the reader's warnings for its row)]) in the page's order."""
        return [
            (
                part,
                self.formsets[part],
                [
                    (form, self.warnings.for_row(part, form.initial.get("index")))
                    for form in self.formsets[part]
                ],
            )
            for part in PART_FIELDS
        ]
