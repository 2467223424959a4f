"""The one exception the reader raises, with a Vietnamese message for the person uploading."""

from __future__ import annotations

MESSAGES = {
    "empty": "Tệp trống: không có nội dung để đọc.",
    "binary": "Tệp không phải là văn bản đọc được (có vẻ là dữ liệu nhị phân).",
    "encoding": "Không đọc được bảng mã của tệp văn bản. Vui lòng lưu lại tệp với bảng mã UTF-8.",
    "corrupt_docx": "Không mở được tệp Word (.docx): tệp bị hỏng hoặc không đúng định dạng .docx.",
    "corrupt_pdf": "Không mở được tệp PDF: tệp bị hỏng, có mật khẩu hoặc không đúng định dạng PDF.",
    "scanned_pdf": (
        "Tệp PDF là bản quét (ảnh), không có lớp chữ để đọc. Vui lòng tải lên bản .docx hoặc bản PDF có chữ."
    ),
    "too_large": "Tệp quá lớn: dung lượng tối đa là 20 MB.",
    "not_a_plan": (
        "Văn bản này không giống một kế hoạch: không tìm thấy tiêu đề “KẾ HOẠCH” "
        "hay các mục I, II, III của một kế hoạch."
    ),
    "unsupported_type": "Định dạng tệp chưa được hỗ trợ. Vui lòng dùng tệp .docx, .pdf, .txt hoặc .md.",
    "not_found": "Không tìm thấy tệp hoặc không đọc được tệp.",
    "internal": "Đã xảy ra lỗi khi đọc kế hoạch. Vui lòng thử lại hoặc nhập kế hoạch thủ công.",
}


class ExtractionError(ValueError):
    """A file or text the reader cannot turn into a plan draft.

    `code` is stable for programs ("empty", "binary", "corrupt_docx", "corrupt_pdf",
    "scanned_pdf", "too_large", "not_a_plan", "unsupported_type", "encoding", "not_found",
    "internal"); `message` (also `str(err)`) is for the user, in Vietnamese.
    """

    def __init__(self, code: str, message: str | None = None):
        self.code = code
        self.message = message or MESSAGES.get(code, MESSAGES["internal"])
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message
