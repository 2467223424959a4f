import pytest

pytestmark = pytest.mark.browser


def _log_in(page, base_url: str, user, password: str):
    page.goto(f"{base_url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base_url}/")
    return page


@pytest.fixture
def login(page, live_server):
    """Log in through the real login form, as a person would."""

    def _login(user, password="mat-khau-thu"):
        return _log_in(page, live_server.url, user, password)

    return _login


@pytest.fixture
def login_elsewhere(browser, live_server):
    """Log another person in, in a page of their own, for flows where several people take turns."""

    def _login(user, password="mat-khau-thu"):
        return _log_in(browser.new_page(), live_server.url, user, password)

    return _login
