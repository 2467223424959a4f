"""The demo agencies: two provincial Departments of Construction, organised as after the 2025 merger."""

from thidua.org.models import Unit
from thidua.org.roles import Role

DEMO_PASSWORD = "thidua-demo"

DIVISIONS_COMMON = [
    ("Phòng Kế hoạch - Tài chính", "KHTC", Unit.Kind.DIVISION, []),
    ("Phòng Quản lý xây dựng", "QLXD", Unit.Kind.DIVISION, []),
    ("Phòng Quy hoạch - Kiến trúc", "QHKT", Unit.Kind.DIVISION, []),
    ("Phòng Phát triển đô thị", "PTĐT", Unit.Kind.DIVISION, []),
    ("Phòng Quản lý nhà và thị trường bất động sản", "QLN", Unit.Kind.DIVISION, []),
    ("Phòng Quản lý kết cấu hạ tầng giao thông", "KCHT", Unit.Kind.DIVISION, []),
    ("Phòng Quản lý vận tải, phương tiện và người lái", "QLVT", Unit.Kind.DIVISION, []),
]

AGENCIES = [
    {
        "slug": "sxd-thanh-hoa",
        "name": "Sở Xây dựng tỉnh Thanh Hóa",
        "short_name": "Sở Xây dựng",
        "province": "Thanh Hóa",
        "parent_authority": "UBND tỉnh Thanh Hóa",
        "document_symbol": "SXD",
        "username_prefix": "thanhhoa",
        "units": [
            ("Lãnh đạo Sở", "LĐS", Unit.Kind.LEADERSHIP, []),
            ("Văn phòng Sở", "VP", Unit.Kind.OFFICE, []),
            *DIVISIONS_COMMON,
            (
                "Trung tâm Kiểm định chất lượng xây dựng",
                "TTKĐ",
                Unit.Kind.UNIT,
                ["Phòng Thí nghiệm vật liệu xây dựng", "Phòng Kiểm định công trình"],
            ),
            ("Trung tâm Đăng kiểm xe cơ giới", "TTĐK", Unit.Kind.UNIT, []),
            ("Ban Quản lý dự án đầu tư xây dựng công trình giao thông", "BQLDA", Unit.Kind.UNIT, []),
        ],
        "enterprises": [
            ("Công ty Cổ phần Xây dựng Hàm Rồng", "2800123456", "construction", "private", "medium"),
            ("Công ty TNHH Vật liệu xây dựng Nghi Sơn", "2800654321", "materials", "private", "large"),
        ],
        "plan": "thanh-hoa-tang-truong-hai-con-so.txt",
        "people": {
            Role.OFFICE: ("Lê Thị Hồng", "Chuyên viên phụ trách thi đua", "Văn phòng Sở"),
            Role.LEADER: ("Mai Huy Hoàng", "Phó Giám đốc", "Lãnh đạo Sở"),
            Role.UNIT_HEAD: ("Nguyễn Văn Thành", "Trưởng phòng", "Phòng Phát triển đô thị"),
            Role.STAFF: ("Trịnh Thu Trang", "Chuyên viên", "Phòng Phát triển đô thị"),
            Role.ENTERPRISE: ("Phạm Quốc Khánh", "Giám đốc", None),
            Role.OBSERVER: ("Hoàng Minh Đức", "Chuyên viên Ban Thi đua - Khen thưởng, Sở Nội vụ", None),
        },
    },
    {
        "slug": "sxd-lang-son",
        "name": "Sở Xây dựng tỉnh Lạng Sơn",
        "short_name": "Sở Xây dựng",
        "province": "Lạng Sơn",
        "parent_authority": "UBND tỉnh Lạng Sơn",
        "document_symbol": "SXD",
        "username_prefix": "langson",
        "units": [
            ("Lãnh đạo Sở", "LĐS", Unit.Kind.LEADERSHIP, []),
            ("Văn phòng Sở", "VP", Unit.Kind.OFFICE, []),
            *DIVISIONS_COMMON,
            ("Trung tâm Giám định chất lượng xây dựng", "TTGĐ", Unit.Kind.UNIT, ["Phòng Thí nghiệm"]),
            ("Ban Quản lý bảo trì đường bộ", "BQLBT", Unit.Kind.UNIT, []),
            ("Trung tâm Đăng kiểm phương tiện giao thông", "TTĐK", Unit.Kind.UNIT, []),
        ],
        "enterprises": [
            (
                "Công ty Cổ phần Xây dựng và Thương mại Kỳ Lừa",
                "4900234567",
                "construction",
                "private",
                "medium",
            ),
            ("Công ty TNHH Vận tải và Logistics Đồng Đăng", "4900345678", "logistics", "private", "small"),
            (
                "Công ty TNHH MTV Quản lý và Sửa chữa đường bộ Lạng Sơn",
                "4900100200",
                "infrastructure",
                "state",
                "medium",
            ),
            ("Công ty TNHH Vật liệu xây dựng Hữu Nghị", "4900456789-001", "materials", "fdi", "large"),
        ],
        "plan": "lang-son-doanh-nghiep.txt",
        "people": {
            Role.OFFICE: ("Hoàng Thị Ngọc", "Chuyên viên phụ trách thi đua", "Văn phòng Sở"),
            Role.LEADER: ("Trần Văn Vương", "Phó Giám đốc", "Lãnh đạo Sở"),
            Role.UNIT_HEAD: ("Vi Văn Hùng", "Trưởng phòng", "Phòng Kế hoạch - Tài chính"),
            Role.STAFF: ("Lộc Thị Mai", "Chuyên viên", "Phòng Kế hoạch - Tài chính"),
            Role.ENTERPRISE: ("Nông Văn Sơn", "Giám đốc", None),
            Role.OBSERVER: ("Lương Thị Hà", "Chuyên viên Ban Thi đua - Khen thưởng, Sở Nội vụ", None),
        },
    },
]

USERNAME_SUFFIX = {
    Role.OFFICE: "vanphong",
    Role.LEADER: "lanhdao",
    Role.UNIT_HEAD: "truongphong",
    Role.STAFF: "chuyenvien",
    Role.ENTERPRISE: "doanhnghiep",
    Role.OBSERVER: "theodoi",
}
