import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def login(page, live_server):
    """Log in through the real login form, as a person would."""

    def _login(user, password="mat-khau-thu"):
        page.goto(f"{live_server.url}/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill(user.username)
        page.get_by_label("Mật khẩu").fill(password)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(f"{live_server.url}/")
        return page

    return _login
