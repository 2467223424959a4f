import pytest

PASSWORD = "mat-khau-thu"  # what tests.factories.make_user gives everyone


def sign_in(page, base_url: str, user, password: str = PASSWORD, *, succeed: bool = True):
    """Fill and send the real login form, as a person would; wait for the home page if it should work
    (an enterprise's is its portal)."""
    page.goto(f"{base_url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    if succeed:
        home = "/" if user.enterprise_id is None else "/doanh-nghiep/cua-toi/"
        page.wait_for_url(f"{base_url}{home}")
    return page


def agree_to_confirmations(page, answers: list[bool] | None = None):
    """Irreversible buttons ask first (data-confirm → window.confirm): the person agrees, unless the
    test has put False in `answers` for the next question."""
    queue = answers if answers is not None else []
    page.on("dialog", lambda dialog: dialog.accept() if not queue or queue.pop(0) else dialog.dismiss())
    return page


@pytest.fixture
def confirmations(page):
    """The answers to the next confirmation questions on the test's page (default: agree)."""
    answers: list[bool] = []
    agree_to_confirmations(page, answers)
    return answers


@pytest.fixture
def login(page, live_server, confirmations):
    """Log in on the test's own page: `login(user)`, or `login(user, "sai", succeed=False)`."""

    def _login(user, password=PASSWORD, *, succeed=True):
        return sign_in(page, live_server.url, user, password, succeed=succeed)

    return _login


@pytest.fixture
def login_elsewhere(browser, live_server):
    """Log another person in, in a page (and browser context) of their own, for flows where several
    people take turns."""

    def _login(user, password=PASSWORD):
        return sign_in(agree_to_confirmations(browser.new_page()), live_server.url, user, password)

    return _login
