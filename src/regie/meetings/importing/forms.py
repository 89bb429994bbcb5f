"""Forms for importing minutes: paste text or upload a file, then confirm the reviewed draft."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regie.meetings.importing import parser
from regie.meetings.validators import PlainCharField, strip_control

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
# Minutes of a meeting run to tens of thousands of characters; this bounds what the parser and
# the signed review payload carry, far above any real document.
MAX_TEXT_CHARS = 400_000
DOCX_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/octet-stream",  # what some browsers send for a .docx
    "application/zip",
}
TEXT_TYPES = {"text/plain", "application/octet-stream", ""}


class ImportForm(forms.Form):
    text = PlainCharField(
        label=gettext_lazy("Paste the minutes"),
        required=False,
        max_length=MAX_TEXT_CHARS,
        strip=False,
        widget=forms.Textarea(
            attrs={"rows": 14, "class": "utrecht-textarea", "spellcheck": "false"}
        ),
        help_text=gettext_lazy(
            "Plain text laid out like the minutes: title, Vergaderdatum, Aanwezig, numbered "
            "items, BESLUIT lines, the ACTIELIJST and the TERMIJNAGENDA."
        ),
    )
    upload = forms.FileField(
        label=gettext_lazy("Or upload a file"),
        required=False,
        help_text=gettext_lazy("A Word document (.docx) or a text file (.txt), at most 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.txt"}),
    )

    def clean_upload(self) -> UploadedFile | None:
        upload: UploadedFile | None = self.cleaned_data.get("upload")
        if upload is None:
            return None
        if (upload.size or 0) > MAX_UPLOAD_BYTES:
            raise ValidationError(_("The file is larger than 2 MB."), code="too_large")
        suffix = PurePath(upload.name or "").suffix.lower()
        content_type = (upload.content_type or "").split(";")[0].strip().lower()
        allowed = {".docx": DOCX_TYPES, ".txt": TEXT_TYPES}
        if suffix not in allowed or content_type not in allowed[suffix]:
            raise ValidationError(
                _("Upload a Word document (.docx) or a text file (.txt)."), code="file_type"
            )
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        text: str = cleaned.get("text") or ""
        upload: UploadedFile | None = cleaned.get("upload")
        if self.errors:
            return cleaned
        if text.strip() and upload is not None:
            raise ValidationError(_("Paste the text or upload a file, not both."), code="both")
        if upload is not None:
            cleaned["source"] = self._read(upload)
        elif text.strip():
            cleaned["source"] = text
        else:
            raise ValidationError(_("Paste the minutes or upload a file."), code="empty")
        return cleaned

    def _read(self, upload: UploadedFile) -> str:
        """The upload as the text the parser reads (a DOCX is rendered to that text first, so
        the confirmation can re-parse exactly what was reviewed)."""
        data = upload.read(MAX_UPLOAD_BYTES + 1)
        if (upload.name or "").lower().endswith(".docx"):
            if not data.startswith(b"PK"):
                raise ValidationError(_("This file is not a Word document."), code="not_docx")
            try:
                text = parser.docx_to_text(data)
            except parser.DocxTooLarge as exc:
                raise ValidationError(
                    _("This Word document is too large when unpacked."), code="too_large"
                ) from exc
            except parser.MinutesImportError as exc:
                raise ValidationError(
                    _("This Word document could not be read."), code="not_docx"
                ) from exc
        else:
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise ValidationError(
                    _("The text file is not UTF-8 encoded; save it as UTF-8 and try again."),
                    code="encoding",
                ) from exc
        text = strip_control(text)
        if len(text) > MAX_TEXT_CHARS:
            raise ValidationError(_("The document is too long to import."), code="too_long")
        if not text.strip():
            raise ValidationError(_("The file holds no text."), code="empty")
        return text


class ConfirmForm(forms.Form):
    """Carries the reviewed source text, signed: what is saved is a fresh parse of exactly the
    text the secretary reviewed, never a structure sent back by the browser."""

    payload = forms.CharField(widget=forms.HiddenInput)
